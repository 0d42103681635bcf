import { PrismaPg } from "@prisma/adapter-pg";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { GET as eventsHandler } from "@/app/api/articles/[id]/events/route";
import { articleEventSchema, presenceEventSchema, type ArticleEvent, type PresenceEvent } from "@/lib/contracts/collab";
import { pgNotifications, type Notifications } from "@/lib/db/notifications";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { acceptSteps } from "@/lib/server/collab/accept-steps";
import { useDatabase } from "@/lib/server/database/app-database";
import { ArticleEventBus } from "@/lib/server/events/article-event-bus";
import { openArticleEventStream } from "@/lib/server/events/article-event-stream";
import { HEARTBEAT_MS } from "@/lib/server/events/event-stream";
import { getArticleEventBus } from "@/lib/server/events/event-bus-instance";
import { publishPresence } from "@/lib/server/events/publish-presence";
import { documented } from "../../helpers/contract-response";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { expectError, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { deleteRange, edit, insertAt, liveText } from "./collab-api";

const LEAD = "The mayor said the budget would rise by four percent next year.";
const REACTION = "Critics called the plan reckless and said it was unfunded.";

// Each answer is checked against the OpenAPI document before the test reads it.
const eventsRoute = documented("GET", "/api/articles/[id]/events", eventsHandler);

/** How long a test waits for an event before it fails (polling, never a fixed sleep). */
const DEADLINE_MS = 10_000;

/** Polls until `check` holds, failing after the deadline. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  await expect.poll(check, { message: `waiting for ${what}`, timeout: DEADLINE_MS, interval: 10 }).toBe(true);
}

/** A subscriber that keeps what it is sent. */
function collector(last: number): { events: ArticleEvent[]; beats: PresenceEvent[]; subscriber: Parameters<ArticleEventBus["subscribe"]>[1] } {
  const events: ArticleEvent[] = [];
  const beats: PresenceEvent[] = [];
  return {
    events,
    beats,
    subscriber: {
      last,
      onEvents: (batch) => events.push(...batch),
      onPresence: (beat) => beats.push(beat),
    },
  };
}

const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One server-sent event as a browser reads it: its fields, and the comments before it. */
interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

/** Reads a `text/event-stream` body event by event, as EventSource would. */
class SseReader {
  readonly events: SseEvent[] = [];
  private buffer = "";
  private readonly decoder = new TextDecoder();
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private done = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** The data of every event with an id, parsed. */
  get articleEvents(): ArticleEvent[] {
    return this.events.filter((e) => e.id !== undefined).map((e) => articleEventSchema.parse(JSON.parse(e.data!)));
  }

  /** Reads until `enough` holds for what has arrived, failing at the deadline or if the stream ends first. */
  async until(what: string, enough: (reader: SseReader) => boolean): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    while (!enough(this)) {
      if (this.done) throw new Error(`The stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.events)}`);
      this.pending ??= this.reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const result = await Promise.race([this.pending, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)))]);
      clearTimeout(timer);
      if (result === null) continue;
      this.pending = undefined;
      if (result.done) {
        this.done = true;
        continue;
      }
      this.take(this.decoder.decode(result.value, { stream: true }));
    }
  }

  private take(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: SseEvent = { comments: [] };
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          event.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(":");
        const field = line.slice(0, colon) as "id" | "event" | "data" | "retry";
        const value = line.slice(colon + 1).replace(/^ /, "");
        // Multi-line data joins with newlines, as EventSource does.
        event[field] = field === "data" && event.data !== undefined ? `${event.data}\n${value}` : value;
      }
      this.events.push(event);
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel();
  }
}

