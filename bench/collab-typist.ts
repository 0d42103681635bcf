import { performance } from "node:perf_hooks";
import { Node } from "prosemirror-model";
import { collab, sendableSteps } from "prosemirror-collab";
import { EditorState, type Transaction } from "prosemirror-state";
import { TextIndex } from "@/lib/anchoring/text-index";
import { schema } from "@/lib/editor/schema";
import { CollabChannel, type CollabStatus } from "@/lib/editor/session/collab-channel";
import { EventQueue } from "@/lib/editor/session/event-queue";
import { openEventStream, type EventStreamClient } from "./event-stream-client";

/** One request the typist's channel made, timed from sending to the whole answer read. */
export interface TimedRequest {
  kind: "send" | "catch-up";
  status: number;
  ms: number;
  /** Steps sent (for `send`). */
  steps: number;
  /** Size of the answer's body: a 409 carries every step since the sender's version. */
  bytes: number;
}

export interface TypistOptions {
  base: string;
  articleId: string;
  token: string;
  userId: string;
  clientId: string;
  /** The text's version and document, and the article's last event, as the typist loaded them. */
  version: number;
  doc: unknown;
  lastEvent: number;
  random: () => number;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * An editor simulated in Node: an EditorState with prosemirror-collab's plugin, driven by the
 * editor's own collab channel (lib/editor/session/collab-channel.ts: one request in flight, sends
 * every unconfirmed step, rebases on a 409's steps, catches up when asked) and event queue (an
 * event of a later text version than the typist has asks for the steps since), over HTTP with a
 * bearer token and the article's event stream. Only the view and the page around it are missing.
 */
export class Typist {
  state: EditorState;
  readonly channel: CollabChannel;
  readonly requests: TimedRequest[] = [];
  /** Milliseconds from each keystroke to the server accepting its step, in typing order. */
  readonly keyToConfirmed: number[] = [];
  /** How late each keystroke was made against its schedule (this process's own lag). */
  readonly typingLag: number[] = [];
  readonly problems: string[] = [];
  typed = 0;
  status: CollabStatus = "saved";
  stopped = false;
  private readonly unconfirmedSince: number[] = [];
  private readonly events: EventQueue;
  private stream: EventStreamClient | undefined;

  constructor(private readonly options: TypistOptions) {
    const doc = Node.fromJSON(schema, options.doc);
    this.state = EditorState.create({ doc, plugins: [collab({ version: options.version, clientID: options.clientId })] });
    this.channel = new CollabChannel({
      articleId: options.articleId,
      userId: options.userId,
      clientId: options.clientId,
      version: options.version,
      doc,
      getState: () => this.state,
      dispatch: (tr: Transaction) => (this.state = this.state.apply(tr)),
      fetch: (input, init) => this.fetch(String(input), init),
      onStatus: (status) => (this.status = status),
      onVersion: () => this.events.drain(),
      onReload: (message) => {
        this.stopped = true;
        this.problems.push(`reload: ${message}`);
      },
    });
    this.events = new EventQueue(
      () => this.channel.version,
      () => this.channel.catchUp(),
      () => undefined,
    );
  }

  /** Opens the typist's event stream; resolves once it is connected. */
  async connect(): Promise<void> {
    this.stream = openEventStream(
      this.options.base,
      this.options.articleId,
      this.options.token,
      this.options.lastEvent,
      (event) => this.events.push(event),
      (reason) => {
        if (!this.stopped) this.problems.push(`event stream: ${reason}`);
      },
    );
    await this.stream.opened;
  }

  /** Types one letter at a random place in the text, `lag` ms after it was due. */
  type(lag: number): void {
    if (this.stopped) return;
    const { doc } = this.state;
    let pos: number;
    for (;;) {
      pos = Math.floor(this.options.random() * (doc.content.size + 1));
      if (doc.resolve(pos).parent.inlineContent) break;
    }
    const letter = LETTERS[Math.floor(this.options.random() * LETTERS.length)]!;
    this.state = this.state.apply(this.state.tr.insertText(letter, pos));
    this.typed++;
    this.typingLag.push(lag);
    this.unconfirmedSince.push(performance.now());
    this.channel.changed();
  }

  /** Whether the typist has nothing unsent, no request running, and nothing left to catch up. */
  get idle(): boolean {
    return this.status === "saved" && !this.channel.hasUnconfirmed;
  }

  /** The typist's text as the server indexes it. */
  text(): string {
    return new TextIndex(this.state.doc).text;
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.channel.stop();
  }

  /** The channel's requests, sent to the instance with the typist's token, each timed to its full answer. */
  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const sending = init.method === "POST";
    // The channel sends every unconfirmed step, and nothing changes the state until it is answered.
    const steps = sending ? (sendableSteps(this.state)?.steps.length ?? 0) : 0;
    const began = performance.now();
    const res = await fetch(`${this.options.base}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.options.token}` },
    });
    const body = await res.text();
    const answered = performance.now();
    this.requests.push({ kind: sending ? "send" : "catch-up", status: res.status, ms: answered - began, steps, bytes: Buffer.byteLength(body) });
    if (res.status >= 500 && this.problems.length < 5) this.problems.push(`${res.status}: ${body.slice(0, 200)}`);
    // Accepted steps are confirmed in the order they were typed: the oldest `steps` keystrokes.
    if (sending && res.ok) for (const typedAt of this.unconfirmedSince.splice(0, steps)) this.keyToConfirmed.push(answered - typedAt);
    return new Response(body === "" ? null : body, { status: res.status, headers: res.headers });
  }
}
