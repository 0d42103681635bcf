import type { RevisionOutcome } from "@/lib/contracts/revisions";
import { AUTHOR_HEADER } from "@/lib/api/author-header";
import { enqueue, type RevisionBody, type SyncOperation } from "./sync-operation";
import { unsentKey } from "./unsent-keys";

/** What the save indicator shows. */
export type SyncStatus =
  | { state: "saved" }
  | { state: "saving"; pending: number }
  | { state: "offline"; pending: number }
  | { state: "conflict"; pending: number }
  | { state: "refused"; pending: number }
  /** The session is gone or belongs to someone else: nothing more is sent, the changes stay in the browser. */
  | { state: "signed-out"; pending: number };

/** What the server answers for a saved text: the new revision and every annotation as it now stands. */
export interface SavedRevision {
  revision: { id: string; number: number; doc: unknown; text: string };
  annotations: Array<Record<string, unknown> & { id: string; version: number }>;
  outcomes: Record<string, RevisionOutcome>;
}

/** A server answer the queue cannot retry its way out of; the editor shows it to the user. */
export interface SyncProblem {
  operation: SyncOperation;
  status: number;
  code: string;
  message: string;
  current?: unknown;
}

export interface SyncQueueOptions {
  articleId: string;
  /** The signed-in user whose changes these are: they are stored under this user and sent only as this user. */
  userId: string;
  /** This page's own entry: two tabs on one article never write over each other's changes. */
  tabId: string;
  /** The revision the editor opened: creates and text saves refer to it until a save makes a newer one. */
  revisionId: string;
  fetch: typeof fetch;
  /** Where unsent operations survive a reload (localStorage in the browser). */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Runs a retry later; injected so tests control time instead of sleeping. */
  schedule?: (run: () => void, ms: number) => void;
  /** The server's answer for an annotation (create, update, link): the new version to send next. */
  onSaved?(id: string, annotation: Record<string, unknown> | null): void;
  /** A text save was stored as a new revision. */
  onRevision?(saved: SavedRevision, sent: RevisionBody): void;
  onProblem?(problem: SyncProblem): void;
  onStatus?(status: SyncStatus): void;
  /**
   * Readies the head operation just before it is sent: positions are taken then, in the shared
   * text's confirmed version. "wait" holds it (and everything behind it) until `retryNow`, while
   * the page has text steps the server has not accepted yet.
   */
  prepare?(op: SyncOperation): SyncOperation | "wait";
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/**
 * Sends the editor's annotation changes to the API one at a time, in order, with retry and backoff
 * on network failures and 5xx, and keeps what is unsent in storage so a reload loses nothing.
 * Creates carry a client-made id, so a retried create is harmless; updates and deletes carry the
 * last version the server confirmed.
 */
export class SyncQueue {
  private pending: SyncOperation[];
  private versions = new Map<string, number>();
  private inFlight: SyncOperation | null = null;
  private failures = 0;
  /** Bumped to cancel a scheduled retry: only the latest scheduled retry may run. */
  private retryGeneration = 0;
  /**
   * Whether the head operation has been sent at least once. Its request may have reached the
   * server even if the answer was lost, so later changes must not be folded into it.
   */
  private headTried: boolean;
  private readonly key: string;
  private revisionId: string;
  /**
   * Set when a text save met a newer revision: nothing more is sent until the user decides,
   * because later changes refer to positions in the text that was refused.
   */
  private blocked: "conflict" | "refused" | null = null;
  /**
   * Set for good when the server says the session is not this queue's user's (signed out, or another
   * person signed in on this browser): sending more could record this user's work under someone
   * else's name. The changes stay stored, to be sent when their author opens the article again.
   */
  private signedOut = false;

  constructor(private readonly options: SyncQueueOptions) {
    this.key = unsentKey({ kind: "sync", userId: options.userId, articleId: options.articleId, tabId: options.tabId });
    this.revisionId = options.revisionId;
    this.pending = this.load();
    // Stored operations may have reached the server before the page went away.
    this.headTried = this.pending.length > 0;
  }

  /** Records the version the server has for an annotation (from the page load or a refetch). */
  setVersion(id: string, version: number): void {
    this.versions.set(id, version);
  }

  /** The last version the server confirmed for an annotation. */
  versionOf(id: string): number | undefined {
    return this.versions.get(id);
  }

