import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { type BenchContext, type Bench, machine } from "./bench-result";
import { createBenchDatabase } from "./bench-database";
import { serverProfile, type ProfileSummary } from "./cpu-profile";
import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { sampleActivity } from "./pg-activity";
import { generateArticle, mulberry32, type GeneratedSpan } from "./generate-article";
import { sampleRss } from "./process-memory";
import { openPrisma, seedArticle, seedUsers, spanColumns, type SeededArticle, type SeededUser } from "./seed";
import { startServer } from "./start-server";
import { latencySummary, mb, round2 } from "./stats";

const EDITORS = 50;
const ARTICLES = 10;
const WORDS_PER_ARTICLE = 1_000;
const SPANS_PER_ARTICLE = 300;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const WARMUP_SECONDS = 3;
// Paced run: each editor starts one action (one request) every PACE_MS, whether or not the last was answered.
const PACE_MS = Number(process.env.BENCH_API_PACE_MS ?? 2_000);
const PACE_SEED = 20_261_129;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.4;
const PROFILE = process.env.BENCH_PROFILE === "1";
const CEILING_SECONDS = Math.min(10, SECONDS);

type OpName = "create" | "update" | "delete";

/** The three writes an editor makes, against some backend (the app's API, or raw SQL). */
interface Writes {
  create(editor: number, span: GeneratedSpan, id: string): Promise<number>;
  update(editor: number, id: string, version: number, note: string): Promise<number>;
  remove(editor: number, id: string, version: number): Promise<void>;
}

interface Editor {
  user: SeededUser;
  article: SeededArticle;
  spans: GeneratedSpan[];
}

interface LoadResult {
  seconds: number;
  ops: number;
  latencies: Record<OpName, number[]>;
  errors: number;
  errorSamples: string[];
}

/**
 * 50 editors at once, each without pause: tag a span, change its note, and delete every third one
 * again (so the tables grow as in real use). Closed loop: an editor's next request waits for the
 * previous answer.
 */
async function load(editors: Editor[], writes: Writes, seconds: number): Promise<LoadResult> {
  const latencies: Record<OpName, number[]> = { create: [], update: [], delete: [] };
  let errors = 0;
  const errorSamples: string[] = [];
  const deadline = performance.now() + seconds * 1000;
  const timed = async <T>(op: OpName, work: () => Promise<T>): Promise<T | undefined> => {
    const began = performance.now();
    try {
      const value = await work();
      latencies[op].push(performance.now() - began);
      return value;
    } catch (err) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(`${op}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      return undefined;
    }
  };
  const began = performance.now();
  await Promise.all(
    editors.map(async (editor, e) => {
      for (let cycle = 0; performance.now() < deadline; cycle++) {
        const span = editor.spans[(e * 7 + cycle) % editor.spans.length]!;
        const id = randomUUID();
        const created = await timed("create", () => writes.create(e, span, id));
        if (created === undefined || performance.now() >= deadline) continue;
        const updated = await timed("update", () => writes.update(e, id, created, `Checked by editor ${e}, round ${cycle}.`));
        if (updated === undefined || cycle % 3 !== 0 || performance.now() >= deadline) continue;
        await timed("delete", () => writes.remove(e, id, updated));
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  const ops = latencies.create.length + latencies.update.length + latencies.delete.length;
  return { seconds: elapsed, ops, latencies, errors, errorSamples };
}

/**
 * What the stack itself allows on this machine: the same 50 clients, closed loop, on the app's
 * lightest route (GET /api/health: no authentication, one `SELECT 1`). No write can be answered
 * faster than this, so it bounds what any change to the annotation routes can reach.
 */
async function ceilingLoad(base: string, clients: number, seconds: number): Promise<{ seconds: number; ops: number; latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const began = performance.now();
  const deadline = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - sent);
        else errors++;
      }
    }),
  );
  return { seconds: (performance.now() - began) / 1000, ops: latencies.length, latencies, errors };
}

/** A request the app answered with an unexpected status (the message is the same as before). */
class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function httpWrites(base: string, editors: Editor[]): Writes {
  const call = async (editor: number, method: string, path: string, expected: number, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${editors[editor]!.user.token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status !== expected) throw new HttpError(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`, res.status);
    return text ? (JSON.parse(text) as { version: number }) : null;
  };
  return {
    async create(e, span, id) {
      const { article } = editors[e]!;
      const body = { id, revisionId: article.revisionId, kind: span.kind, start: span.start, end: span.end, note: span.note, attributes: span.attributes };
      return (await call(e, "POST", `/api/articles/${article.id}/annotations`, 201, body))!.version;
    },
    async update(e, id, version, note) {
      return (await call(e, "PATCH", `/api/annotations/${id}`, 200, { version, note }))!.version;
    },
    async remove(e, id, version) {
      await call(e, "DELETE", `/api/annotations/${id}?version=${version}`, 204);
    },
  };
}

