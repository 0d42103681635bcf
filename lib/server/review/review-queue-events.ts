import "server-only";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { getArticleEventBus } from "../events/event-bus-instance";
import { openEventStream, sseEvent } from "../events/event-stream";

/**
 * Tells an open review queue that it may be out of date, as server-sent events: `event: changed`
 * with `{articleId}` each time any article has a new live event (an annotation created, changed,
 * deleted, reviewed or orphaned, the text edited), and `{articleId: null}` after notifications may
 * have been lost. It carries no annotation: the page reads its page of the queue again, under its
 * own filters and the reader's permissions, as GET /api/review/queue answers it. Whoever may see
 * the queue may listen; the stream closes when the user is disabled.
 */
export async function openReviewQueueEventStream(db: Db, actor: Actor, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  requireRole(actor, ANY_ROLE, "see the review queue");
  const bus = await getArticleEventBus();
  return openEventStream(db, actor, signal, (send) =>
    bus.subscribeAll({
      onArticle(articleId) {
        send(sseEvent({ articleId }, { event: "changed" }));
      },
      onResumed() {
        send(sseEvent({ articleId: null }, { event: "changed" }));
      },
    }),
  );
}