  /** The revision that creates and the next text save refer to. */
  get currentRevisionId(): string {
    return this.revisionId;
  }

  /** Follows the article's current revision as the shared text moves on (a revision was opened or saved). */
  setRevisionId(id: string): void {
    this.revisionId = id;
  }

  /** Whether the server said the session no longer belongs to this queue's user. */
  get isSignedOut(): boolean {
    return this.signedOut;
  }

  /** Sends again after the server said the session was someone else's, once the caller has checked that it is this user's again. */
  resumeSignedIn(): void {
    if (!this.signedOut) return;
    this.signedOut = false;
    this.failures = 0;
    this.report();
    void this.pump();
  }

  /**
   * Takes over changes a closed page of the same user left unsent, behind this page's own, and sends
   * them. The caller decides what may be combined (see `planAdoption`); nothing is folded here
   * because the two lists were made independently.
   */
  adopt(ops: readonly SyncOperation[]): void {
    if (ops.length === 0) return;
    this.pending = [...this.pending, ...ops];
    this.save();
    this.report();
    void this.pump();
  }

  /** Whether a refused text save holds the queue until the user decides. */
  get isHeld(): boolean {
    return this.blocked !== null;
  }

  /**
   * Settles a refused text save. "overwrite" sends it again on top of the latest revision;
   * "adopt" drops it because the latest revision already is that text (its answer was lost);
   * "discard" drops every unsent text save and passes the other changes through `keep`, which
   * may rewrite them (say, a create by position into one by quote) or drop them with null.
   */
  resolveConflict(latestRevisionId: string, choice: "overwrite" | "adopt" | "discard", keep?: (op: SyncOperation) => SyncOperation | null): void {
    this.revisionId = latestRevisionId;
    if (choice === "adopt" && this.pending[0]?.type === "revision") this.pending.shift();
    if (choice === "discard") {
      this.pending = this.pending.flatMap((op) => {
        if (op.type === "revision") return [];
        const kept = keep ? keep(op) : op;
        return kept ? [kept] : [];
      });
    }
    this.blocked = null;
    this.headTried = false;
    this.save();
    this.report();
    void this.pump();
  }

  /** Queues a change and starts sending. */
  push(op: SyncOperation): void {
    this.pending = enqueue(this.pending, op, this.headTried ? this.pending[0]?.id : undefined);
    this.save();
    this.report();
    void this.pump();
  }

  /** How many changes are not confirmed by the server yet. */
  get size(): number {
    return this.pending.length;
  }

  /** Unsent operations, oldest first (for replaying into the editor after a reload). */
  get unsent(): readonly SyncOperation[] {
    return this.pending;
  }

  /** Tries again now (for example when the browser says it is back online). */
  retryNow(): void {
    this.failures = 0;
    this.retryGeneration++;
    void this.pump();
  }

  private status(): SyncStatus {
    if (this.pending.length === 0) return { state: "saved" };
    if (this.signedOut) return { state: "signed-out", pending: this.pending.length };
    if (this.blocked) return { state: this.blocked, pending: this.pending.length };
    return this.failures > 0 ? { state: "offline", pending: this.pending.length } : { state: "saving", pending: this.pending.length };
  }

  private report(): void {
    this.options.onStatus?.(this.status());
  }