/** The same rows written straight into PostgreSQL: what the app's writes cost at the least. */
function rawWrites(pool: pg.Pool, editors: Editor[]): Writes {
  return {
    async create(e, span, id) {
      const { article, user } = editors[e]!;
      const c = spanColumns(article, span);
      await pool.query(
        `INSERT INTO annotations (id, "articleId", "revisionId", kind, "from", "to", start, "end", "quoteExact", "quotePrefix", "quoteSuffix", note, attributes, "createdById", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())`,
        [id, article.id, article.revisionId, span.kind, c.from, c.to, c.start, c.end, c.quote.exact, c.quote.prefix, c.quote.suffix, span.note, JSON.stringify(span.attributes), user.actor.id],
      );
      return 1;
    },
    async update(_e, id, version, note) {
      const { rowCount } = await pool.query(`UPDATE annotations SET note = $1, version = version + 1, "updatedAt" = now() WHERE id = $2 AND version = $3 AND "deletedAt" IS NULL`, [note, id, version]);
      if (rowCount !== 1) throw new Error("update matched no row");
      return version + 1;
    },
    async remove(_e, id, version) {
      const { rowCount } = await pool.query(`UPDATE annotations SET "deletedAt" = now(), version = version + 1 WHERE id = $1 AND version = $2 AND "deletedAt" IS NULL`, [id, version]);
      if (rowCount !== 1) throw new Error("delete matched no row");
    },
  };
}

interface PacedResult {
  seconds: number;
  offered: number;
  /** Latency from each action's scheduled start to its answer: includes any wait behind a late answer. */
  latencies: Record<OpName, number[]>;
  /** From the moment each request was actually sent to its answer. */
  service: number[];
  /** How late each request left against its schedule (timer lag in this process, or a prerequisite's late answer). */
  sendLag: number[];
  errors: number;
  serverErrors: number;
  skipped: number;
  errorSamples: string[];
}

/** Waits until `at` (performance.now() time); timers may fire a fraction of a millisecond early, so it checks. */
async function sleepUntil(at: number): Promise<void> {
  while (performance.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(at - performance.now()))));
}

/**
 * The same 50 editors and the same mix, paced: each editor starts one action every `paceMs`, from a
 * random offset within the first `paceMs`, for `seconds`. Open loop: every action is started at its
 * scheduled time whatever happened to the previous ones, and its latency is measured from that time,
 * so a slow answer cannot hide the requests that would have queued behind it (no coordinated
 * omission). A note change needs its annotation's version, so it is sent once the create is
 * answered; if that answer is late, the wait counts in the note change's latency.
 */
