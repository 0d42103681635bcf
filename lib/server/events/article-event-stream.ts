import "server-only";
import { articleEventsQuery } from "../../contracts/collab";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { getArticleEventBus } from "./event-bus-instance";
import { openEventStream, sseEvent } from "./event-stream";

/** Where a stream starts: after the `Last-Event-ID` a reconnecting browser sends, else after `?after=` (the only parameter). */
export function streamStart(lastEventId: string | null, query: unknown): number {
  const raw = lastEventId ?? articleEventsQuery.parse(query).after;
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
  return openEventStream(db, actor, signal, (send) =>
    bus.subscribe(articleId, {
      last: after,
      onEvents(events) {
        send(events.map((e) => sseEvent(e, { id: e.seq })).join(""));
      },
      onPresence(beat) {
        send(sseEvent(beat, { event: "presence" }));
      },
    }),
  );
}