  private async pump(): Promise<void> {
    if (this.inFlight || this.blocked || this.signedOut || this.pending.length === 0) return;
    const prepared = this.options.prepare ? this.options.prepare(this.pending[0]!) : this.pending[0]!;
    if (prepared === "wait") return;
    const op = prepared;
    this.inFlight = op;
    this.headTried = true;
    let outcome: "done" | "retry" | "conflict" | "refused" | "signed-out";
    try {
      outcome = await this.send(op);
    } catch {
      outcome = "retry"; // Network failure: the request may or may not have arrived; ids make resending safe.
    }
    this.inFlight = null;
    if (outcome === "signed-out") {
      this.signedOut = true;
      this.headTried = false;
      this.report();
      return;
    }
    if (outcome === "conflict" || outcome === "refused") {
      // The server refused the save outright, so a newer save may replace it before it is retried.
      this.blocked = outcome;
      this.headTried = false;
      this.report();
      return;
    }
    if (outcome === "done") {
      this.pending.shift();
      this.headTried = false;
      this.failures = 0;
      this.retryGeneration++;
      this.save();
      this.report();
      void this.pump();
      return;
    }
    this.failures++;
    this.report();
    const generation = ++this.retryGeneration;
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)]!;
    (this.options.schedule ?? ((run, ms) => setTimeout(run, ms)))(() => {
      if (generation === this.retryGeneration) void this.pump();
    }, delay);
  }

  private async send(op: SyncOperation): Promise<"done" | "retry" | "conflict" | "refused" | "signed-out"> {
    const { articleId, userId } = this.options;
    // Every request names whose change it carries: the server refuses it under anyone else's session.
    const author = { [AUTHOR_HEADER]: userId };
    const json = (method: string, body: unknown) => ({ method, headers: { "Content-Type": "application/json", ...author }, body: JSON.stringify(body) });
    let res: Response;
    // Positions are only meaningful in the revision they were taken from: the latest one this
    // queue saved, since every change made after a text edit is queued behind that text's save.
    const revisionId = this.revisionId;
    if (op.type === "create") {
      res = await this.options.fetch(`/api/articles/${articleId}/annotations`, json("POST", { revisionId, ...op.body, id: op.id }));
    } else if (op.type === "update") {
      // Positions read at a version of the live text need no revision; others refer to the queue's.
      const moves = op.patch.from !== undefined && op.patch.revisionId === undefined && op.patch.textVersion === undefined;
      const patch = moves ? { ...op.patch, revisionId } : op.patch;
      res = await this.options.fetch(`/api/annotations/${op.id}`, json("PATCH", { ...patch, version: this.versions.get(op.id) ?? 1 }));
    } else if (op.type === "revision") {
      res = await this.options.fetch(`/api/articles/${articleId}/revisions`, json("POST", { baseRevisionId: revisionId, ...op.body }));
    } else if (op.type === "delete") {
      res = await this.options.fetch(`/api/annotations/${op.id}?version=${this.versions.get(op.id) ?? 1}`, { method: "DELETE", headers: author });
    } else if (op.type === "unlink") {
      const { type, targetId } = op.body;
      res = await this.options.fetch(`/api/annotations/${op.id}/links/${encodeURIComponent(targetId)}?type=${type}`, { method: "DELETE", headers: author });
    } else {
      res = await this.options.fetch(`/api/annotations/${op.id}/links`, json("POST", op.body));
    }
    if (res.status >= 500 || res.status === 429) return "retry";
    // Signed out, or someone else signed in meanwhile: keep the change for its author.
    if (res.status === 401) return "signed-out";
    if (res.ok && op.type === "revision") {
      const saved = (await res.json()) as SavedRevision;
      this.revisionId = saved.revision.id;
      // Every annotation the save carried over has a new version.
      for (const a of saved.annotations) this.versions.set(a.id, a.version);
      this.options.onRevision?.(saved, op.body);
      return "done";
    }
    if (res.ok) {
      const body = res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
      if (body && typeof body.version === "number") this.versions.set(op.id, body.version);
      // A server that ignored the author header still says who it recorded: stop before sending more.
      const createdBy = body?.createdBy as { id?: unknown } | undefined;
      if (op.type === "create" && typeof createdBy?.id === "string" && createdBy.id !== userId) {
        this.pending.shift();
        this.save();
        return "signed-out";
      }
      if (op.type === "delete") this.versions.delete(op.id);
      this.options.onSaved?.(op.id, body);
      return "done";
    }
    // A 4xx will not get better by retrying: tell the user, and move on so later changes still save.
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; details?: { current?: unknown; latest?: unknown } };
    };
    this.options.onProblem?.({
      operation: op,
      status: res.status,
      code: body.error?.code ?? "error",
      message: body.error?.message ?? `The server refused the change (${res.status})`,
      current: op.type === "revision" ? body.error?.details?.latest : body.error?.details?.current,
    });
    // A refused text save holds everything behind it: those changes point into that text.
    if (op.type === "revision") return res.status === 409 ? "conflict" : "refused";
    return "done";
  }

  private load(): SyncOperation[] {
    try {
      const raw = this.options.storage?.getItem(this.key);
      return raw ? (JSON.parse(raw) as SyncOperation[]) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    if (!this.options.storage) return;
    if (this.pending.length === 0) this.options.storage.removeItem(this.key);
    else this.options.storage.setItem(this.key, JSON.stringify(this.pending));
  }
}
