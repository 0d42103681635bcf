import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replayUnsent } from "@/components/editor/replay-unsent";
import { AUTHOR_HEADER } from "@/lib/api/author-header";
import type { AnnotationKind, EditorAnnotation } from "@/lib/editor/annotations/types";
import { REVISION_OPERATION_ID, type SyncOperation } from "@/lib/editor/sync/sync-operation";
import { SyncQueue, type SavedRevision, type SyncProblem, type SyncStatus } from "@/lib/editor/sync/sync-queue";
import { legacyKey } from "@/lib/editor/sync/unsent-keys";
import { MemoryStorage } from "../../../helpers/browser-storage";

const ARTICLE = "article-1";
const REVISION = "revision-1";
const USER = "user-1";
const TAB = "tab-1";

/** Lets every pending promise chain run to its end (no timers involved). */
async function flush(rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

// ---------------------------------------------------------------------------------------------
// A fake of the public API's annotation endpoints, with the same rules as the real handlers.

interface Row {
  id: string;
  articleId: string;
  kind: string;
  note: string;
  from: number;
  to: number;
  version: number;
  deleted: boolean;
  links: Array<{ type: string; targetId: string }>;
}

interface Arrival {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
  /** Whose change the request says it carries. */
  author: string | null;
}

/**
 * How a request fails: "drop" never reaches the server (the network is down); "lose-response" is
 * applied by the server but its answer never comes back; "lose-create-response" loses the answers
 * to creates and drops every other request; a number is an answer with that status and nothing
 * applied.
 */
type Failure = "drop" | "lose-response" | "lose-create-response" | 429 | 500 | 503;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const apiError = (status: number, code: string, message: string, details?: unknown) =>
  json(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });

class FakeApi {
  readonly rows = new Map<string, Row>();
  /** Requests that reached the server, in arrival order. */
  readonly arrivals: Arrival[] = [];
  /** Every call of fetch, whether it reached the server or not. */
  attempts = 0;
  /** What every request meets until changed; null is a healthy network and server. */
  failure: Failure | null = null;
  /** One-off failures for the next requests, used before `failure`. */
  readonly upcoming: Failure[] = [];
  /** One-off answers for the next requests that arrive, instead of handling them. */
  readonly canned: Response[] = [];
  /** While true, arrived requests wait for release() before they are handled. */
  hold = false;
  private readonly held: Array<() => void> = [];
  inFlight = 0;
  maxInFlight = 0;

  /** The user the browser's session cookie belongs to; a request naming another author is refused, as withAuth does. */
  sessionUser: string | null = USER;

  /** The article's current revision; text saves must name it as their base. */
  revisionId = REVISION;
  revisionNumber = 1;
  /** The documents of the revisions saved, in order. */
  readonly revisions: unknown[] = [];

  constructor(readonly articleId = ARTICLE) {}

  seed(id: string, fields: Partial<Omit<Row, "id">> = {}): Row {
    const row: Row = { id, articleId: this.articleId, kind: "claim", note: "", from: 0, to: 5, version: 1, deleted: false, links: [], ...fields };
    this.rows.set(id, row);
    return row;
  }

  /** The annotations that exist (not deleted): id → kind and note. */
  live(): Map<string, { kind: string; note: string }> {
    return new Map([...this.rows.values()].filter((r) => !r.deleted).map((r) => [r.id, { kind: r.kind, note: r.note }]));
  }

  get waiting(): number {
    return this.held.length;
  }

  /** Lets the oldest held request through. */
  release(): void {
    const next = this.held.shift();
    if (!next) throw new Error("no request is waiting");
    next();
  }

