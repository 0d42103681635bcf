import "server-only";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { QUEUE_STATUSES } from "./review-queue";

/** The authors and articles that have annotations in the queue (pending or orphaned): the choices of the queue's filters. */
export async function queueFilterOptions(
  db: Db,
  actor: Actor,
): Promise<{ authors: { id: string; name: string }[]; articles: { id: string; title: string }[] }> {
  requireRole(actor, ANY_ROLE, "see the review queue");
  const waiting = { status: { in: [...QUEUE_STATUSES] }, deletedAt: null };
  const [authors, articles] = [
    await db.user.findMany({ where: { annotationsCreated: { some: waiting } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    await db.article.findMany({
      where: { deletedAt: null, annotations: { some: waiting } },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
      take: 200,
    }),
  ];
  return { authors, articles };
}