async function pacedLoad(editors: Editor[], writes: Writes, seconds: number, paceMs: number): Promise<PacedResult> {
  const latencies: Record<OpName, number[]> = { create: [], update: [], delete: [] };
  const service: number[] = [];
  const sendLag: number[] = [];
  let errors = 0;
  let serverErrors = 0;
  let skipped = 0;
  let offered = 0;
  const errorSamples: string[] = [];
  const random = mulberry32(PACE_SEED);
  const offsets = editors.map(() => random() * paceMs);
  const began = performance.now();
  const windowEnd = began + seconds * 1000;
  let lastAnswer = began;

  /** Starts one action scheduled at `at`, once `after` (its prerequisite) is answered, with that answer. */
  const action = async <P, T>(op: OpName, at: number, after: Promise<P | undefined>, work: (prerequisite: P) => Promise<T>): Promise<T | undefined> => {
    offered++;
    await sleepUntil(at);
    const prerequisite = await after;
    if (prerequisite === undefined) {
      // The annotation was not created (or its note not changed): nothing to act on; that error is counted already.
      skipped++;
      return undefined;
    }
    const sent = performance.now();
    sendLag.push(sent - at);
    try {
      const value = await work(prerequisite);
      const answered = performance.now();
      latencies[op].push(answered - at);
      service.push(answered - sent);
      lastAnswer = Math.max(lastAnswer, answered);
      return value;
    } catch (err) {
      errors++;
      if (err instanceof HttpError && err.status >= 500) serverErrors++;
      if (errorSamples.length < 5) errorSamples.push(`${op}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      lastAnswer = Math.max(lastAnswer, performance.now());
      return undefined;
    }
  };

  // Every action of the run is scheduled up front; none waits for another's slot.
  const started: Promise<unknown>[] = [];
  const ready = Promise.resolve(true as const);
  editors.forEach((editor, e) => {
    let slot = 0;
    const next = () => began + offsets[e]! + paceMs * slot++;
    for (let cycle = 0; ; cycle++) {
      const span = editor.spans[(e * 7 + cycle) % editor.spans.length]!;
      const id = randomUUID();
      const createAt = next();
      if (createAt >= windowEnd) break;
      const created = action("create", createAt, ready, () => writes.create(e, span, id));
      started.push(created);
      const updateAt = next();
      if (updateAt >= windowEnd) break;
      const updated = action("update", updateAt, created, (version) => writes.update(e, id, version, `Checked by editor ${e}, round ${cycle}.`));
      started.push(updated);
      if (cycle % 3 !== 0) continue;
      const deleteAt = next();
      if (deleteAt >= windowEnd) break;
      started.push(action("delete", deleteAt, updated, (version) => writes.remove(e, id, version)));
    }
  });
  await Promise.all(started);
  const elapsed = (Math.max(windowEnd, lastAnswer) - began) / 1000;
  return { seconds: elapsed, offered, latencies, service, sendLag, errors, serverErrors, skipped, errorSamples };
}

function summarise(run: LoadResult) {
  const all = [...run.latencies.create, ...run.latencies.update, ...run.latencies.delete];
  return {
    seconds: round2(run.seconds),
    ops: run.ops,
    throughput: Math.round(run.ops / run.seconds),
    latencyMs: latencySummary(all),
    byOperation: {
      create: latencySummary(run.latencies.create),
      update: latencySummary(run.latencies.update),
      delete: latencySummary(run.latencies.delete),
    },
    errors: run.errors,
    errorSamples: run.errorSamples,
  };
}

function summarisePaced(run: PacedResult, paceMs: number, windowSeconds: number) {
  const all = [...run.latencies.create, ...run.latencies.update, ...run.latencies.delete];
  return {
    paceMs,
    seconds: round2(run.seconds),
    offered: run.offered,
    offeredRate: round2(run.offered / windowSeconds),
    ops: all.length,
    throughput: round2(all.length / run.seconds),
    latencyMs: latencySummary(all),
    byOperation: {
      create: latencySummary(run.latencies.create),
      update: latencySummary(run.latencies.update),
      delete: latencySummary(run.latencies.delete),
    },
    serviceMs: latencySummary(run.service),
    sendLagMs: latencySummary(run.sendLag),
    errors: run.errors,
    serverErrors: run.serverErrors,
    skipped: run.skipped,
    errorSamples: run.errorSamples,
  };
}

/**
 * The API under load: 50 concurrent editors, each with its own token, against `next start` on
 * PostgreSQL for 30 s. Baseline: the same writes as plain SQL with pg at the same concurrency.
 * Saturation is a closed loop (each editor sends its next request when the last is answered); the
 * paced run, on a fresh server, has each editor start one action every BENCH_API_PACE_MS (2 s).
 */
export const apiBench: Bench = {
  name: "api",
  needsBuild: true,
  async run({ port }: BenchContext) {
    const database = await createBenchDatabase();
    try {
      const { prisma, close } = openPrisma(database.url);
      const users = await seedUsers(prisma, EDITORS);
      const articles: { seeded: SeededArticle; spans: GeneratedSpan[] }[] = [];
      for (let a = 0; a < ARTICLES; a++) {
        const generated = generateArticle(WORDS_PER_ARTICLE, SPANS_PER_ARTICLE, 100 + a);
        articles.push({ seeded: await seedArticle(prisma, users[a]!.actor, generated), spans: generated.spans });
      }
      await close();
      const editors: Editor[] = users.map((user, e) => ({ user, article: articles[e % ARTICLES]!.seeded, spans: articles[e % ARTICLES]!.spans }));

      const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), "newsmark-bench-profile-")) : undefined;
      const server = await startServer(port, database.url, { cpuProfileDir: profileDir });
      let app: ReturnType<typeof summarise>;
      let appCpu: ReturnType<typeof cpuSpent>;
      let peakRss: number;
      let sessions: Record<string, number> | undefined;
      let serverCpu: ProfileSummary | undefined;
      let ceiling: Awaited<ReturnType<typeof ceilingLoad>>;
      try {
        const writes = httpWrites(server.url, editors);
        await load(editors, writes, WARMUP_SECONDS);
        const memory = sampleRss(server.pid, 200);
        const activity = PROFILE ? await sampleActivity(database.url, database.name) : null;
        const before = cpuSnapshot(server.pid);
        app = summarise(await load(editors, writes, SECONDS));
        appCpu = cpuSpent(before, cpuSnapshot(server.pid));
        peakRss = memory.stop();
        sessions = await activity?.stop();
        ceiling = await ceilingLoad(server.url, EDITORS, CEILING_SECONDS);
      } finally {
        await server.stop();
      }
      if (profileDir) serverCpu = serverProfile(profileDir);

      // Paced: a fresh server (so the saturation run's heap and backlog do not weigh on it), warmed
      // up as the first one was, then one action per editor every PACE_MS for as long.
      const pacedServer = await startServer(port, database.url);
      let paced: ReturnType<typeof summarisePaced>;
      let pacedCpu: ReturnType<typeof cpuSpent>;
      let pacedLoadAverage: number;
      try {
        const writes = httpWrites(pacedServer.url, editors);
        await load(editors, writes, WARMUP_SECONDS);
        await new Promise((r) => setTimeout(r, 1_000));
        pacedLoadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
        const before = cpuSnapshot(pacedServer.pid);
        paced = summarisePaced(await pacedLoad(editors, writes, SECONDS, PACE_MS), PACE_MS, SECONDS);
        pacedCpu = cpuSpent(before, cpuSnapshot(pacedServer.pid));
      } finally {
        await pacedServer.stop();
      }

      const pool = new pg.Pool({ connectionString: database.url, max: EDITORS });
      // The database is dropped WITH (FORCE) at the end, which terminates a connection the pool is
      // still closing; that must not end the run before its result is written.
      pool.on("error", () => {});
      let raw: ReturnType<typeof summarise>;
      let rawCpu: ReturnType<typeof cpuSpent>;
      try {
        const writes = rawWrites(pool, editors);
        await load(editors, writes, WARMUP_SECONDS);
        const before = cpuSnapshot();
        raw = summarise(await load(editors, writes, SECONDS));
        rawCpu = cpuSpent(before, cpuSnapshot());
      } finally {
        await pool.end();
      }

      const ratio = round2(app.throughput / raw.throughput);
      const pacedLabel = `paced: 1 action / editor / ${PACE_MS / 1000} s`;
      const closedLabel = "saturation (closed loop)";
      const result = {
        name: "api",
        at: new Date().toISOString(),
        machine: machine(),
        setup: {
          editors: EDITORS,
          articles: ARTICLES,
          wordsPerArticle: WORDS_PER_ARTICLE,
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          mix: "create, update note, delete every third",
          load: "app and raw: closed loop, no pause; paced: open loop, one action per editor every paceMs from a random offset, latency from the scheduled start, on a fresh server",
          paceMs: PACE_MS,
        },
        app: { ...app, cpuSeconds: appCpu, serverPeakRssMB: mb(peakRss), ...(PROFILE ? { sessions, serverProfile: serverCpu } : {}) },
        raw: { ...raw, cpuSeconds: rawCpu },
        ceiling: {
          route: "GET /api/health (no authentication, one SELECT 1), same server after the saturation run",
          seconds: round2(ceiling.seconds),
          ops: ceiling.ops,
          throughput: Math.round(ceiling.ops / ceiling.seconds),
          latencyMs: latencySummary(ceiling.latencies),
          errors: ceiling.errors,
        },
        paced: {
          ...paced,
          cpuSeconds: pacedCpu,
          serverCpuMsPerRequest: paced.ops > 0 ? round2((pacedCpu.server * 1000) / paced.ops) : null,
          loadAverageAtStart: pacedLoadAverage,
        },
        throughputRatio: ratio,
        targets: { p99Ms: TARGET_P99_MS, throughputRatio: TARGET_RATIO },
      };
      return {
        result,
        figures: [
          { bench: "api", figure: `${closedLabel}: app throughput (requests/s)`, value: app.throughput },
          { bench: "api", figure: `${closedLabel}: app latency p50 (ms)`, value: app.latencyMs.p50 },
          { bench: "api", figure: `${closedLabel}: app latency p99 (ms)`, value: app.latencyMs.p99, target: `<= ${TARGET_P99_MS}`, met: app.latencyMs.p99 <= TARGET_P99_MS },
          { bench: "api", figure: `${closedLabel}: app errors`, value: app.errors, target: "0", met: app.errors === 0 },
          { bench: "api", figure: `${closedLabel}: raw SQL throughput (writes/s)`, value: raw.throughput },
          { bench: "api", figure: `${closedLabel}: raw SQL latency p99 (ms)`, value: raw.latencyMs.p99 },
          { bench: "api", figure: `${closedLabel}: throughput app/raw`, value: ratio, target: `>= ${TARGET_RATIO}`, met: ratio >= TARGET_RATIO },
          { bench: "api", figure: `${closedLabel}: stack ceiling, GET /api/health (requests/s)`, value: Math.round(ceiling.ops / ceiling.seconds) },
          { bench: "api", figure: `${closedLabel}: stack ceiling, GET /api/health latency p99 (ms)`, value: latencySummary(ceiling.latencies).p99 },
          { bench: "api", figure: `${closedLabel}: stack ceiling / raw`, value: round2(ceiling.ops / ceiling.seconds / raw.throughput) },
          { bench: "api", figure: `${pacedLabel}: offered rate (requests/s)`, value: paced.offeredRate },
          { bench: "api", figure: `${pacedLabel}: achieved throughput (requests/s)`, value: paced.throughput },
          { bench: "api", figure: `${pacedLabel}: latency p50 / p95 (ms)`, value: `${paced.latencyMs.p50} / ${paced.latencyMs.p95}` },
          { bench: "api", figure: `${pacedLabel}: latency p99 (ms)`, value: paced.latencyMs.p99, target: `<= ${TARGET_P99_MS}`, met: paced.latencyMs.p99 <= TARGET_P99_MS },
          { bench: "api", figure: `${pacedLabel}: errors (5xx)`, value: `${paced.errors} (${paced.serverErrors})`, target: "0", met: paced.errors === 0 },
        ],
      };
    } finally {
      await database.drop();
    }
  },
};
