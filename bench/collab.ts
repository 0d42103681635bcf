import { randomUUID } from "node:crypto";
import os from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { chromium, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { Node } from "prosemirror-model";
import { schema } from "@/lib/editor/schema";
import { type BenchContext, type Bench, type Figure, machine } from "./bench-result";
import { createBenchDatabase } from "./bench-database";
import { Typist } from "./collab-typist";
import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { openEventStream, type EventStreamClient } from "./event-stream-client";
import { generateArticle, mulberry32, type GeneratedSpan } from "./generate-article";
import { treeRss } from "./process-memory";
import { insertAnnotations, openPrisma, seedArticle, seedUsers, type SeededArticle, type SeededUser } from "./seed";
import { startServer, type BenchServer } from "./start-server";
import { latencySummary, mb, ms, percentile, round2 } from "./stats";
import { CHROMIUM_EXECUTABLE, QUIET_CHROMIUM_ARGS } from "../tests/helpers/chromium";

/**
 * Live collaboration on two production instances sharing one PostgreSQL database (as behind a
 * load balancer without sticky sessions):
 * 1. a tag made in a browser on instance 1, timed to its highlight painted in a browser on
 *    instance 2 (baseline: the same tag painted in the first browser);
 * 2. 20 editors typing at once into one article, simulated in Node with the editor's own collab
 *    channel over HTTP (baseline: one editor typing alone);
 * 3. 500 idle event streams on one instance: memory per stream, and how soon an annotation written
 *    reaches all of them (baseline: the same with one stream).
 */
const TAG_WORDS = 4_000;
const TAG_RUNS = 30;
const TYPISTS = 20;
const TYPING_WORDS = 1_000;
const TYPING_ANNOTATIONS = 100;
const TYPING_SECONDS = Number(process.env.COLLAB_TYPING_SECONDS ?? 60);
const BASELINE_TYPING_SECONDS = Math.min(15, TYPING_SECONDS);
const CHARACTERS_PER_SECOND = 5;
/** How long the typists may take, after the last keystroke, to send everything and catch up. */
const QUIET_TIMEOUT_MS = 60_000;
const STREAMS = 500;
const STREAMS_OPENED_AT_ONCE = 50;
const FANOUT_ROUNDS = 5;
const FANOUT_TIMEOUT_MS = 10_000;
const TARGETS = { remotePaintP95Ms: 100, divergence: 0, acceptP99Ms: 100, streamKB: 50, fanoutP95Ms: 200 };
const PASSWORD = "bench-collab-password";
const CHROMIUM_ARGS = [
  ...QUIET_CHROMIUM_ARGS,
  // Two windows side by side: neither may be throttled as a background page would be.
  "--disable-renderer-backgrounding",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `at` (performance.now() time); timers may fire a fraction of a millisecond early, so it checks. */
async function sleepUntil(at: number): Promise<void> {
  while (performance.now() < at) await sleep(Math.max(1, Math.ceil(at - performance.now())));
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

interface ArticleJson {
  revision: { id: string; version: number; text: string; doc: unknown };
  lastEvent: number;
}

async function loadArticle(base: string, token: string, id: string): Promise<ArticleJson> {
  const { status, json } = await api<ArticleJson>(base, token, "GET", `/api/articles/${id}`);
  if (status !== 200) throw new Error(`GET /api/articles/${id}: ${status}`);
  return json;
}

// ---------------------------------------------------------------------------------------------
// 1. Tag to remote paint

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Articles" }).waitFor();
}

/** A window of its own (own cookies), signed in on one instance, with the article open in the editor. */
async function openWindow(browser: Browser, base: string, email: string, articleId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx keeps function names with a helper that does not exist in the page; supply it there.
  await page.addInitScript("globalThis.__name = (fn) => fn;");
  await page.addInitScript(noteStreamArrivals);
  await signIn(page, base, email);
  await page.goto(`${base}/articles/${articleId}`);
  await page.locator(".editor-mount[data-ready=true]").waitFor();
  return page;
}

/**
 * Runs in each page before its scripts: keeps when each event-stream message arrived (listened to
 * ahead of the page's own handler) and more resource timings than the default 250, to split a tag's
 * way from one window to the other into its legs.
 */
function noteStreamArrivals() {
  performance.setResourceTimingBufferSize(100_000);
  const w = window as unknown as { streamArrivals: { at: number; data: string }[] };
  w.streamArrivals = [];
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener("message", (event) => w.streamArrivals.push({ at: performance.timeOrigin + performance.now(), data: String(event.data) }));
    }
  };
}

