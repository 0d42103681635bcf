import type { Node } from "prosemirror-model";
import { getVersion, receiveTransaction, sendableSteps } from "prosemirror-collab";
import type { EditorState, Transaction } from "prosemirror-state";
import { Step } from "prosemirror-transform";
import { AUTHOR_HEADER } from "@/lib/api/author-header";
import type { StepsAccepted } from "@/lib/contracts/collab";
import { schema } from "@/lib/editor/schema";
import { saveUnsentSteps } from "./unsent-steps";
import { VersionMaps } from "./version-maps";

/** What the text's connection to the server is doing, for the save indicator. */
export type CollabStatus = "saved" | "sending" | "offline" | "signed-out";

export interface CollabChannelOptions {
  articleId: string;
  userId: string;
  /** This page's collab client id: the server marks the steps it accepted from this page with it. */
  clientId: string;
  /** The version the page's text was loaded at, and that text. */
  version: number;
  doc: Node;
  getState(): EditorState;
  dispatch(tr: Transaction): void;
  fetch: typeof fetch;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Runs a retry later; injected so tests control time instead of sleeping. */
  schedule?: (run: () => void, ms: number) => void;
  onStatus?(status: CollabStatus): void;
  /** Steps were accepted or received: the confirmed version moved (annotation changes waiting for it may go). */
  onVersion?(version: number): void;
  /** The server no longer keeps the steps this page needs: the page must load the text again. */
  onReload?(message: string): void;
  /** A request succeeded after failures: the server is reachable again. */
  onRecovered?(): void;
  /** This page's accepted steps orphaned annotations or sent them back to review: their new versions. */
  onAnnotations?(changed: StepsAccepted["annotations"]): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

type StepsJson = { version: number; steps: unknown[]; clientIds: string[] };

/**
 * The shared text's connection to the server (prosemirror-collab's protocol): sends this page's
 * steps on the version it has, rebases on the steps the server answers a 409 with, catches up when
 * an event says the text moved on, retries with backoff while the network or the database is
 * away, and keeps unsent steps in storage. One request at a time, so steps are sent in order.
 */
export class CollabChannel {
  private inFlight = false;
  private wantCatchUp = false;
  private failures = 0;
  private retryGeneration = 0;
  /** A retry is scheduled after a failure: typing meanwhile waits for it rather than hammering a server that is away. */
  private waitingToRetry = false;
  private stopped = false;
  private status: CollabStatus = "saved";
  /** The text at the confirmed version: stored with unsent steps, which apply to it. */
  private confirmedDoc: Node;
  /** Maps of the confirmed steps, to bring positions from older versions up to date. */
  readonly maps: VersionMaps;

  constructor(private readonly options: CollabChannelOptions) {
    this.confirmedDoc = options.doc;
    this.maps = new VersionMaps(options.version);
  }

  /** The version of the shared text this page has confirmed. */
  get version(): number {
    return getVersion(this.options.getState());
  }

  /** The text at the confirmed version (this page's unconfirmed steps apply to it). */
  get confirmedText(): Node {
    return this.confirmedDoc;
  }

  /** Whether this page has steps the server has not accepted yet. */
  get hasUnconfirmed(): boolean {
    return sendableSteps(this.options.getState()) !== null;
  }

  /**
   * Maps a position the server gave at `version` to the text on screen: through the confirmed
   * steps since, then this page's unconfirmed ones. Null when that version is too old to map.
   */
  mapFromVersion(pos: number, version: number, assoc: number): number | null {
    let mapped = this.maps.map(pos, version, assoc);
    if (mapped === null) return null;
    const unsent = sendableSteps(this.options.getState());
    for (const step of unsent?.steps ?? []) mapped = step.getMap().map(mapped, assoc);
    return mapped;
  }

  /** Call after every local change of the text: keeps it in storage and sends it. */
  changed(): void {
    this.store();
    if (!this.waitingToRetry) void this.pump();
  }

  /** An event said the shared text moved on: fetch the steps this page lacks. */
  catchUp(): void {
    this.wantCatchUp = true;
    void this.pump();
  }

  /** Tries again now (the browser says it is online again, or the event stream reconnected). */
  retryNow(): void {
    this.failures = 0;
    this.retryGeneration++;
    this.waitingToRetry = false;
    void this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.retryGeneration++;
  }

  private report(status: CollabStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }

  /** Keeps the unconfirmed steps, with the text they apply to, where a reload finds them. */
  private store(): void {
    const { storage, userId, articleId, clientId } = this.options;
    if (!storage) return;
    const unsent = sendableSteps(this.options.getState());
    saveUnsentSteps(storage, { userId, articleId, tabId: clientId }, unsent ? { version: unsent.version, doc: this.confirmedDoc.toJSON(), steps: unsent.steps.map((s) => s.toJSON()) } : null);
  }

