import "server-only";
import type { Actor } from "../actor";
import type { Db } from "../db";
import { findActiveUser } from "../users/find-active-user";

/** How often an idle stream sends a comment (proxies close silent connections) and checks its user again. */
export const HEARTBEAT_MS = 15_000;

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 1_000;

const encoder = new TextEncoder();

/** One server-sent event: `id` for events a browser may resume after (`Last-Event-ID`), `event` for a named kind. */
export function sseEvent(data: unknown, options: { id?: number; event?: string } = {}): string {
  return `${options.id !== undefined ? `id: ${options.id}\n` : ""}${options.event ? `event: ${options.event}\n` : ""}data: ${JSON.stringify(data)}\n\n`;
}

/**
 * Called once the stream is open, with how to send text (SSE framing already applied by the
 * caller, e.g. with `sseEvent`); returns how to stop sending (unsubscribe).
 */
export type AttachStream = (send: (text: string) => void) => () => void;

/**
 * The plumbing every server-sent event stream of the app shares: the `retry` preamble, a heartbeat
 * comment, and on each heartbeat the user row read again, so the stream closes (after an
 * `event: closed`) once the user has been disabled. The session or token was checked when the
 * stream opened. Closing, by the client, the request's signal or a disabled user, detaches once.
 */
export function openEventStream(db: Db, actor: Actor, signal: AbortSignal, attach: AttachStream): ReadableStream<Uint8Array> {
  let close = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const detach = attach(send);
      const heartbeat = setInterval(() => {
        send(": ping\n\n");
        findActiveUser(db, actor.id).then(
          (lookup) => {
            if ("refused" in lookup) {
              send(sseEvent({ reason: lookup.refused }, { event: "closed" }));
              close();
            }
          },
          () => undefined, // The database is away: the stream stays, and catches up when it is back.
        );
      }, HEARTBEAT_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        detach();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      signal.addEventListener("abort", close);
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
    },
    cancel() {
      close();
    },
  });
}