  readonly fetch: typeof fetch = async (input, init) => {
    this.attempts++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const failure = this.upcoming.shift() ?? this.failure;
      const url = new URL(String(input), "http://newsmark.test");
      const isCreate = init?.method === "POST" && url.pathname.endsWith("/annotations");
      if (failure === "drop" || (failure === "lose-create-response" && !isCreate)) throw new TypeError("Failed to fetch");
      const arrival: Arrival = {
        method: init?.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        body: typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : null,
        author: new Headers(init?.headers).get(AUTHOR_HEADER),
      };
      this.arrivals.push(arrival);
      if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
      if (this.sessionUser === null) return apiError(401, "unauthorized", "Sign in");
      if (arrival.author !== null && arrival.author !== this.sessionUser) return apiError(401, "unauthorized", "These changes belong to another user");
      if (typeof failure === "number") return apiError(failure, failure === 429 ? "rate_limited" : "unavailable", "Try again later");
      const canned = this.canned.shift();
      const response = canned ?? this.handle(arrival);
      if (failure === "lose-response" || failure === "lose-create-response") throw new TypeError("Failed to fetch");
      return response;
    } finally {
      this.inFlight--;
    }
  };

  private toJson(row: Row) {
    return { id: row.id, articleId: row.articleId, kind: row.kind, note: row.note, from: row.from, to: row.to, version: row.version, status: "pending" };
  }

  private handle({ method, path, query, body }: Arrival): Response {
    const createMatch = /^\/api\/articles\/([^/]+)\/annotations$/.exec(path);
    if (createMatch && method === "POST") {
      if (createMatch[1] !== this.articleId) return apiError(404, "not_found", "Article not found");
      const input = body ?? {};
      if (typeof input.kind !== "string" || typeof input.from !== "number" || typeof input.to !== "number" || typeof input.revisionId !== "string") {
        return apiError(400, "validation_failed", "Invalid annotation");
      }
      const id = typeof input.id === "string" ? input.id : `server-${this.rows.size + 1}`;
      const fields = { kind: input.kind, from: input.from, to: input.to, note: typeof input.note === "string" ? input.note : "" };
      const existing = this.rows.get(id);
      // The same client id again: answer with what was created, or bring a deleted one back.
      if (existing && !existing.deleted) return json(200, this.toJson(existing));
      if (existing) {
        Object.assign(existing, fields, { deleted: false, version: existing.version + 1 });
        return json(201, this.toJson(existing));
      }
      return json(201, this.toJson(this.seed(id, fields)));
    }

    const revisionMatch = /^\/api\/articles\/([^/]+)\/revisions$/.exec(path);
    if (revisionMatch && method === "POST") {
      const input = (body ?? {}) as { baseRevisionId?: string; doc?: unknown; annotations?: Array<{ id: string; from: number; to: number }> };
      if (typeof input.doc !== "object" || input.doc === null) return apiError(400, "validation_failed", "doc must be a document");
      if (input.baseRevisionId !== this.revisionId) {
        return apiError(409, "conflict", "Someone saved a newer revision", {
          latest: { id: this.revisionId, number: this.revisionNumber, doc: this.revisions.at(-1) ?? null, text: "" },
        });
      }
      this.revisionNumber++;
      this.revisionId = `revision-${this.revisionNumber}`;
      this.revisions.push(input.doc);
      const spans = new Map((input.annotations ?? []).map((a) => [a.id, a]));
      const outcomes: Record<string, string> = {};
      for (const row of this.rows.values()) {
        if (row.deleted) continue;
        const span = spans.get(row.id);
        if (span) Object.assign(row, { from: span.from, to: span.to });
        row.version++;
        outcomes[row.id] = span ? "moved" : "orphaned";
      }
      const annotations = [...this.rows.values()].filter((r) => !r.deleted).map((r) => this.toJson(r));
      return json(201, { revision: { id: this.revisionId, number: this.revisionNumber, doc: input.doc, text: "" }, annotations, orphaned: [], outcomes });
    }

    const linkMatch = /^\/api\/annotations\/([^/]+)\/links$/.exec(path);
    if (linkMatch && method === "POST") {
      const row = this.rows.get(linkMatch[1]!);
      if (!row || row.deleted) return apiError(404, "not_found", "Annotation not found");
      const link = body as { type: string; targetId: string };
      if (!row.links.some((l) => l.type === link.type && l.targetId === link.targetId)) row.links.push(link);
      return json(201, this.toJson(row));
    }

    const unlinkMatch = /^\/api\/annotations\/([^/]+)\/links\/([^/]+)$/.exec(path);
    if (unlinkMatch && method === "DELETE") {
      const row = this.rows.get(unlinkMatch[1]!);
      const at = row && !row.deleted ? row.links.findIndex((l) => l.targetId === decodeURIComponent(unlinkMatch[2]!) && l.type === query.get("type")) : -1;
      if (!row || at === -1) return apiError(404, "not_found", "This attribution has no such link");
      row.links.splice(at, 1);
      return new Response(null, { status: 204 });
    }

    const oneMatch = /^\/api\/annotations\/([^/]+)$/.exec(path);
    if (oneMatch && (method === "PATCH" || method === "DELETE")) {
      const row = this.rows.get(oneMatch[1]!);
      if (!row || row.deleted) return apiError(404, "not_found", "Annotation not found");
      const version = method === "PATCH" ? body?.version : Number(query.get("version"));
      if (version !== row.version) {
        return apiError(409, "conflict", `This annotation changed since you loaded it (you sent version ${String(version)}, it is now ${row.version})`, {
          current: this.toJson(row),
        });
      }
      if (method === "DELETE") {
        row.deleted = true;
        row.version++;
        return new Response(null, { status: 204 });
      }
      if (typeof body?.kind === "string") row.kind = body.kind;
      if (typeof body?.note === "string") row.note = body.note;
      row.version++;
      return json(200, this.toJson(row));
    }
    return apiError(404, "not_found", `No route for ${method} ${path}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Storage and time, both in the test's hands.


/** A clock that only moves when the test says so; scheduled retries run when their time comes. */
class ManualClock {
  now = 0;
  /** The delay of every retry the queue scheduled, in order. */
  readonly delays: number[] = [];
  private tasks: Array<{ at: number; seq: number; run: () => void }> = [];
  private seq = 0;

  readonly schedule = (run: () => void, ms: number): void => {
    this.delays.push(ms);
    this.tasks.push({ at: this.now + ms, seq: this.seq++, run });
  };

  get scheduled(): number {
    return this.tasks.length;
  }

  /** Moves time forward, running each retry that falls due and letting the requests it starts finish. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot advance the clock by ${ms}`);
    const end = this.now + ms;
    for (;;) {
      await flush();
      this.tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.tasks[0];
      if (!next || next.at > end) break;
      this.tasks.shift();
      this.now = next.at;
      next.run();
    }
    this.now = end;
    await flush();
  }
}

function setup(options: { api?: FakeApi; storage?: MemoryStorage; articleId?: string; userId?: string; tabId?: string } = {}) {
  const api = options.api ?? new FakeApi();
  const storage = options.storage ?? new MemoryStorage();
  const clock = new ManualClock();
  const statuses: SyncStatus[] = [];
  const problems: SyncProblem[] = [];
  const saved: Array<{ id: string; annotation: Record<string, unknown> | null }> = [];
  const revisions: SavedRevision[] = [];
  let onSavedStatus: Array<() => void> = [];
  const queue = new SyncQueue({
    articleId: options.articleId ?? ARTICLE,
    userId: options.userId ?? USER,
    tabId: options.tabId ?? TAB,
    revisionId: REVISION,
    onRevision: (revision) => revisions.push(revision),
    fetch: api.fetch,
    storage,
    schedule: clock.schedule,
    onStatus(status) {
      statuses.push(status);
      if (status.state === "saved") {
        const waiting = onSavedStatus;
        onSavedStatus = [];
        for (const resolve of waiting) resolve();
      }
    },
    onProblem: (problem) => problems.push(problem),
    onSaved: (id, annotation) => saved.push({ id, annotation }),
  });
  return {
    api,
    storage,
    clock,
    queue,
    statuses,
    problems,
    saved,
    revisions,
    lastStatus: () => statuses.at(-1),
    /** Resolves when the queue next reports "saved" (at once if everything is sent already). */
    whenSaved: (): Promise<void> =>
      queue.size === 0 && api.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => onSavedStatus.push(resolve)),
  };
}

