import { Node } from "prosemirror-model";
import { sendableSteps } from "prosemirror-collab";
import type { EditorState, Transaction } from "prosemirror-state";
import { Step } from "prosemirror-transform";
import { AUTHOR_HEADER } from "@/lib/api/author-header";
import type { ArticleEvent, PresenceEvent } from "@/lib/contracts/collab";
import { getAnnotationState } from "@/lib/editor/annotations";
import { schema } from "@/lib/editor/schema";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { Locks } from "@/lib/editor/sync/claim-leftovers";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import { adoptLockName, holdLockName } from "@/lib/editor/sync/unsent-keys";
import { ArticleEventSource } from "./article-event-source";
import { CollabChannel, type CollabStatus } from "./collab-channel";
import { EventQueue } from "./event-queue";
import { setRemoteCarets, type RemoteCaret } from "./presence-plugin";
import { colourOf, PresenceRoster } from "./presence-roster";
import { reapplyAsDraft } from "./reapply-as-draft";
import { rebaseUnsentSteps } from "./rebase-unsent-steps";
import { listUnsentSteps, type UnsentSteps } from "./unsent-steps";

/** How often an open page says where its caret is, and how soon after the caret moves. */
const BEAT_MS = 10_000;
const CARET_BEAT_DELAY_MS = 150;

/** Someone else with the article open, for the bar. */
export type PresentPerson = PresenceRoster["people"][number];

export interface EditorSessionOptions {
  articleId: string;
  user: { id: string; name: string; role: string };
  /** This page's id among everyone's pages (collab client id and presence). */
  clientId: string;
  /** The shared text's version and document as the page was loaded, and the article's last event then. */
  version: number;
  doc: Node;
  lastEvent: number;
  getState(): EditorState;
  dispatch(tr: Transaction): void;
  queue: SyncQueue;
  fetch: typeof fetch;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem" | "length" | "key">;
  /** Web Locks: which other pages of this user are still open (their unsent text is theirs to send). */
  locks?: Locks;
  onTextStatus?(status: CollabStatus): void;
  onPeople?(people: PresentPerson[]): void;
  /** An annotation changed elsewhere (or here, echoed): `span` is where it is in the text on screen, when the event has one. */
  onAnnotationEvent?(event: ArticleEvent, span: { from: number; to: number } | null): void;
  /** A revision was opened (someone started changing a saved text) or saved. */
  onRevisionEvent?(event: ArticleEvent): void;
  /** The text is too far behind to catch up step by step: the page must load it again. */
  onReload?(message: string): void;
  onMessage?(message: string): void;
  /** Whether live updates are flowing. */
  onLive?(connected: boolean): void;
}

/**
 * The editor's session outside React: it owns the shared text's collab channel, the article's event
 * stream and presence, readies the sync queue's changes when they go out, and tells the view what
 * changed. React components only render what it reports and call its commands.
 */