/**
 * How far a page's high-resolution clock (performance.timeOrigin + performance.now(), which both
 * windows stamp with) is from the wall clock: the two windows' offsets should agree, or times taken
 * in one and the other cannot be subtracted. Date.now() has whole milliseconds: the mean of many
 * readings is finer.
 */
async function clockOffset(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let sum = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      sum += Date.now() - (performance.timeOrigin + performance.now());
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    return sum / n;
  });
}

interface RemoteTagTiming {
  /** Keydown in A to the highlight painted in A (the baseline), ms. */
  local: number;
  /** Keydown in A to the same highlight painted in B, ms. */
  remote: number;
  /** The legs of `remote`, ms (null when a leg could not be found). */
  legs: {
    /** Keydown in A to A's request for the annotation leaving. */
    keyToRequest: number | null;
    /** A's request leaving to its answer (the write on instance 1). */
    request: number | null;
    /** A's request leaving to B's stream receiving the event (write, notification, instance 2's read, the stream). */
    requestToEventInB: number | null;
    /** B's stream receiving the event to the highlight painted in B. */
    eventToPaintInB: number | null;
  };
}

/**
 * One tag on the first words of paragraph `index`: A stamps the keydown that completes the shortcut
 * and the frame after its own highlight appears; B, watching the same paragraph, stamps the frame
 * after the highlight with the same annotation id appears there. Starts once A's previous tag is
 * saved and B has painted it, so each tag is timed on its own.
 */
async function tagToRemotePaint(a: Page, b: Page, index: number): Promise<RemoteTagTiming | { missed: string }> {
  await a.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor();
  // B: note the paragraph's highlights now; stamp when a new one is painted.
  await b.evaluate((index) => {
    const paragraph = () => document.querySelectorAll(".editor-surface p")[index];
    const ids = () => [...(paragraph()?.querySelectorAll("[data-annotation-id]") ?? [])].map((e) => e.getAttribute("data-annotation-id")!);
    const known = new Set(ids());
    const w = window as unknown as { remotePaint: Promise<{ id: string; at: number }> };
    w.remotePaint = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const added = ids().find((id) => !known.has(id));
        if (!added) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve({ id: added, at: performance.timeOrigin + performance.now() }));
      });
      observer.observe(document.querySelector(".editor-surface")!, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-annotation-id"] });
    });
  }, index);
  // A: select the paragraph's first words; stamp the shortcut's keydown and its own paint.
  await a.evaluate((index) => {
    const all = document.querySelectorAll(".editor-surface p");
    const p = all[index];
    if (!p) throw new Error(`no paragraph ${index} of ${all.length}`);
    const first = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    range.setStart(first, 0);
    range.setEnd(first, Math.min(first.length, 12));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const ids = () => [...(document.querySelectorAll(".editor-surface p")[index]?.querySelectorAll("[data-annotation-id]") ?? [])].map((e) => e.getAttribute("data-annotation-id")!);
    const known = new Set(ids());
    const w = window as unknown as { localPaint: Promise<{ id: string; key: number; at: number }> };
    w.localPaint = new Promise((resolve) => {
      let key = 0;
      const onKeyDown = (event: KeyboardEvent) => {
        if (event.key === "Control" || event.key === "Alt") return;
        key = performance.timeOrigin + performance.now();
        document.removeEventListener("keydown", onKeyDown, { capture: true });
      };
      document.addEventListener("keydown", onKeyDown, { capture: true });
      const observer = new MutationObserver(() => {
        const added = ids().find((id) => !known.has(id));
        if (!added) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve({ id: added, key, at: performance.timeOrigin + performance.now() }));
      });
      observer.observe(document.querySelector(".editor-surface")!, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-annotation-id"] });
    });
  }, index);
  await a.waitForFunction(() => (getSelection()?.toString().length ?? 0) > 0);
  await a.keyboard.press("Control+Alt+1");
  const local = await a.evaluate(() => (window as unknown as { localPaint: Promise<{ id: string; key: number; at: number }> }).localPaint);
  const remote = await b.evaluate(
    (timeout) =>
      Promise.race([
        (window as unknown as { remotePaint: Promise<{ id: string; at: number }> }).remotePaint,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout)),
      ]),
    10_000,
  );
  if (!remote) return { missed: `paragraph ${index}: not painted in B within 10 s` };
  if (remote.id !== local.id) return { missed: `paragraph ${index}: B painted ${remote.id}, A tagged ${local.id}` };
  // The annotation's create request: the first request to …/annotations after the key (a resource
  // timing is listed once its answer is in, which may be after B painted).
  const request = await a.evaluate(async (key) => {
    for (let waited = 0; waited < 2_000; waited += 10) {
      const entry = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find(
        (e) => e.name.endsWith("/annotations") && performance.timeOrigin + e.startTime >= key,
      );
      if (entry) return { start: performance.timeOrigin + entry.startTime, end: performance.timeOrigin + entry.responseEnd };
      await new Promise((r) => setTimeout(r, 10));
    }
    return null;
  }, local.key);
  const arrival = await b.evaluate(
    (id) => (window as unknown as { streamArrivals: { at: number; data: string }[] }).streamArrivals.find((m) => m.data.includes(id))?.at ?? null,
    local.id,
  );
  return {
    local: local.at - local.key,
    remote: remote.at - local.key,
    legs: {
      keyToRequest: request ? request.start - local.key : null,
      request: request ? request.end - request.start : null,
      requestToEventInB: request && arrival !== null ? arrival - request.start : null,
      eventToPaintInB: arrival !== null ? remote.at - arrival : null,
    },
  };
}