describeEachDatabase("live events", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let token: string;
  /** Buses, streams and clients a test opened, closed after it whatever its outcome. */
  let cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    editor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    token = await createTestToken(db.prisma, editor.email);
  });

  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });

  async function startBus(notifications: Notifications = db.notifications, prisma: PrismaClient = db.prisma): Promise<ArticleEventBus> {
    const bus = new ArticleEventBus(prisma);
    await bus.start(notifications);
    cleanups.push(() => bus.close());
    return bus;
  }

  const newArticle = () => makeArticle(db.prisma, editor, [LEAD, REACTION]);
  const latestEvent = async (articleId: string) => (await db.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).eventSeq;
  const storedEvents = (articleId: string) => db.prisma.articleEvent.findMany({ where: { articleId }, orderBy: { seq: "asc" } });

  /** Tags words of the article's first text (version 0): the server maps them to the live text. */
  async function tag(article: TestArticle, quote: string, prisma: PrismaClient = db.prisma) {
    const span = locate(article.text, quote);
    return (await createAnnotation(prisma, editor, article.id, { revisionId: article.revisionId, textVersion: 0, kind: "claim", from: span.from, to: span.to })).annotation;
  }

  async function steps(articleId: string, change: Parameters<typeof edit>[1], clientId = "page-a") {
    const live = await liveText(db.prisma, articleId);
    return acceptSteps(db.prisma, editor, articleId, { version: live.version, clientId, steps: edit(live.doc, change).steps });
  }

  it("numbers an article's events 1, 2, 3… in commit order, each with the text version it was written at", async () => {
    const article = await newArticle();
    await tag(article, "budget");
    await steps(article.id, insertAt(1, "Yesterday "));
    await tag(article, "reckless");
    const events = await storedEvents(article.id);
    expect(events.map((e) => [e.seq, e.action, e.version])).toEqual([
      [1, "article.create", 0],
      [2, "annotation.create", 0],
      [3, "revision.open", 1],
      [4, "text.steps", 1],
      [5, "annotation.create", 1],
    ]);
    expect(await latestEvent(article.id)).toBe(5);
    // Another article's events are numbered on their own.
    const other = await newArticle();
    expect((await storedEvents(other.id)).map((e) => e.seq)).toEqual([1]);
  });

  it("sends a subscriber exactly the events after its last one, in order and once, then every new one", async () => {
    const article = await newArticle();
    for (const quote of ["mayor", "budget", "four percent", "Critics"]) await tag(article, quote);
    const latest = await latestEvent(article.id);
    expect(latest).toBe(5);

    const bus = await startBus();
    const fromTwo = collector(2);
    const fromStart = collector(0);
    const upToDate = collector(latest);
    const subscribed = [fromTwo, fromStart, upToDate].map((c) => bus.subscribe(article.id, c.subscriber));
    cleanups.push(async () => subscribed.forEach((stop) => stop()));
    await eventually("the missed events", () => fromTwo.events.length >= latest - 2 && fromStart.events.length >= latest);
    expect(seqs(fromTwo.events)).toEqual(range(3, latest));
    expect(seqs(fromStart.events)).toEqual(range(1, latest));
    expect(upToDate.events).toEqual([]);

    // New events reach everyone once, whoever wrote them and however many arrive at once.
    await steps(article.id, insertAt(1, "Yesterday "));
    await tag(article, "unfunded");
    await steps(article.id, insertAt(1, "On Monday, "));
    const now = await latestEvent(article.id);
    await eventually("the new events", () => upToDate.events.length >= now - latest && fromStart.events.length >= now);
    expect(seqs(upToDate.events)).toEqual(range(latest + 1, now));
    expect(seqs(fromTwo.events)).toEqual(range(3, now));
    expect(seqs(fromStart.events)).toEqual(range(1, now));
    // What a subscriber is sent is what is stored.
    const stored = await storedEvents(article.id);
    expect(fromStart.events.map((e) => [e.seq, e.action, e.entityId, e.version])).toEqual(stored.map((e) => [e.seq, e.action, e.entityId, e.version]));

    // Other articles' events are not sent.
    const other = await newArticle();
    await tag(other, "mayor");
    await steps(article.id, insertAt(1, "So "));
    const last = await latestEvent(article.id);
    await eventually("the last event", () => upToDate.events.at(-1)?.seq === last);
    expect(seqs(upToDate.events)).toEqual(range(latest + 1, last));
    expect(upToDate.events.every((e) => e.entityId !== other.id)).toBe(true);
    expect(bus.size).toBe(3);
  });

  it("sends a create, a review, text steps that orphan a tag, and a delete with their actions, actors and text versions", async () => {
    const article = await newArticle();
    const bus = await startBus();
    const start = await latestEvent(article.id);
    const seen = collector(start);
    const stop = bus.subscribe(article.id, seen.subscriber);
    cleanups.push(async () => stop());

    const claim = await tag(article, "budget");
    const hedge = await tag(article, "reckless");
    await reviewAnnotation(db.prisma, reviewer, claim.id, { version: claim.version, decision: "approve" });
    const gone = locate((await liveText(db.prisma, article.id)).text, "reckless and ");
    await steps(article.id, deleteRange(gone.from, gone.to));
    const current = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } });
    await deleteAnnotation(db.prisma, reviewer, claim.id, { version: current.version });

    const last = await latestEvent(article.id);
    await eventually("every event", () => seen.events.at(-1)?.seq === last);
    const live = await liveText(db.prisma, article.id);
    expect(seen.events.map((e) => [e.action, e.entityId, e.version, e.actor?.id ?? null])).toEqual([
      ["annotation.create", claim.id, 0, editor.id],
      ["annotation.create", hedge.id, 0, editor.id],
      ["annotation.approve", claim.id, 0, reviewer.id],
      ["revision.open", live.revisionId, 1, editor.id],
      ["annotation.orphan", hedge.id, 1, editor.id],
      ["text.steps", live.revisionId, 1, null],
      ["annotation.delete", claim.id, 1, reviewer.id],
    ]);
    expect(seqs(seen.events)).toEqual(range(start + 1, last));
    for (const event of seen.events) articleEventSchema.parse(event);
    // An annotation event carries the annotation as that change left it; a delete and the text's own event carry none.
    expect(seen.events[0]!.annotation).toMatchObject({ id: claim.id, status: "pending", quote: { exact: "budget" } });
    expect(seen.events[2]!.annotation).toMatchObject({ id: claim.id, status: "approved", reviewedBy: { id: reviewer.id } });
    expect(seen.events[4]!.annotation).toMatchObject({ status: "orphaned", quote: "reckless" });
    expect(seen.events[5]!.annotation).toBeUndefined();
    expect(seen.events[6]!.annotation).toBeUndefined();
  });

  it("fans presence beats out to the article's subscribers only, without storing them", async () => {
    const article = await newArticle();
    const other = await newArticle();
    const bus = await startBus();
    const here = collector(await latestEvent(article.id));
    const there = collector(await latestEvent(other.id));
    const stops = [bus.subscribe(article.id, here.subscriber), bus.subscribe(other.id, there.subscriber)];
    cleanups.push(async () => stops.forEach((stop) => stop()));
    const before = await db.prisma.articleEvent.count();
    await publishPresence(db.prisma, reviewer, article.id, { clientId: "page-r", version: 0, from: 5, to: 9, activity: "reviewing" });
    await eventually("the beat", () => here.beats.length === 1);
    expect(presenceEventSchema.parse(here.beats[0])).toMatchObject({ clientId: "page-r", version: 0, from: 5, to: 9, activity: "reviewing", user: { id: reviewer.id, name: reviewer.name } });
    expect(here.beats[0]).not.toHaveProperty("articleId");
    // A later beat on the other article reaches only its subscriber; by then this one would have arrived too.
    await publishPresence(db.prisma, editor, other.id, { clientId: "page-e", version: 0, from: 1, to: 1, activity: "editing" });
    await eventually("the other beat", () => there.beats.length === 1);
    expect(here.beats).toHaveLength(1);
    expect(await db.prisma.articleEvent.count()).toBe(before);
    expect(here.events).toEqual([]);
  });

  it("reaches two app instances, each listening on its own connection, when a third client writes", async () => {
    const article = await newArticle();
    // On a PostgreSQL server each instance has its own listening connection and the writer its own
    // pool; PGlite lives in one process, where its listeners are told directly.
    let writer = db.prisma;
    let instanceNotifications: Notifications[] = [db.notifications, db.notifications];
    if (db.kind === "postgresql") {
      const connectionString = db.connectionString!;
      writer = createPrismaClient(new PrismaPg(new pg.Pool({ connectionString }), { disposeExternalPool: true }));
      cleanups.push(() => writer.$disconnect());
      instanceNotifications = [pgNotifications(connectionString), pgNotifications(connectionString)];
    }
    const buses = [await startBus(instanceNotifications[0]), await startBus(instanceNotifications[1])];
    if (db.kind === "postgresql") {
      // Two channels per instance: article events and presence, each LISTENed on a connection of its own.
      const listening = await db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`;
      expect(listening[0]!.n).toBeGreaterThanOrEqual(4);
    }
    const start = await latestEvent(article.id);
    const seen = buses.map(() => collector(start));
    const stops = buses.map((bus, i) => bus.subscribe(article.id, seen[i]!.subscriber));
    cleanups.push(async () => stops.forEach((stop) => stop()));

    const annotation = await tag(article, "budget", writer);
    await eventually("both instances to hear it", () => seen.every((s) => s.events.length === 1));
    for (const s of seen) expect(s.events[0]).toMatchObject({ seq: start + 1, action: "annotation.create", entityId: annotation.id, version: 0 });
  });

  if (db.kind === "postgresql") {
    it("catches up from the table when its listening connection was cut and comes back", async () => {
      const article = await newArticle();
      const bus = await startBus(pgNotifications(db.connectionString!));
      const start = await latestEvent(article.id);
      const seen = collector(start);
      const stop = bus.subscribe(article.id, seen.subscriber);
      cleanups.push(async () => stop());
      await tag(article, "budget");
      await eventually("the first event", () => seen.events.length === 1);

      // Cut every listening connection: notifications sent meanwhile are lost with them.
      const cut = await db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%') t`;
      expect(cut[0]!.n).toBeGreaterThanOrEqual(2);
      await tag(article, "reckless");
      await steps(article.id, insertAt(1, "Yesterday "));
      const last = await latestEvent(article.id);
      await eventually("the events written while it was away", () => seen.events.at(-1)?.seq === last);
      expect(seqs(seen.events)).toEqual(range(start + 1, last));
    });
  }

  /** GET /api/articles/:id/events as the route handler answers it, with its body read as server-sent events. */
  async function openStream(articleId: string, opts: { after?: string; lastEventId?: string; token?: string } = {}) {
    const headers = new Headers({ authorization: `Bearer ${opts.token ?? token}` });
    if (opts.lastEventId !== undefined) headers.set("last-event-id", opts.lastEventId);
    const abort = new AbortController();
    const query = opts.after === undefined ? "" : `?after=${opts.after}`;
    const res = await eventsRoute(new NextRequest(`http://localhost/api/articles/${articleId}/events${query}`, { headers, signal: abort.signal }), {
      params: Promise.resolve({ id: articleId }),
    });
    return { res, abort };
  }

  it("streams events as server-sent events: id and data per event, resumable from Last-Event-ID without gaps or repeats", async () => {
    const article = await newArticle();
    const hedge = await tag(article, "reckless");
    await steps(article.id, insertAt(1, "Yesterday "));
    const latest = await latestEvent(article.id);

    const { res, abort } = await openStream(article.id, { after: "0" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toContain("no-transform");
    const stream = new SseReader(res.body!.getReader());
    cleanups.push(() => stream.cancel());
    await stream.until("the stored events", (s) => s.articleEvents.length === latest);
    // First a reconnection delay and a comment, then one event per stored event, with its number as id.
    expect(stream.events[0]).toMatchObject({ retry: "1000", comments: ["connected"] });
    const stored = await storedEvents(article.id);
    expect(stream.events.filter((e) => e.id !== undefined).map((e) => Number(e.id))).toEqual(range(1, latest));
    expect(stream.articleEvents.map((e) => [e.seq, e.action, e.version])).toEqual(stored.map((e) => [e.seq, e.action, e.version]));
    expect(stream.articleEvents[1]).toMatchObject({ action: "annotation.create", entityId: hedge.id, actor: { id: editor.id, name: editor.name } });

    // While open, new events and presence beats arrive; beats have no id (they are not kept).
    await publishPresence(db.prisma, reviewer, article.id, { clientId: "page-r", version: 1, from: 2, to: 2, activity: "reviewing" });
    const gone = locate((await liveText(db.prisma, article.id)).text, "reckless and ");
    await steps(article.id, deleteRange(gone.from, gone.to));
    const now = await latestEvent(article.id);
    await stream.until("the new events and the beat", (s) => s.articleEvents.length === now && s.events.some((e) => e.event === "presence"));
    const beat = stream.events.find((e) => e.event === "presence")!;
    expect(beat.id).toBeUndefined();
    expect(presenceEventSchema.parse(JSON.parse(beat.data!))).toMatchObject({ clientId: "page-r", user: { id: reviewer.id } });
    expect(stream.articleEvents.map((e) => e.seq)).toEqual(range(1, now));
    expect(stream.articleEvents.at(-1)).toMatchObject({ action: "text.steps", version: 2 });

    // A browser that lost the stream after event k reconnects with Last-Event-ID: k and gets k+1…, once each.
    abort.abort();
    await stream.until("the stream to end when the request is aborted", () => false).catch((err: Error) => expect(err.message).toMatch(/ended/));
    for (const k of [0, 2, now - 1, now]) {
      const resumed = await openStream(article.id, { lastEventId: String(k), after: "0" });
      expect(resumed.res.status).toBe(200);
      const again = new SseReader(resumed.res.body!.getReader());
      cleanups.push(() => again.cancel());
      // One more event after the resume point proves nothing between was skipped or sent twice.
      await tag(article, "unfunded".slice(0, 4 + (k % 3)));
      const end = await latestEvent(article.id);
      await again.until(`the events after ${k}`, (s) => s.articleEvents.at(-1)?.seq === end);
      expect(again.articleEvents.map((e) => e.seq)).toEqual(range(k + 1, end));
      await again.cancel();
    }
  });

  it("refuses a stream that says nothing or too much about where to start (400), or for no article (404)", async () => {
    const article = await newArticle();
    const latest = await latestEvent(article.id);
    const refuse = async (status: number, code: string, opts: Parameters<typeof openStream>[1], id = article.id) => {
      const { res } = await openStream(id, opts);
      await expectError(res, status, code);
    };
    await refuse(400, "validation_failed", {});
    await refuse(400, "validation_failed", { after: String(latest + 1) });
    await refuse(400, "validation_failed", { after: "-1" });
    await refuse(400, "validation_failed", { after: "1.5" });
    await refuse(400, "validation_failed", { after: "99999999999" });
    await refuse(400, "validation_failed", { lastEventId: "abc" });
    await refuse(400, "validation_failed", { lastEventId: String(latest + 1), after: "0" });
    await refuse(400, "validation_failed", { after: "0&since=3" });
    await refuse(404, "not_found", { after: "0" }, crypto.randomUUID());
    await refuse(404, "not_found", { after: "0" }, "not-an-id");
    await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
    await refuse(404, "not_found", { after: "0" });
  });

  it("ends its subscription when the reader cancels or the request is aborted, so the app's bus keeps no dead streams", async () => {
    const article = await newArticle();
    const bus = await getArticleEventBus();
    const open = bus.size;
    const aborts = [new AbortController(), new AbortController()];
    const streams = await Promise.all(aborts.map((a) => openArticleEventStream(db.prisma, editor, article.id, 0, a.signal)));
    const readers = streams.map((s) => new SseReader(s.getReader()));
    cleanups.push(() => Promise.all(readers.map((r) => r.cancel())));
    for (const reader of readers) await reader.until("the first event", (r) => r.articleEvents.length === 1);
    expect(bus.size).toBe(open + 2);
    await readers[0]!.cancel();
    expect(bus.size).toBe(open + 1);
    aborts[1]!.abort();
    await readers[1]!.until("the aborted stream to end", () => false).catch((err: Error) => expect(err.message).toMatch(/ended/));
    expect(bus.size).toBe(open);
  });

  it("checks its user at every heartbeat and closes once they are disabled", async () => {
    const article = await newArticle();
    const user = await createTestUser(db.prisma, { role: "editor" });
    // Only the heartbeat's interval runs on a fake clock; the database's own timers stay real.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    cleanups.push(async () => vi.useRealTimers());
    const stream = new SseReader((await openArticleEventStream(db.prisma, user, article.id, 0, new AbortController().signal)).getReader());
    cleanups.push(() => stream.cancel());
    await stream.until("the first event", (s) => s.articleEvents.length === 1);

    vi.advanceTimersByTime(HEARTBEAT_MS);
    await stream.until("a heartbeat", (s) => s.events.some((e) => e.comments.includes("ping")));
    await db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await stream.until("the closing event", (s) => s.events.some((e) => e.event === "closed"));
    expect(JSON.parse(stream.events.find((e) => e.event === "closed")!.data!)).toEqual({ reason: "disabled" });
    await stream.until("the stream to end", () => false).catch((err: Error) => expect(err.message).toMatch(/ended/));
  });
});