export class EditorSession {
  readonly channel: CollabChannel;
  private readonly events: EventQueue;
  private source: ArticleEventSource | null = null;
  private readonly roster: PresenceRoster;
  private beatTimer: ReturnType<typeof setInterval> | undefined;
  private caretTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: EditorSessionOptions) {
    this.channel = new CollabChannel({
      articleId: options.articleId,
      userId: options.user.id,
      clientId: options.clientId,
      version: options.version,
      doc: options.doc,
      getState: options.getState,
      dispatch: options.dispatch,
      fetch: options.fetch,
      storage: options.storage,
      onStatus: (status) => options.onTextStatus?.(status),
      onVersion: () => {
        this.events.drain();
        // Annotation changes held while this page's steps were unconfirmed may go now.
        if (!this.channel.hasUnconfirmed) options.queue.retryNow();
      },
      onReload: (message) => options.onReload?.(message),
      // The server answers again: the event stream need not wait out its backoff.
      onRecovered: () => this.source?.retryNow(),
      onAnnotations: (changed) => {
        for (const a of changed) options.queue.setVersion(a.id, a.version);
      },
    });
    this.events = new EventQueue(
      () => this.channel.version,
      () => this.channel.catchUp(),
      (event) => this.handle(event),
    );
    this.roster = new PresenceRoster(options.clientId);
  }

  /** Opens the event stream and starts saying where this page's caret is. */
  start(EventSourceImpl?: typeof EventSource): void {
    this.source = new ArticleEventSource({
      articleId: this.options.articleId,
      after: this.options.lastEvent,
      EventSource: EventSourceImpl,
      onEvent: (event) => this.events.push(event),
      onPresence: (beat) => this.hear(beat),
      onConnected: (connected) => this.options.onLive?.(connected),
      // Anything sent while the stream was down is replayed by the server; the text is fetched too, in case.
      onReconnected: () => this.channel.catchUp(),
      onClosed: () => this.options.onMessage?.("Live updates stopped: your account can no longer open this article."),
    });
    this.beatTimer = setInterval(() => {
      this.beat();
      if (this.roster.forget(Date.now())) this.drawPeople();
    }, BEAT_MS);
    this.beat();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.channel.stop();
    clearInterval(this.beatTimer);
    clearTimeout(this.caretTimer);
  }

  /** Call after every transaction that changed the text. */
  textChanged(): void {
    this.channel.changed();
  }

  /** Call when the selection moved: the others see the caret shortly after. */
  selectionChanged(): void {
    clearTimeout(this.caretTimer);
    this.caretTimer = setTimeout(() => this.beat(), CARET_BEAT_DELAY_MS);
  }

  /**
   * Readies a sync-queue change as it goes out: spans are read from the text on screen and sent
   * with the confirmed version they are in; held while this page has text steps the server has not
   * accepted (their positions would not exist there yet).
   */
  prepare(op: SyncOperation): SyncOperation | "wait" {
    const hasSpan = (op.type === "create" && op.body.from !== undefined) || (op.type === "update" && op.patch.from !== undefined);
    if (!hasSpan && op.type !== "revision") return op;
    if (this.channel.hasUnconfirmed) return "wait";
    if (op.type === "revision") return op;
    const drawn = getAnnotationState(this.options.getState()).annotations.get(op.id);
    const span = drawn ? { from: drawn.from, to: drawn.to } : {};
    const textVersion = this.channel.version;
    return op.type === "create" ? { ...op, body: { ...op.body, ...span, textVersion } } : { ...op, patch: { ...op.patch, ...span, textVersion } };
  }

  /**
   * Replays text typed in pages that closed before the server accepted it (this tab before a reload,
   * or another tab of the same person): on the text as it is now, rebased over the steps accepted
   * since (fetched when needed; its own page's among them are recognized, not typed twice) and over
   * what this page has typed meanwhile. Pages still open keep theirs: each sends its own. Claimed
   * under one lock per user and article, so two pages opening at once never replay the same steps.
   * Without Web Locks (a page not served over HTTPS) nobody can tell a closed page from an open one,
   * and every other page's steps are taken.
   */
  async restoreUnsentText(): Promise<void> {
    const { storage, locks, user, articleId, clientId } = this.options;
    if (!storage) return;
    const restore = async () => {
      const held = locks ? new Set(((await locks.query()).held ?? []).map((lock) => lock.name)) : new Set<string>();
      for (const left of listUnsentSteps(storage, user.id, articleId)) {
        if (left.tabId === clientId || held.has(holdLockName(user.id, articleId, left.tabId))) continue;
        if (left.unsent && (await this.replay(left.unsent, left.tabId)) === "kept") return;
        // Stored under this page's own entry first, then the closed page's goes: a failure in
        // between leaves a copy, never nothing. An unreadable entry is of no use to anyone.
        this.channel.changed();
        storage.removeItem(left.key);
      }
    };
    if (locks) await locks.request(adoptLockName(user.id, articleId), restore);
    else await restore();
  }

  /** Applies one closed page's stored steps to the text on screen; "kept" when they must wait (offline, or this page is closing). */
  private async replay(stored: UnsentSteps, tabId: string): Promise<"replayed" | "kept"> {
    const { user, articleId } = this.options;
    let steps: Step[] | null;
    const version = this.channel.version;
    if (stored.version === version) {
      try {
        steps = stored.steps.map((json) => Step.fromJSON(schema, json));
      } catch {
        steps = null;
      }
    } else if (stored.version < version) {
      const res = await this.options.fetch(`/api/articles/${articleId}/steps?since=${stored.version}`, { headers: { [AUTHOR_HEADER]: user.id } }).catch(() => null);
      if (!res) return "kept"; // Offline: they stay stored for the next load.
      const since = res.ok ? ((await res.json()) as { version: number; steps: unknown[]; clientIds: string[] }) : null;
      // The closed page's id: steps it sent whose answer it never saw are confirmed, not replayed.
      steps = since && since.version === this.channel.version ? rebaseUnsentSteps(stored, since, tabId) : null;
    } else {
      steps = null;
    }
    if (this.stopped) return "kept";
    // This page may have typed (or replayed another page's steps) meanwhile: the replayed steps go after.
    const mine = sendableSteps(this.options.getState());
    if (steps && mine) {
      const atConfirmed = { version: this.channel.version, doc: this.channel.confirmedText.toJSON(), steps: steps.map((s) => s.toJSON()) };
      steps = rebaseUnsentSteps(atConfirmed, { steps: mine.steps.map((s) => s.toJSON()), clientIds: mine.steps.map(() => this.options.clientId) }, tabId);
    }
    const tr = this.options.getState().tr;
    if (!steps) {
      // Too far behind to rebase step by step: the changed paragraphs are put back as a draft.
      const draft = reapplyAsDraft(stored, tr);
      if (tr.docChanged) this.options.dispatch(tr.setMeta("addToHistory", false));
      const leftOver = draft.leftOver.length > 0 ? ` Not found any more, so not added: “${draft.leftOver.join("” “").slice(0, 600)}”.` : "";
      this.options.onMessage?.(
        `The article changed a lot since you typed offline: ${draft.applied} paragraph${draft.applied === 1 ? "" : "s"} you changed ${draft.applied === 1 ? "was" : "were"} put back in place of the original.${leftOver} Check the text.`,
      );
      return "replayed";
    }
    for (const step of steps) tr.maybeStep(step);
    if (tr.docChanged) this.options.dispatch(tr.setMeta("addToHistory", false));
    return "replayed";
  }

  private handle(event: ArticleEvent): void {
    if (event.action === "text.steps") return; // The queue already brought the text to this version.
    if (event.action.startsWith("revision.")) {
      this.options.onRevisionEvent?.(event);
      return;
    }
    if (!event.action.startsWith("annotation.")) return;
    const a = event.annotation as { from?: number; to?: number; articleId?: string } | undefined;
    let span: { from: number; to: number } | null = null;
    if (a && typeof a.from === "number" && typeof a.to === "number" && a.articleId) {
      const from = this.channel.mapFromVersion(a.from, event.version, 1);
      const to = this.channel.mapFromVersion(a.to, event.version, -1);
      if (from !== null && to !== null && from < to) span = { from, to };
    }
    this.options.onAnnotationEvent?.(event, span);
  }

  private beat(): void {
    if (this.stopped) return;
    const state = this.options.getState();
    const { from, to } = state.selection;
    const body = {
      clientId: this.options.clientId,
      version: this.channel.version,
      // Read as positions of the confirmed version: off by this page's unconfirmed steps for the
      // moment it takes to send them, which a caret can afford.
      from,
      to,
      activity: this.options.user.role === "editor" ? "editing" : "reviewing",
    };
    void this.options
      .fetch(`/api/articles/${this.options.articleId}/presence`, {
        method: "POST",
        headers: { "Content-Type": "application/json", [AUTHOR_HEADER]: this.options.user.id },
        body: JSON.stringify(body),
      })
      .catch(() => undefined); // Presence is best effort: the next beat follows.
  }

  private hear(beat: PresenceEvent): void {
    if (!this.roster.hear(beat, Date.now())) return;
    this.drawPeople();
  }

  private drawPeople(): void {
    this.options.onPeople?.(this.roster.people);
    const carets: RemoteCaret[] = [];
    for (const page of this.roster.pages) {
      const from = this.channel.mapFromVersion(page.from, page.version, -1);
      const to = this.channel.mapFromVersion(page.to, page.version, 1);
      if (from === null || to === null) continue;
      carets.push({ clientId: page.clientId, name: page.user.name, color: colourOf(page.user.id), from, to: Math.max(from, to) });
    }
    this.options.dispatch(setRemoteCarets(this.options.getState().tr, carets));
  }
}