const create = (id: string, kind: AnnotationKind = "claim", extra: Record<string, unknown> = {}): SyncOperation => ({
  type: "create",
  id,
  body: { revisionId: REVISION, kind, from: 1, to: 5, ...extra },
});
const update = (id: string, patch: Record<string, unknown>): SyncOperation => ({ type: "update", id, patch });
const remove = (id: string): SyncOperation => ({ type: "delete", id });
/** A create as the editor makes it: positions in the text it last saved, the revision left for the queue to fill in. */
const tag = (id: string, from = 1, to = 5): SyncOperation => ({ type: "create", id, body: { kind: "claim", from, to } });
/** A text save of a document (any JSON object stands in for one here) with the spans the editor mapped. */
const textSave = (doc: Record<string, unknown>, annotations: Array<{ id: string; from: number; to: number }> = []): SyncOperation => ({
  type: "revision",
  id: REVISION_OPERATION_ID,
  body: { doc, annotations },
});

const describeArrival = (a: Arrival) => `${a.method} ${a.path}${a.query.size > 0 ? `?${a.query.toString()}` : ""}`;

// ---------------------------------------------------------------------------------------------

describe("SyncQueue: sending", () => {
  it("creates with the client's id and reports the server's answer", async () => {
    const { api, queue, saved, storage, lastStatus, whenSaved } = setup();
    queue.push(create("a1", "hedge", { note: "first" }));
    expect(lastStatus()).toEqual({ state: "saving", pending: 1 });
    await whenSaved();

    expect(api.arrivals.map(describeArrival)).toEqual([`POST /api/articles/${ARTICLE}/annotations`]);
    expect(api.arrivals[0]!.body).toEqual({ revisionId: REVISION, kind: "hedge", from: 1, to: 5, note: "first", id: "a1" });
    expect(api.live()).toEqual(new Map([["a1", { kind: "hedge", note: "first" }]]));
    expect(saved).toEqual([{ id: "a1", annotation: expect.objectContaining({ id: "a1", version: 1, kind: "hedge" }) }]);
    expect(lastStatus()).toEqual({ state: "saved" });
    expect(queue.size).toBe(0);
    expect(storage.items.size).toBe(0);
  });

  it("sends operations strictly in push order, one request at a time", async () => {
    const { api, queue, statuses, whenSaved } = setup();
    api.seed("old", { version: 3 });
    queue.setVersion("old", 3);
    api.hold = true;
    const ops = [create("a"), create("b", "hedge"), update("old", { kind: "attribution" }), remove("a"), create("c")];
    for (const op of ops) queue.push(op);
    expect(statuses.at(-1)).toEqual({ state: "saving", pending: 5 });

    for (let sent = 1; sent <= ops.length; sent++) {
      await flush();
      expect(api.arrivals).toHaveLength(sent);
      expect(api.waiting).toBe(1);
      expect(queue.size).toBe(ops.length - sent + 1);
      api.release();
    }
    await whenSaved();

    expect(api.maxInFlight).toBe(1);
    expect(api.arrivals.map(describeArrival)).toEqual([
      `POST /api/articles/${ARTICLE}/annotations`,
      `POST /api/articles/${ARTICLE}/annotations`,
      "PATCH /api/annotations/old",
      "DELETE /api/annotations/a?version=1",
      `POST /api/articles/${ARTICLE}/annotations`,
    ]);
    expect(api.arrivals.filter((a) => a.method === "POST").map((a) => a.body?.id)).toEqual(["a", "b", "c"]);
    expect(statuses).toContainEqual({ state: "saving", pending: 2 });
    expect(statuses.at(-1)).toEqual({ state: "saved" });
  });

  it("sends updates and deletes with the version of the last confirmed answer", async () => {
    const { api, queue, whenSaved } = setup();
    queue.push(create("a"));
    await whenSaved();
    queue.push(update("a", { kind: "hedge" }));
    await whenSaved();
    queue.push(update("a", { note: "second" }));
    await whenSaved();
    queue.push(remove("a"));
    await whenSaved();

    expect(api.arrivals.slice(1).map((a) => (a.method === "DELETE" ? Number(a.query.get("version")) : a.body?.version))).toEqual([1, 2, 3]);
    expect(api.live().size).toBe(0);
    expect(api.rows.get("a")!.version).toBe(4);
  });

  it("uses the versions it was given for annotations loaded from the server", async () => {
    const { api, queue, problems, whenSaved } = setup();
    api.seed("s1", { version: 7 });
    api.seed("s2", { version: 2 });
    queue.setVersion("s1", 7);
    queue.setVersion("s2", 2);
    queue.push(update("s1", { kind: "attribution" }));
    queue.push(remove("s2"));
    await whenSaved();

    expect(problems).toEqual([]);
    expect(api.arrivals[0]!.body).toEqual({ kind: "attribution", version: 7 });
    expect(api.arrivals[1]!.query.get("version")).toBe("2");
    expect(api.live()).toEqual(new Map([["s1", { kind: "attribution", note: "" }]]));
  });

  it("sends an update made while its create is on the wire after the create, with the create's version", async () => {
    const { api, queue, problems, whenSaved } = setup();
    api.hold = true;
    queue.push(create("a"));
    await flush();
    expect(api.waiting).toBe(1);
    queue.push(update("a", { kind: "hedge" }));
    queue.push(update("a", { note: "n" }));
    expect(queue.size).toBe(2);
    api.hold = false;
    api.release();
    await whenSaved();

    expect(problems).toEqual([]);
    expect(api.arrivals.map((a) => a.method)).toEqual(["POST", "PATCH"]);
    expect(api.arrivals[0]!.body?.kind).toBe("claim");
    expect(api.arrivals[1]!.body).toEqual({ kind: "hedge", note: "n", version: 1 });
    expect(api.live()).toEqual(new Map([["a", { kind: "hedge", note: "n" }]]));
  });

  it("deletes an annotation that was deleted while its create was on the wire", async () => {
    const { api, queue, problems, whenSaved } = setup();
    api.hold = true;
    queue.push(create("a"));
    await flush();
    queue.push(remove("a"));
    api.hold = false;
    api.release();
    await whenSaved();

    expect(problems).toEqual([]);
    expect(api.arrivals.map(describeArrival)).toEqual([`POST /api/articles/${ARTICLE}/annotations`, "DELETE /api/annotations/a?version=1"]);
    expect(api.live().size).toBe(0);
  });

  it("folds changes to an annotation whose create is still waiting into that create", async () => {
    const { api, queue, whenSaved } = setup();
    api.hold = true;
    queue.push(create("x"));
    queue.push(create("y"));
    queue.push(update("y", { kind: "attribution", note: "src" }));
    expect(queue.unsent).toEqual([create("x"), create("y", "attribution", { note: "src" })]);
    api.hold = false;
    await flush();
    api.release();
    await whenSaved();
    expect(api.arrivals.map((a) => a.method)).toEqual(["POST", "POST"]);
    expect(api.live().get("y")).toEqual({ kind: "attribution", note: "src" });
  });

  it("posts links after the annotations they join exist", async () => {
    const { api, queue, whenSaved } = setup();
    queue.push(create("claim1", "claim"));
    queue.push(create("source1", "attribution"));
    queue.push({ type: "link", id: "source1", body: { type: "attributes", targetId: "claim1" } });
    await whenSaved();
    expect(api.arrivals.map((a) => a.path).at(-1)).toBe("/api/annotations/source1/links");
    expect(api.rows.get("source1")!.links).toEqual([{ type: "attributes", targetId: "claim1" }]);
  });

  it("removes a link with DELETE on the link, in order with the link it undoes and the one that restores it", async () => {
    const { api, queue, whenSaved, saved, problems } = setup();
    api.seed("claim1");
    api.seed("source1", { kind: "attribution" });
    const link = { type: "attributes", targetId: "claim1" } as const;
    queue.push({ type: "link", id: "source1", body: link });
    queue.push({ type: "unlink", id: "source1", body: link });
    await whenSaved();
    expect(api.arrivals.map(describeArrival)).toEqual(["POST /api/annotations/source1/links", "DELETE /api/annotations/source1/links/claim1?type=attributes"]);
    expect(api.rows.get("source1")!.links).toEqual([]);
    // 204 carries no annotation; the version stays what it was.
    expect(saved.at(-1)).toEqual({ id: "source1", annotation: null });
    queue.push({ type: "link", id: "source1", body: link });
    await whenSaved();
    expect(api.rows.get("source1")!.links).toEqual([link]);
    expect(problems).toEqual([]);
    // A link that is gone already is reported, not retried.
    queue.push({ type: "unlink", id: "source1", body: { type: "attributes", targetId: "claim2" } });
    await whenSaved();
    expect(problems).toMatchObject([{ status: 404, code: "not_found", operation: { type: "unlink" } }]);
    expect(queue.size).toBe(0);
  });
});