async function remotePaintBench(one: BenchServer, two: BenchServer, emails: [string, string], articleId: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  try {
    const a = await openWindow(browser, one.url, emails[0], articleId);
    const b = await openWindow(browser, two.url, emails[1], articleId);
    const visibility = [await a.evaluate(() => document.visibilityState), await b.evaluate(() => document.visibilityState)];
    const skew = (await clockOffset(b)) - (await clockOffset(a));
    // The first tag runs code neither page has run yet: timed, reported alone, left out of the percentiles.
    const first = await tagToRemotePaint(a, b, 1);
    const timings: RemoteTagTiming[] = [];
    const missed: string[] = [];
    for (let i = 0; i < TAG_RUNS; i++) {
      const timing = await tagToRemotePaint(a, b, 2 + i);
      if ("missed" in timing) missed.push(timing.missed);
      else timings.push(timing);
    }
    const remote = timings.map((t) => t.remote);
    const local = timings.map((t) => t.local);
    const leg = (key: keyof RemoteTagTiming["legs"]) => {
      const samples = timings.map((t) => t.legs[key]).filter((v): v is number => v !== null);
      return { p50: ms(percentile(samples, 50)), p95: ms(percentile(samples, 95)), found: samples.length };
    };
    return {
      runs: TAG_RUNS,
      painted: timings.length,
      missed,
      windowVisibility: visibility,
      clockSkewMs: round2(skew),
      remoteMs: { p50: ms(percentile(remote, 50)), p95: ms(percentile(remote, 95)), max: ms(Math.max(...remote)), samples: remote.map(ms) },
      localBaselineMs: { p50: ms(percentile(local, 50)), p95: ms(percentile(local, 95)), max: ms(Math.max(...local)), samples: local.map(ms) },
      legsMs: { keyToRequest: leg("keyToRequest"), request: leg("request"), requestToEventInB: leg("requestToEventInB"), eventToPaintInB: leg("eventToPaintInB") },
      first:
        "missed" in first
          ? first
          : { local: ms(first.local), remote: ms(first.remote), legs: Object.fromEntries(Object.entries(first.legs).map(([k, v]) => [k, v === null ? null : ms(v)])) },
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Editors typing together

interface TypingRun {
  typists: number;
  seconds: number;
  typed: number;
  accepted: { requests: number; steps: number };
  sends: number;
  conflicts: number;
  otherRefusals: number;
  serverErrors: number;
  catchUps: number;
  acceptMs: ReturnType<typeof latencySummary>;
  conflictMs: ReturnType<typeof latencySummary>;
  catchUpMs: ReturnType<typeof latencySummary>;
  keystrokeToConfirmedMs: ReturnType<typeof latencySummary>;
  typingLagMs: ReturnType<typeof latencySummary>;
  benchEventLoopDelayMs: { p50: number; p99: number; max: number };
  stepsPerSend: { accepted: number; all: number };
  conflictBodyKB: { mean: number; max: number };
  conflictRate: number;
  quietAfterMs: number | null;
  divergent: number;
  lostCharacters: number;
  serverVersion: number;
  cpuSeconds: { servers: number; perInstance: number[]; postgresAllOnMachine: number; bench: number };
  serverCpuMsPerAcceptedStep: number | null;
  serverCpuMsPerAcceptedRequest: number | null;
  problems: string[];
  serverLogs?: string[];
}

/**
 * `count` editors type CHARACTERS_PER_SECOND letters a second each, at random places, for `seconds`
 * (each from a random offset in the first keystroke interval), spread over the instances in turn.
 * Then every typist must, once quiet, have exactly the text and document the server has.
 */
async function typing(servers: BenchServer[], users: SeededUser[], article: SeededArticle, count: number, seconds: number, seed: number): Promise<TypingRun> {
  const random = mulberry32(seed);
  const loaded = await loadArticle(servers[0]!.url, users[0]!.token, article.id);
  const initialLength = [...loaded.revision.text].length;
  const typists = Array.from(
    { length: count },
    (_, i) =>
      new Typist({
        base: servers[i % servers.length]!.url,
        articleId: article.id,
        token: users[i]!.token,
        userId: users[i]!.actor.id,
        clientId: `bench-${seed}-${i}`,
        version: loaded.revision.version,
        doc: loaded.revision.doc,
        lastEvent: loaded.lastEvent,
        random: mulberry32(seed * 1000 + i),
      }),
  );
  await Promise.all(typists.map((t) => t.connect()));
  const cpuBefore = servers.map((s) => cpuSnapshot(s.pid));
  // The typists share this process: how late its event loop ran says how much of a latency is its own.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const interval = 1000 / CHARACTERS_PER_SECOND;
  const began = performance.now();
  const end = began + seconds * 1000;
  await Promise.all(
    typists.map(async (typist) => {
      for (let at = began + random() * interval; at < end; at += interval) {
        await sleepUntil(at);
        typist.type(performance.now() - at);
      }
    }),
  );
  // Quiet: nothing unsent, nothing in flight, every typist at the server's version.
  const quietStarted = performance.now();
  let quietAfterMs: number | null = null;
  let server = await loadArticle(servers[0]!.url, users[0]!.token, article.id);
  while (performance.now() - quietStarted < QUIET_TIMEOUT_MS) {
    if (typists.every((t) => t.idle || t.stopped)) {
      server = await loadArticle(servers[0]!.url, users[0]!.token, article.id);
      if (typists.every((t) => t.channel.version === server.revision.version || t.stopped)) {
        quietAfterMs = performance.now() - quietStarted;
        break;
      }
    }
    await sleep(50);
  }
  const cpuAfter = servers.map((s) => cpuSnapshot(s.pid));
  loopDelay.disable();
  // A moment more of quiet, then the text as stored, read through the other instance too.
  await sleep(1_000);
  server = await loadArticle(servers[1 % servers.length]!.url, users[0]!.token, article.id);
  const storedDoc = Node.fromJSON(schema, server.revision.doc);
  for (const t of typists) t.stop();

  // A typist the server told to reload has stopped with text of its own: it counts as divergent.
  const divergent = typists.filter((t) => t.problems.some((p) => p.startsWith("reload")) || t.text() !== server.revision.text || !t.state.doc.eq(storedDoc)).length;
  const typed = typists.reduce((n, t) => n + t.typed, 0);
  const requests = typists.flatMap((t) => t.requests);
  const sends = requests.filter((r) => r.kind === "send");
  const accepted = sends.filter((r) => r.status === 200);
  const conflicts = sends.filter((r) => r.status === 409);
  const catchUps = requests.filter((r) => r.kind === "catch-up");
  const acceptedSteps = accepted.reduce((n, r) => n + r.steps, 0);
  const perInstance = servers.map((_, i) => cpuAfter[i]!.server - cpuBefore[i]!.server);
  const serverCpu = perInstance.reduce((a, b) => a + b, 0);
  const r1 = (v: number) => Math.round(v * 10) / 10;
  return {
    typists: count,
    seconds,
    typed,
    accepted: { requests: accepted.length, steps: acceptedSteps },
    sends: sends.length,
    conflicts: conflicts.length,
    otherRefusals: sends.length - accepted.length - conflicts.length,
    serverErrors: requests.filter((r) => r.status >= 500).length,
    catchUps: catchUps.length,
    acceptMs: latencySummary(accepted.map((r) => r.ms)),
    conflictMs: latencySummary(conflicts.map((r) => r.ms)),
    catchUpMs: latencySummary(catchUps.map((r) => r.ms)),
    keystrokeToConfirmedMs: latencySummary(typists.flatMap((t) => t.keyToConfirmed)),
    typingLagMs: latencySummary(typists.flatMap((t) => t.typingLag)),
    benchEventLoopDelayMs: { p50: ms(loopDelay.percentile(50) / 1e6), p99: ms(loopDelay.percentile(99) / 1e6), max: ms(loopDelay.max / 1e6) },
    stepsPerSend: { accepted: accepted.length > 0 ? round2(acceptedSteps / accepted.length) : 0, all: sends.length > 0 ? round2(sends.reduce((n, r) => n + r.steps, 0) / sends.length) : 0 },
    conflictBodyKB: {
      mean: conflicts.length > 0 ? round2(conflicts.reduce((n, r) => n + r.bytes, 0) / conflicts.length / 1024) : 0,
      max: conflicts.length > 0 ? round2(Math.max(...conflicts.map((r) => r.bytes)) / 1024) : 0,
    },
    conflictRate: sends.length > 0 ? round2(conflicts.length / sends.length) : 0,
    quietAfterMs: quietAfterMs === null ? null : Math.round(quietAfterMs),
    divergent,
    lostCharacters: typed - ([...server.revision.text].length - initialLength),
    serverVersion: server.revision.version,
    cpuSeconds: {
      servers: r1(serverCpu),
      perInstance: perInstance.map(r1),
      postgresAllOnMachine: cpuSpent(cpuBefore[0]!, cpuAfter[0]!).postgres,
      bench: r1(cpuAfter[0]!.bench - cpuBefore[0]!.bench),
    },
    serverCpuMsPerAcceptedStep: acceptedSteps > 0 ? round2((serverCpu * 1000) / acceptedSteps) : null,
    serverCpuMsPerAcceptedRequest: accepted.length > 0 ? round2((serverCpu * 1000) / accepted.length) : null,
    problems: typists.flatMap((t) => t.problems).slice(0, 10),
    // What the instances logged, when they answered with errors: the cause, for whoever reads the result.
    ...(requests.some((r) => r.status >= 500) ? { serverLogs: servers.map((s) => s.log().replaceAll(process.cwd(), ".").slice(-1500)) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Idle event streams

/** The server's resident memory: the median of a few readings, a tenth of a second apart. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) {
    samples.push(treeRss(pid));
    await sleep(100);
  }
  return percentile(samples, 50);
}

interface Receipt {
  arrived: Map<string, number>;
}

/** Opens `count` streams of one article, STREAMS_OPENED_AT_ONCE at a time; each notes when each annotation's event arrived. */
async function openStreams(base: string, articleId: string, token: string, after: number, count: number) {
  const streams: Array<EventStreamClient & Receipt> = [];
  for (let first = 0; first < count; first += STREAMS_OPENED_AT_ONCE) {
    const batch = Array.from({ length: Math.min(STREAMS_OPENED_AT_ONCE, count - first) }, () => {
      const arrived = new Map<string, number>();
      const client = openEventStream(base, articleId, token, after, (event, at) => {
        if (event.action === "annotation.create") arrived.set(event.entityId, at);
      });
      return Object.assign(client, { arrived });
    });
    streams.push(...batch);
    await Promise.all(batch.map((s) => s.opened));
  }
  return streams;
}

/**
 * Writes one annotation per round through the API and times, for every open stream, from just
 * before the write is sent to the stream receiving its event.
 */
async function fanout(base: string, token: string, article: SeededArticle, spans: GeneratedSpan[], streams: Receipt[], rounds: number, firstSpan: number) {
  const latencies: number[] = [];
  const perRound: Array<{ writeMs: number; p50: number; p95: number; max: number; missing: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const span = spans[firstSpan + round]!;
    const id = randomUUID();
    const sent = performance.now();
    const { status } = await api(base, token, "POST", `/api/articles/${article.id}/annotations`, { id, revisionId: article.revisionId, kind: span.kind, start: span.start, end: span.end });
    const written = performance.now() - sent;
    if (status !== 201) throw new Error(`POST annotation: ${status}`);
    const deadline = performance.now() + FANOUT_TIMEOUT_MS;
    while (streams.some((s) => !s.arrived.has(id)) && performance.now() < deadline) await sleep(5);
    const arrivals = streams.filter((s) => s.arrived.has(id)).map((s) => s.arrived.get(id)! - sent);
    latencies.push(...arrivals);
    perRound.push({ writeMs: ms(written), p50: ms(percentile(arrivals, 50)), p95: ms(percentile(arrivals, 95)), max: ms(Math.max(...arrivals)), missing: streams.length - arrivals.length });
    await sleep(500);
  }
  return { latency: latencySummary(latencies), perRound, missing: perRound.reduce((n, r) => n + r.missing, 0) };
}

async function idleStreamsBench(server: BenchServer, writer: SeededUser, viewer: SeededUser, article: SeededArticle, spans: GeneratedSpan[]) {
  const { lastEvent } = await loadArticle(server.url, viewer.token, article.id);
  // Warm-up: the routes' code loaded, the bus listening, before memory is read.
  const warm = await openStreams(server.url, article.id, viewer.token, lastEvent, 1);
  await fanout(server.url, writer.token, article, spans, warm, 1, 0);
  warm.forEach((s) => s.close());

  // Baseline: one stream.
  await sleep(500);
  const after = (await loadArticle(server.url, viewer.token, article.id)).lastEvent;
  const single = await openStreams(server.url, article.id, viewer.token, after, 1);
  const cpuBaseline = cpuSnapshot(server.pid);
  const baseline = await fanout(server.url, writer.token, article, spans, single, FANOUT_ROUNDS, 1);
  const cpuBaselineSpent = cpuSnapshot(server.pid);
  single.forEach((s) => s.close());

  await sleep(2_000);
  const rssBefore = await settledRss(server.pid);
  const cpuBefore = cpuSnapshot(server.pid);
  const opening = performance.now();
  const from = (await loadArticle(server.url, viewer.token, article.id)).lastEvent;
  const streams = await openStreams(server.url, article.id, viewer.token, from, STREAMS);
  const openedMs = performance.now() - opening;
  const cpuOpening = cpuSnapshot(server.pid).server - cpuBefore.server;
  await sleep(3_000);
  const rssOpen = await settledRss(server.pid);
  const cpuFanout = cpuSnapshot(server.pid);
  const many = await fanout(server.url, writer.token, article, spans, streams, FANOUT_ROUNDS, 1 + FANOUT_ROUNDS);
  const cpuFanoutSpent = cpuSnapshot(server.pid);
  const rssAfterEvents = await settledRss(server.pid);
  streams.forEach((s) => s.close());
  await sleep(2_000);
  const rssClosed = await settledRss(server.pid);
  const perStream = (rssOpen - rssBefore) / STREAMS;
  return {
    streams: STREAMS,
    openedInMs: Math.round(openedMs),
    serverCpuSecondsToOpen: Math.round(cpuOpening * 100) / 100,
    rssMB: { before: mb(rssBefore), open: mb(rssOpen), afterEvents: mb(rssAfterEvents), closed: mb(rssClosed) },
    perStreamKB: Math.round(perStream / 1024),
    fanoutMs: many.latency,
    // Each round also writes the annotation (on this instance) and waits 500 ms after its last receipt.
    serverCpuMsPerRound: Math.round(((cpuFanoutSpent.server - cpuFanout.server) * 1000) / FANOUT_ROUNDS),
    benchCpuMsPerRound: Math.round(((cpuFanoutSpent.bench - cpuFanout.bench) * 1000) / FANOUT_ROUNDS),
    fanoutPerRound: many.perRound,
    missing: many.missing,
    baseline: {
      streams: 1,
      fanoutMs: baseline.latency,
      perRound: baseline.perRound,
      serverCpuMsPerRound: Math.round(((cpuBaselineSpent.server - cpuBaseline.server) * 1000) / FANOUT_ROUNDS),
    },
  };
}

// ---------------------------------------------------------------------------------------------

export const collabBench: Bench = {
  name: "collab",
  needsBuild: true,
  async run({ port }: BenchContext) {
    const database = await createBenchDatabase();
    try {
      const { prisma, close } = openPrisma(database.url);
      const windows = await seedUsers(prisma, 2, { password: PASSWORD, prefix: "window" });
      const typists = await seedUsers(prisma, TYPISTS, { prefix: "typist" });
      const [viewer] = await seedUsers(prisma, 1, { prefix: "viewer", role: "reviewer" });
      const tagText = generateArticle(TAG_WORDS, 0, 7);
      const tagArticle = await seedArticle(prisma, windows[0]!.actor, tagText);
      const typingText = generateArticle(TYPING_WORDS, TYPING_ANNOTATIONS, 11);
      const typingArticle = await seedArticle(prisma, typists[0]!.actor, typingText);
      const soloArticle = await seedArticle(prisma, typists[0]!.actor, typingText);
      const streamText = generateArticle(500, 1 + 2 * FANOUT_ROUNDS, 13);
      const streamArticle = await seedArticle(prisma, windows[0]!.actor, streamText);
      await close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await insertAnnotations(client, typingArticle, typingText.spans, typists[0]!.actor.id);
      await insertAnnotations(client, soloArticle, typingText.spans, typists[0]!.actor.id);
      await client.end();

      const one = await startServer(port, database.url);
      const two = await startServer(port + 1, database.url).catch(async (err: unknown) => {
        await one.stop();
        throw err;
      });
      const loadAverages: Record<string, number> = {};
      const load = () => Math.round(os.loadavg()[0]! * 10) / 10;
      try {
        loadAverages.tags = load();
        const tags = await remotePaintBench(one, two, [windows[0]!.actor.email, windows[1]!.actor.email], tagArticle.id);
        loadAverages.streams = load();
        const streams = await idleStreamsBench(one, windows[0]!, viewer!, streamArticle, streamText.spans);
        loadAverages.typing = load();
        const solo = await typing([one, two], typists.slice(0, 1), soloArticle, 1, BASELINE_TYPING_SECONDS, 1);
        const together = await typing([one, two], typists, typingArticle, TYPISTS, TYPING_SECONDS, 2);

        const result = {
          name: "collab",
          at: new Date().toISOString(),
          machine: machine(),
          loadAverageAtStart: loadAverages,
          setup: {
            instances: 2,
            database: "one PostgreSQL database shared by both instances",
            tagArticle: { words: tagText.words, paragraphs: tagText.paragraphs.length },
            typing: {
              typists: TYPISTS,
              charactersPerSecondEach: CHARACTERS_PER_SECOND,
              seconds: TYPING_SECONDS,
              baselineSeconds: BASELINE_TYPING_SECONDS,
              articleWords: typingText.words,
              articleAnnotations: TYPING_ANNOTATIONS,
              client: "Node: EditorState + prosemirror-collab, the editor's CollabChannel and EventQueue, bearer token, the article's event stream; typists alternate between the instances",
            },
            streams: { count: STREAMS, instance: 1, rounds: FANOUT_ROUNDS, write: "POST /api/articles/:id/annotations on the same instance" },
          },
          tagToRemotePaint: tags,
          typing: { together, alone: solo },
          idleStreams: streams,
          targets: TARGETS,
        };
        const acceptP99 = together.acceptMs.p99;
        const figures: Figure[] = [
          { bench: "collab", figure: "tag: key in A to paint in A (baseline), p50 / p95 (ms)", value: `${tags.localBaselineMs.p50} / ${tags.localBaselineMs.p95}` },
          { bench: "collab", figure: "tag: key in A to paint in B (other instance), p50 (ms)", value: tags.remoteMs.p50 },
          {
            bench: "collab",
            figure: "tag: key in A to paint in B (other instance), p95 (ms)",
            value: tags.remoteMs.p95,
            target: `<= ${TARGETS.remotePaintP95Ms}`,
            met: tags.missed.length === 0 && tags.remoteMs.p95 <= TARGETS.remotePaintP95Ms,
          },
          { bench: "collab", figure: "tag: not painted in B", value: tags.missed.length, target: "0", met: tags.missed.length === 0 },
          { bench: "collab", figure: "typing alone (baseline): accept p50 / p99 (ms)", value: `${solo.acceptMs.p50} / ${solo.acceptMs.p99}` },
          { bench: "collab", figure: "typing alone: server CPU per accepted step (ms)", value: solo.serverCpuMsPerAcceptedStep ?? "none" },
          { bench: "collab", figure: `${TYPISTS} typing: divergent editors`, value: together.divergent, target: `${TARGETS.divergence}`, met: together.divergent === TARGETS.divergence && together.quietAfterMs !== null },
          { bench: "collab", figure: `${TYPISTS} typing: characters lost`, value: together.lostCharacters, target: "0", met: together.lostCharacters === 0 },
          { bench: "collab", figure: `${TYPISTS} typing: server errors (5xx)`, value: together.serverErrors, target: "0", met: together.serverErrors === 0 },
          { bench: "collab", figure: `${TYPISTS} typing: accept p50 (ms)`, value: together.acceptMs.p50 },
          { bench: "collab", figure: `${TYPISTS} typing: accept p99 (ms)`, value: acceptP99, target: `<= ${TARGETS.acceptP99Ms}`, met: acceptP99 <= TARGETS.acceptP99Ms },
          { bench: "collab", figure: `${TYPISTS} typing: 409 rate`, value: together.conflictRate },
          { bench: "collab", figure: `${TYPISTS} typing: keystroke to accepted p50 / p99 (ms)`, value: `${together.keystrokeToConfirmedMs.p50} / ${together.keystrokeToConfirmedMs.p99}` },
          { bench: "collab", figure: `${TYPISTS} typing: server CPU per accepted step (ms)`, value: together.serverCpuMsPerAcceptedStep ?? "none" },
          { bench: "collab", figure: `${STREAMS} streams: server RSS per stream (KB)`, value: streams.perStreamKB, target: `<= ${TARGETS.streamKB}`, met: streams.perStreamKB <= TARGETS.streamKB },
          { bench: "collab", figure: "1 stream (baseline): write to event p50 / p95 (ms)", value: `${streams.baseline.fanoutMs.p50} / ${streams.baseline.fanoutMs.p95}` },
          { bench: "collab", figure: `${STREAMS} streams: write to event p50 (ms)`, value: streams.fanoutMs.p50 },
          {
            bench: "collab",
            figure: `${STREAMS} streams: write to event p95 (ms)`,
            value: streams.fanoutMs.p95,
            target: `<= ${TARGETS.fanoutP95Ms}`,
            met: streams.missing === 0 && streams.fanoutMs.p95 <= TARGETS.fanoutP95Ms,
          },
        ];
        return { result, figures };
      } finally {
        await Promise.all([one.stop(), two.stop()]);
      }
    } finally {
      await database.drop();
    }
  },
};
