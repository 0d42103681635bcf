import "server-only";
import { articleEventsQuery } from "../../contracts/collab";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { findActiveUser } from "../users/find-active-user";
import { getArticleEventBus } from "./event-bus-instance";

/** How often an idle stream sends a comment (proxies close silent connections) and checks its user again. */
export const HEARTBEAT_MS = 15_000;

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 1_000;

const encoder = new TextEncoder();

/**
 * Where a stream starts: after the `Last-Event-ID` a reconnecting browser sends, else after `?after=`.
 * The query is checked like every other route's: anything but `after` is refused.
 */
export function streamStart(lastEventId: string | null, query: unknown): number {
  const { after } = articleEventsQuery.parse(query);
  const raw = lastEventId ?? after;
  if (raw === undefined) throw new AppError("validation_failed", "Say where to start: ?after=<event number> (the page's lastEvent), or Last-Event-ID", [{ path: "after", message: "is required" }]);
  if (!/^(0|[1-9][0-9]{0,9})$/.test(raw)) throw new AppError("validation_failed", "The event number must be a whole number", [{ path: "after", message: "must be a whole number" }]);
  return Number(raw);
}

/**
 * The live events of an article as server-sent events: each with `id` = its number, so a browser
 * that reconnects sends `Last-Event-ID` and gets exactly the events it missed. Presence beats go
 * as `event: presence` without an id (they are not kept). The session or token was checked when
 * the stream opened; the user row is read again on every heartbeat, and the stream closes when the
 * user has been disabled.
 */
export async function openArticleEventStream(db: Db, actor: Actor, articleId: string, after: number, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  requireRole(actor, ANY_ROLE, "open articles");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { eventSeq: true } });
  if (!article) throw notFound("Article");
  if (after > article.eventSeq) {
    throw new AppError("validation_failed", `Event ${after} is ahead of the article's latest event ${article.eventSeq}`, [{ path: "after", message: "from the future" }]);
  }
  const bus = await getArticleEventBus();
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
      const unsubscribe = bus.subscribe(articleId, {
        last: after,
        onEvents(events) {
          send(events.map((e) => `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`).join(""));
        },
        onPresence(beat) {
          send(`event: presence\ndata: ${JSON.stringify(beat)}\n\n`);
        },
      });
      const heartbeat = setInterval(() => {
        send(": ping\n\n");
        findActiveUser(db, actor.id).then(
          (lookup) => {
            if ("refused" in lookup) {
              send(`event: closed\ndata: ${JSON.stringify({ reason: lookup.refused })}\n\n`);
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
        unsubscribe();
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