describe("SyncQueue: network failures", () => {
  it("goes offline with the number of pending changes and sends them all once the network is back", async () => {
    const { api, queue, clock, lastStatus, statuses } = setup();
    api.failure = "drop";
    queue.push(create("a"));
    await flush();
    expect(lastStatus()).toEqual({ state: "offline", pending: 1 });
    queue.push(create("b"));
    queue.push(update("a", { kind: "hedge" }));
    await flush();
    expect(lastStatus()).toEqual({ state: "offline", pending: 3 });
    expect(api.arrivals).toEqual([]);
    expect(api.live().size).toBe(0);

    api.failure = null;
    const before = statuses.length;
    await clock.advance(60_000);
    // Back to "saving" as soon as a request goes through, counting down to "saved".
    expect(statuses.slice(before)).toEqual([
      { state: "saving", pending: 2 },
      { state: "saving", pending: 1 },
      { state: "saved" },
    ]);
    expect(api.arrivals.map((a) => a.body?.id ?? a.path)).toEqual(["a", "b", "/api/annotations/a"]);
    expect(api.live()).toEqual(
      new Map([
        ["a", { kind: "hedge", note: "" }],
        ["b", { kind: "claim", note: "" }],
      ]),
    );
  });

  it("backs off 1000, 2000, 4000 ms and more, up to a cap, and sends when a retry finds the network back", async () => {
    const { api, queue, clock, lastStatus } = setup();
    api.failure = "drop";
    queue.push(create("a"));
    await flush();
    expect(api.attempts).toBe(1);
    expect(clock.delays).toEqual([1000]);

    // The retry waits for its delay.
    await clock.advance(999);
    expect(api.attempts).toBe(1);
    await clock.advance(1);
    expect(api.attempts).toBe(2);
    expect(clock.delays).toEqual([1000, 2000]);

    for (let i = 0; i < 8; i++) await clock.advance(clock.delays.at(-1)!);
    expect(api.attempts).toBe(10);
    const delays = clock.delays;
    expect(delays.slice(0, 3)).toEqual([1000, 2000, 4000]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    const cap = delays.at(-1)!;
    expect(delays.slice(-3)).toEqual([cap, cap, cap]);
    expect(cap).toBeGreaterThan(4000);
    expect(cap).toBeLessThanOrEqual(60_000);
    expect(lastStatus()).toEqual({ state: "offline", pending: 1 });

    api.failure = null;
    await clock.advance(cap);
    expect(api.attempts).toBe(11);
    expect(api.live().size).toBe(1);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("resends a create whose response was lost without making a second annotation", async () => {
    const { api, queue, clock, problems, lastStatus, whenSaved } = setup();
    api.upcoming.push("lose-response");
    queue.push(create("a", "hedge"));
    await flush();
    expect(api.live().size).toBe(1);
    expect(lastStatus()).toEqual({ state: "offline", pending: 1 });

    await clock.advance(1000);
    await whenSaved();
    expect(api.arrivals.filter((a) => a.method === "POST").map((a) => a.body?.id)).toEqual(["a", "a"]);
    expect(api.rows.size).toBe(1);
    expect(api.live()).toEqual(new Map([["a", { kind: "hedge", note: "" }]]));

    // The version from the repeated create's answer is the one the next change sends.
    queue.push(update("a", { note: "after" }));
    await whenSaved();
    expect(problems).toEqual([]);
    expect(api.live().get("a")).toEqual({ kind: "hedge", note: "after" });
  });

  it.each([500, 503, 429] as const)("retries after a %i answer and does not report it as a problem", async (status) => {
    const { api, queue, clock, problems, lastStatus } = setup();
    api.failure = status;
    queue.push(create("a"));
    queue.push(create("b"));
    await flush();
    expect(api.arrivals).toHaveLength(1);
    expect(lastStatus()).toEqual({ state: "offline", pending: 2 });
    await clock.advance(1000);
    expect(api.arrivals).toHaveLength(2);
    expect(api.arrivals.map((a) => a.body?.id)).toEqual(["a", "a"]);

    api.failure = null;
    await clock.advance(60_000);
    expect(problems).toEqual([]);
    expect([...api.live().keys()]).toEqual(["a", "b"]);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("retryNow sends at once, without waiting for the scheduled retry", async () => {
    const { api, queue, clock, lastStatus } = setup();
    api.failure = "drop";
    queue.push(create("a"));
    await flush();
    for (let i = 0; i < 5; i++) await clock.advance(clock.delays.at(-1)!);
    const attempts = api.attempts;

    api.failure = null;
    queue.retryNow();
    await flush();
    expect(api.attempts).toBe(attempts + 1);
    expect(api.live().size).toBe(1);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  // retryNow is what the editor calls when the browser says it is online again.
  it("retryNow resets the backoff: when its attempt fails too, the next retry comes after the first step (1000 ms)", async () => {
    const { api, queue, clock } = setup();
    api.failure = "drop";
    queue.push(create("a"));
    await flush();
    for (let i = 0; i < 7; i++) await clock.advance(clock.delays.at(-1)!);
    expect(clock.delays.at(-1)).toBeGreaterThan(4000);

    const attempts = api.attempts;
    queue.retryNow();
    await flush();
    expect(api.attempts).toBe(attempts + 1);
    await clock.advance(1000);
    expect(api.attempts).toBe(attempts + 2);
  });

  it("after recovering, a new network failure is retried after the first step, not by a retry left over from before", async () => {
    const { api, queue, clock, lastStatus } = setup();
    api.failure = "drop";
    queue.push(create("a"));
    await flush();
    for (let i = 0; i < 7; i++) await clock.advance(clock.delays.at(-1)!);

    api.failure = null;
    queue.retryNow();
    await flush();
    expect(lastStatus()).toEqual({ state: "saved" });

    api.failure = "drop";
    queue.push(create("b"));
    await flush();
    const attempts = api.attempts;
    api.failure = null;
    await clock.advance(1000);
    expect(api.attempts).toBe(attempts + 1);
    expect(api.live().has("b")).toBe(true);
  });

  // The first POST reached the server and only its answer was lost. Until an answer arrives, the queue
  // cannot know whether the create exists, and a repeated create only returns the existing row: a
  // change made meanwhile has to reach the server some other way than inside that create.
  it("an update made while a create's response was lost still reaches the server", async () => {
    const { api, queue, clock, whenSaved } = setup();
    api.upcoming.push("lose-response");
    queue.push(create("a", "claim"));
    await flush();
    expect(api.live().get("a")?.kind).toBe("claim");

    queue.push(update("a", { kind: "hedge", note: "edited offline" }));
    await clock.advance(60_000);
    await whenSaved();
    expect(api.live()).toEqual(new Map([["a", { kind: "hedge", note: "edited offline" }]]));
  });

  it("a delete made while a create's response was lost removes the annotation from the server", async () => {
    const { api, queue, clock, whenSaved } = setup();
    api.upcoming.push("lose-response");
    queue.push(create("a"));
    await flush();
    expect(api.live().has("a")).toBe(true);

    queue.push(remove("a"));
    await clock.advance(60_000);
    await whenSaved();
    expect(api.live().has("a")).toBe(false);
  });
});

describe("SyncQueue: refused changes", () => {
  it("reports a conflict with the server's current annotation and goes on with the next change", async () => {
    const { api, queue, clock, problems, lastStatus, whenSaved } = setup();
    api.seed("s1", { kind: "claim", note: "theirs", version: 5 });
    queue.setVersion("s1", 4);
    const stale = update("s1", { kind: "hedge" });
    queue.push(stale);
    queue.push(create("a"));
    await whenSaved();

    expect(problems).toEqual([
      {
        operation: stale,
        status: 409,
        code: "conflict",
        message: expect.stringContaining("changed since you loaded it"),
        current: expect.objectContaining({ id: "s1", version: 5, kind: "claim", note: "theirs" }),
      },
    ]);
    expect(api.live().get("s1")).toEqual({ kind: "claim", note: "theirs" });
    expect(api.live().has("a")).toBe(true);
    expect(api.arrivals.filter((a) => a.method === "PATCH")).toHaveLength(1);
    expect(clock.scheduled).toBe(0);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("reports other 4xx answers with their code and message, without retrying", async () => {
    const { api, queue, clock, problems, whenSaved } = setup();
    queue.push(update("missing", { kind: "hedge" }));
    queue.push(create("a"));
    await whenSaved();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ status: 404, code: "not_found", message: "Annotation not found", operation: update("missing", { kind: "hedge" }) });
    expect(problems[0]!.current).toBeUndefined();
    expect(api.arrivals.map((a) => a.method)).toEqual(["PATCH", "POST"]);
    expect(clock.delays).toEqual([]);
  });

  it("reports a 4xx answer without an error body with a generic code and the status", async () => {
    const { api, queue, problems, whenSaved } = setup();
    api.canned.push(new Response("Forbidden", { status: 403 }));
    queue.push(create("a"));
    queue.push(create("b"));
    await whenSaved();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ status: 403, code: "error", operation: create("a") });
    expect(problems[0]!.message).toContain("403");
    expect([...api.live().keys()]).toEqual(["b"]);
  });

  it("does not go offline for a refused change", async () => {
    const { api, queue, statuses, whenSaved } = setup();
    api.canned.push(apiError(400, "validation_failed", "kind: Invalid option"));
    queue.push(create("a"));
    await whenSaved();
    expect(statuses.some((s) => s.state === "offline")).toBe(false);
  });
});

describe("SyncQueue: unsent work stays its author's", () => {
  it("keeps each user's and each page's changes apart on one browser", async () => {
    const storage = new MemoryStorage();
    const api = new FakeApi();
    api.failure = "drop";
    const tabOne = setup({ storage, api, tabId: "tab-1" });
    const tabTwo = setup({ storage, api, tabId: "tab-2" });
    tabOne.queue.push(create("a"));
    tabTwo.queue.push(create("b"));
    tabOne.queue.push(create("c"));
    await flush();
    // Neither page wrote over the other's changes.
    expect(setup({ storage, tabId: "tab-1" }).queue.unsent.map((op) => op.id)).toEqual(["a", "c"]);
    expect(setup({ storage, tabId: "tab-2" }).queue.unsent.map((op) => op.id)).toEqual(["b"]);
    // The next person on this browser starts with nothing of theirs.
    expect(setup({ storage, tabId: "tab-1", userId: "user-2" }).queue.unsent).toEqual([]);
  });

  it("never reads the old article-only entry, whose author is unknown", () => {
    const storage = new MemoryStorage();
    storage.setItem(legacyKey("sync", ARTICLE), JSON.stringify([create("old")]));
    expect(setup({ storage }).queue.unsent).toEqual([]);
  });

  it("names its user on every request", async () => {
    const { api, queue, whenSaved } = setup({ userId: "user-7" });
    api.sessionUser = "user-7";
    api.seed("s1");
    queue.setVersion("s1", 1);
    queue.push(create("a"));
    queue.push(update("s1", { note: "n" }));
    queue.push({ type: "link", id: "a", body: { type: "attributes", targetId: "s1" } });
    queue.push(remove("s1"));
    queue.push(textSave({ text: "new" }, [{ id: "a", from: 1, to: 5 }]));
    await whenSaved();
    expect(api.arrivals).toHaveLength(5);
    expect(api.arrivals.map((a) => a.author)).toEqual(Array(5).fill("user-7"));
  });

  it("stops sending when the session is someone else's, keeps every change, and its author's next page sends them", async () => {
    const storage = new MemoryStorage();
    const api = new FakeApi();
    const first = setup({ storage, api });
    // Someone else signed in on this browser while the page was open.
    api.sessionUser = "user-2";
    first.queue.push(create("a"));
    first.queue.push(create("b"));
    await flush();
    expect(first.lastStatus()).toEqual({ state: "signed-out", pending: 2 });
    expect(first.queue.isSignedOut).toBe(true);
    expect(api.arrivals).toHaveLength(1);
    expect(api.live().size).toBe(0);
    // Neither coming back online nor another change sends anything under that session.
    first.queue.retryNow();
    first.queue.push(create("c"));
    await first.clock.advance(60_000);
    expect(api.arrivals).toHaveLength(1);
    expect(first.clock.scheduled).toBe(0);
    expect(first.lastStatus()).toEqual({ state: "signed-out", pending: 3 });

    // The other user's page on this browser has nothing of it.
    expect(setup({ storage, api, userId: "user-2" }).queue.unsent).toEqual([]);
    // Its author signs in again and opens the article.
    api.sessionUser = USER;
    const again = setup({ storage, api });
    again.queue.retryNow();
    await again.whenSaved();
    expect([...api.live().keys()]).toEqual(["a", "b", "c"]);
    expect(storage.items.size).toBe(0);
  });

  it("sends again in the same page once its user is signed in again", async () => {
    const { api, queue, whenSaved, lastStatus } = setup();
    api.sessionUser = "user-2";
    queue.push(create("a"));
    await flush();
    expect(lastStatus()).toEqual({ state: "signed-out", pending: 1 });
    api.sessionUser = USER;
    queue.resumeSignedIn();
    await whenSaved();
    expect([...api.live().keys()]).toEqual(["a"]);
  });

  it("stops sending when signed out (401), keeping the change", async () => {
    const storage = new MemoryStorage();
    const { api, queue, lastStatus } = setup({ storage });
    api.sessionUser = null;
    queue.push(create("a"));
    await flush();
    expect(lastStatus()).toEqual({ state: "signed-out", pending: 1 });
    expect(setup({ storage }).queue.unsent).toEqual([create("a")]);
  });

  it("stops when the server says it recorded a create under someone else", async () => {
    const { api, queue, lastStatus } = setup();
    api.canned.push(json(201, { id: "a", version: 1, createdBy: { id: "user-2", name: "Someone" } }));
    queue.push(create("a"));
    queue.push(create("b"));
    await flush();
    expect(lastStatus()).toEqual({ state: "signed-out", pending: 1 });
    expect(api.arrivals).toHaveLength(1);
    expect(queue.unsent.map((op) => op.id)).toEqual(["b"]);
  });
});

describe("SyncQueue: persistence", () => {
  it("keeps unsent changes in storage and a new queue for the article sends them after retryNow", async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage });
    first.api.seed("s1", { version: 3 });
    first.queue.setVersion("s1", 3);
    first.api.failure = "drop";
    first.queue.push(create("a", "hedge"));
    await flush();
    expect(first.lastStatus()).toEqual({ state: "offline", pending: 1 });
    first.queue.push(update("a", { note: "offline note" }));
    first.queue.push(update("s1", { kind: "attribution" }));
    first.queue.push(create("b"));
    first.queue.push(remove("b"));
    await flush();
    expect(storage.items.size).toBe(1);
    const unsent = structuredClone(first.queue.unsent);
    expect(unsent[0]).toMatchObject({ type: "create", id: "a" });
    expect(unsent.at(-1)).toEqual(update("s1", { kind: "attribution" }));
    // A create deleted before it was ever sent leaves nothing to send.
    expect(unsent.some((op) => op.id === "b")).toBe(false);

    // Reload: a new queue on the same storage, and the page load tells it the server's versions.
    const second = setup({ storage, api: first.api });
    expect(second.queue.unsent).toEqual(unsent);
    expect(second.queue.size).toBe(unsent.length);
    first.api.failure = null;
    await flush();
    expect(first.api.arrivals).toEqual([]);
    second.queue.setVersion("s1", 3);
    second.queue.retryNow();
    await second.whenSaved();

    expect(second.problems).toEqual([]);
    expect(first.api.live()).toEqual(
      new Map([
        ["s1", { kind: "attribution", note: "" }],
        ["a", { kind: "hedge", note: "offline note" }],
      ]),
    );
    expect(second.queue.unsent).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it("removes sent changes from storage one by one", async () => {
    const storage = new MemoryStorage();
    const { api, queue, whenSaved } = setup({ storage });
    api.hold = true;
    queue.push(create("a"));
    queue.push(create("b"));
    await flush();
    api.release();
    await flush();
    // A reload now would resend only what is unconfirmed.
    expect(setup({ storage }).queue.unsent).toEqual([create("b")]);
    api.release();
    await whenSaved();
    expect(storage.items.size).toBe(0);
    expect(setup({ storage }).queue.unsent).toEqual([]);
  });

  it("keeps each article's unsent changes apart", async () => {
    const storage = new MemoryStorage();
    const one = setup({ storage, articleId: "article-1" });
    one.api.failure = "drop";
    one.queue.push(create("a"));
    await flush();
    expect(setup({ storage, articleId: "article-2" }).queue.unsent).toEqual([]);
    expect(setup({ storage, articleId: "article-1" }).queue.unsent).toEqual([create("a")]);
  });

  it("starts empty when storage holds something unreadable", async () => {
    const storage = new MemoryStorage();
    const probe = setup({ storage });
    probe.api.failure = "drop";
    probe.queue.push(create("a"));
    await flush();
    const [key] = [...storage.items.keys()];
    storage.setItem(key!, "{not json");

    const { api, queue, whenSaved } = setup({ storage });
    expect(queue.unsent).toEqual([]);
    queue.push(create("b"));
    await whenSaved();
    expect(api.live().has("b")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Whatever the user does and however the network behaves, once it is back and the queue is done
// the server holds exactly what the user's changes describe.

type NetworkFailure = "drop" | "lose-create-response" | 503 | 429;
type Step =
  | { t: "edit"; id: string; remove: boolean; kind: AnnotationKind; note: string | null; wait: boolean }
  | { t: "network"; failure: NetworkFailure | null }
  | { t: "time"; ms: number }
  | { t: "wait" };

const kinds: AnnotationKind[] = ["claim", "hedge", "attribution"];
const ids = ["a", "b", "c"];
const steps = (failures: NetworkFailure[]): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          t: fc.constant("edit" as const),
          id: fc.constantFrom(...ids),
          remove: fc.boolean(),
          kind: fc.constantFrom(...kinds),
          note: fc.option(fc.constantFrom("x", "y", "z"), { nil: null }),
          // Whether the request it starts gets to finish before the next step.
          wait: fc.boolean(),
        }),
      },
      { weight: 2, arbitrary: fc.record({ t: fc.constant("network" as const), failure: fc.constantFrom<NetworkFailure | null>(...failures, null) }) },
      { weight: 2, arbitrary: fc.record({ t: fc.constant("time" as const), ms: fc.constantFrom(500, 1000, 5000, 30_000) }) },
      { weight: 2, arbitrary: fc.constant({ t: "wait" as const }) },
    ),
    { maxLength: 40, size: "medium" },
  );

/** Runs random edits through a queue over a misbehaving network, then lets it recover and settle. */
async function convergesAfterRecovery(failures: NetworkFailure[]): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.subarray(ids), steps(failures), async (initialIds, plan) => {
      const { api, queue, clock, problems, storage } = setup();
      const model = new Map<string, { kind: string; note: string }>();
      for (const [i, id] of initialIds.entries()) {
        api.seed(id, { version: i + 1 });
        queue.setVersion(id, i + 1);
        model.set(id, { kind: "claim", note: "" });
      }

      for (const step of plan) {
        if (step.t === "network") api.failure = step.failure;
        else if (step.t === "time") await clock.advance(step.ms);
        else if (step.t === "wait") await flush();
        else {
          const current = model.get(step.id);
          if (!current) {
            queue.push(create(step.id, step.kind, step.note === null ? {} : { note: step.note }));
            model.set(step.id, { kind: step.kind, note: step.note ?? "" });
          } else if (step.remove) {
            queue.push(remove(step.id));
            model.delete(step.id);
          } else {
            const patch = step.note === null ? { kind: step.kind } : { note: step.note };
            queue.push(update(step.id, patch));
            model.set(step.id, { ...current, ...patch });
          }
          if (step.wait) await flush();
        }
      }

      // Before recovery: what a reload would draw (server plus replayed unsent changes) is what the user did.
      await flush();
      expect(api.inFlight).toBe(0);
      const onServer = [...api.rows.values()]
        .filter((r) => !r.deleted)
        .map((r): EditorAnnotation => ({ id: r.id, kind: r.kind as AnnotationKind, from: r.from, to: r.to, status: "pending" }));
      const drawn = replayUnsent(onServer, queue.unsent);
      expect(new Map(drawn.map((a) => [a.id, a.kind]))).toEqual(new Map([...model].map(([id, v]) => [id, v.kind])));

      api.failure = null;
      queue.retryNow();
      for (let i = 0; i < 20 && queue.size > 0; i++) await clock.advance(60_000);

      expect(queue.size).toBe(0);
      expect(problems).toEqual([]);
      expect(api.live()).toEqual(model);
      expect(storage.items.size).toBe(0);
    }),
    { numRuns: 300 },
  );
}

describe("SyncQueue (property)", () => {
  it("after the network recovers, the server holds the same annotations as applying the changes directly", async () => {
    await convergesAfterRecovery(["drop", 503, 429]);
  });

  it("converges too when the answers to creates get lost on the way back", async () => {
    await convergesAfterRecovery(["drop", "lose-create-response", 503]);
  });
});

describe("SyncQueue: text saves", () => {
  it("saves text on top of the revision it was edited from, and later creates refer to the new revision", async () => {
    const { api, queue, revisions, whenSaved } = setup();
    queue.push(tag("before"));
    queue.push(textSave({ text: "v2" }, [{ id: "before", from: 3, to: 7 }]));
    queue.push(tag("after", 10, 14));
    await whenSaved();
    expect(api.arrivals.map((a) => [a.path, a.body?.revisionId ?? a.body?.baseRevisionId])).toEqual([
      [`/api/articles/${ARTICLE}/annotations`, REVISION],
      [`/api/articles/${ARTICLE}/revisions`, REVISION],
      [`/api/articles/${ARTICLE}/annotations`, "revision-2"],
    ]);
    expect(api.arrivals[1]!.body).toEqual({ baseRevisionId: REVISION, doc: { text: "v2" }, annotations: [{ id: "before", from: 3, to: 7 }] });
    expect(queue.currentRevisionId).toBe("revision-2");
    expect(revisions.map((r) => r.revision.number)).toEqual([2]);
    expect(api.rows.get("before")).toMatchObject({ from: 3, to: 7 });
  });

  it("sends the versions a text save gave the annotations it carried over", async () => {
    const { api, queue, whenSaved } = setup();
    api.seed("a", { version: 4 });
    queue.setVersion("a", 4);
    queue.push(textSave({ text: "v2" }, [{ id: "a", from: 1, to: 5 }]));
    queue.push(remove("a"));
    await whenSaved();
    expect(api.arrivals.at(-1)!.query.get("version")).toBe("5");
    expect(api.rows.get("a")!.deleted).toBe(true);
  });

  it("replaces an unsent text save by a newer one: only the latest text is sent", async () => {
    const { api, queue, whenSaved } = setup();
    api.hold = true;
    queue.push(tag("a"));
    queue.push(textSave({ text: "v2" }));
    queue.push(textSave({ text: "v3" }));
    expect(queue.size).toBe(2);
    api.hold = false;
    api.release();
    await whenSaved();
    expect(api.revisions).toEqual([{ text: "v3" }]);
  });

  it("holds everything behind a stale text save until the user decides, then overwrites on the latest revision", async () => {
    const { api, queue, problems, lastStatus } = setup();
    api.revisionId = "theirs";
    api.revisionNumber = 7;
    queue.push(textSave({ text: "mine" }));
    queue.push(tag("after"));
    await flush();
    expect(api.arrivals).toHaveLength(1);
    expect(lastStatus()).toEqual({ state: "conflict", pending: 2 });
    expect(queue.isHeld).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "conflict", status: 409, current: { id: "theirs", number: 7 } });

    queue.resolveConflict("theirs", "overwrite");
    await flush();
    expect(api.arrivals.slice(1).map((a) => a.body?.revisionId ?? a.body?.baseRevisionId)).toEqual(["theirs", "revision-8"]);
    expect(api.revisions).toEqual([{ text: "mine" }]);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("lets a newer text replace a held one before the user decides", async () => {
    const { api, queue } = setup();
    api.revisionId = "theirs";
    queue.push(textSave({ text: "mine" }));
    await flush();
    queue.push(textSave({ text: "mine, corrected again" }));
    expect(queue.size).toBe(1);
    queue.resolveConflict("theirs", "overwrite");
    await flush();
    expect(api.revisions).toEqual([{ text: "mine, corrected again" }]);
  });

  it("on discard drops the held text saves and passes the other changes through the caller's rewrite", async () => {
    const { api, queue } = setup();
    api.revisionId = "theirs";
    queue.push(textSave({ text: "mine" }));
    queue.push(tag("kept-by-quote"));
    queue.push(update("kept-by-quote", { note: "n" }));
    queue.push(tag("dropped"));
    await flush();
    queue.resolveConflict("theirs", "discard", (op) => (op.id === "dropped" ? null : op));
    await flush();
    expect(api.revisions).toEqual([]);
    expect(api.arrivals.slice(1).map((a) => [a.body?.id, a.body?.revisionId, a.body?.note])).toEqual([["kept-by-quote", "theirs", "n"]]);
    expect(api.live().has("dropped")).toBe(false);
  });

  it("on adopt drops a held save whose text the latest revision already is, and goes on", async () => {
    const { api, queue, lastStatus } = setup();
    api.revisionId = "mine-already";
    queue.push(textSave({ text: "mine" }));
    queue.push(tag("after"));
    await flush();
    queue.resolveConflict("mine-already", "adopt");
    await flush();
    expect(api.revisions).toEqual([]);
    expect(api.arrivals.at(-1)!.body).toMatchObject({ id: "after", revisionId: "mine-already" });
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("holds the queue as refused when the server refuses the text for another reason, and retries on request", async () => {
    const { api, queue, problems, lastStatus } = setup();
    api.canned.push(apiError(413, "payload_too_large", "The document is too large"));
    queue.push(textSave({ text: "long" }));
    queue.push(tag("after"));
    await flush();
    expect(lastStatus()).toEqual({ state: "refused", pending: 2 });
    expect(problems[0]).toMatchObject({ code: "payload_too_large", message: "The document is too large" });
    queue.resolveConflict(queue.currentRevisionId, "overwrite");
    await flush();
    expect(api.revisions).toEqual([{ text: "long" }]);
    expect(api.live().has("after")).toBe(true);
  });

  it("retries a text save lost on the network like any other change", async () => {
    const { api, clock, queue, lastStatus } = setup();
    api.upcoming.push("drop");
    queue.push(textSave({ text: "v2" }));
    await flush();
    expect(lastStatus()).toEqual({ state: "offline", pending: 1 });
    await clock.advance(1000);
    expect(api.revisions).toEqual([{ text: "v2" }]);
    expect(lastStatus()).toEqual({ state: "saved" });
  });

  it("keeps an unsent text save in storage for the next page load", async () => {
    const storage = new MemoryStorage();
    const first = setup({ storage });
    first.api.failure = "drop";
    first.queue.push(textSave({ text: "typed offline" }, [{ id: "a", from: 2, to: 6 }]));
    await flush();
    const second = setup({ storage });
    expect(second.queue.unsent).toEqual([textSave({ text: "typed offline" }, [{ id: "a", from: 2, to: 6 }])]);
  });
});