  private async pump(): Promise<void> {
    if (this.inFlight || this.stopped || this.status === "signed-out") return;
    const sendable = sendableSteps(this.options.getState());
    if (!sendable && !this.wantCatchUp) {
      this.report("saved");
      return;
    }
    this.inFlight = true;
    // Cleared as the request leaves, not when it answers: a catch-up asked for meanwhile (an event
    // of steps committed after the server read them) needs a request of its own.
    const catchingUp = !sendable;
    if (catchingUp) this.wantCatchUp = false;
    let outcome: "done" | "retry" | "stop";
    try {
      outcome = sendable ? await this.send(sendable) : await this.fetchSince();
    } catch {
      outcome = "retry"; // The network failed: the server may or may not have the steps; the version settles it.
    }
    this.inFlight = false;
    if (outcome === "retry" && catchingUp) this.wantCatchUp = true;
    if (outcome === "stop") return;
    if (outcome === "done") {
      // Back after failures: others' steps may have been missed while their events could not arrive.
      if (this.failures > 0) {
        this.wantCatchUp = true;
        this.options.onRecovered?.();
      }
      this.failures = 0;
      this.waitingToRetry = false;
      void this.pump();
      return;
    }
    this.failures++;
    this.report("offline");
    const generation = ++this.retryGeneration;
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)]!;
    this.waitingToRetry = true;
    (this.options.schedule ?? ((run, ms) => setTimeout(run, ms)))(() => {
      if (generation !== this.retryGeneration) return;
      this.waitingToRetry = false;
      void this.pump();
    }, delay);
  }

  private headers(json: boolean): Record<string, string> {
    // The steps are this user's: the server refuses them under anyone else's session.
    return { [AUTHOR_HEADER]: this.options.userId, ...(json ? { "Content-Type": "application/json" } : {}) };
  }

  private async send(sendable: NonNullable<ReturnType<typeof sendableSteps>>): Promise<"done" | "retry" | "stop"> {
    if (this.status !== "offline") this.report("sending");
    const { articleId, clientId } = this.options;
    const res = await this.options.fetch(`/api/articles/${articleId}/steps`, {
      method: "POST",
      headers: this.headers(true),
      body: JSON.stringify({ version: sendable.version, clientId, steps: sendable.steps.map((s) => s.toJSON()) }),
    });
    if (res.ok) {
      const body = (await res.json().catch(() => null)) as StepsAccepted | null;
      if (body?.annotations?.length) this.options.onAnnotations?.(body.annotations);
      // Accepted: exactly the steps sent, at the version they were sent on.
      this.receive(sendable.version, [...sendable.steps], sendable.steps.map(() => clientId));
      return "done";
    }
    return this.refused(res);
  }

  private async fetchSince(): Promise<"done" | "retry" | "stop"> {
    const version = this.version;
    const res = await this.options.fetch(`/api/articles/${this.options.articleId}/steps?since=${version}`, { headers: this.headers(false) });
    if (res.ok) {
      const body = (await res.json()) as StepsJson;
      if (this.version === version) this.receive(version, body.steps.map((s) => Step.fromJSON(schema, s)), body.clientIds);
      return "done";
    }
    return this.refused(res);
  }

  /** What a refusal means: rebase on the steps since (409), reload, retry later, or stop. */
  private async refused(res: Response): Promise<"done" | "retry" | "stop"> {
    if (res.status >= 500 || res.status === 429) return "retry";
    if (res.status === 401) {
      this.report("signed-out");
      return "stop";
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; details?: Partial<StepsJson> & { reload?: boolean } } };
    const details = body.error?.details;
    if (res.status === 409 && details?.steps && details.clientIds) {
      const version = this.version;
      this.receive(version, details.steps.map((s) => Step.fromJSON(schema, s)), details.clientIds);
      return "done"; // pump() sends this page's steps again, rebased.
    }
    this.stop();
    this.options.onReload?.(body.error?.message ?? `The server refused the text (${res.status})`);
    return "stop";
  }

  /** Takes steps in log order from `version` on (this page's own among them, confirmed) into the editor. */
  private receive(version: number, steps: Step[], clientIds: readonly (string | number)[]): void {
    if (steps.length === 0) return;
    let doc = this.confirmedDoc;
    for (const step of steps) doc = step.apply(doc).doc ?? doc;
    this.confirmedDoc = doc;
    this.maps.record(version, steps.map((s) => s.getMap()));
    this.options.dispatch(receiveTransaction(this.options.getState(), steps, clientIds, { mapSelectionBackward: true }));
    this.store();
    this.options.onVersion?.(this.version);
  }
}
