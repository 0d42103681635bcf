import "server-only";
import type { Prisma } from "../../db/prisma";
import { reviewQueueQuery } from "../../contracts/review";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { annotationInclude, toAnnotationJson } from "../annotations/annotation-json";
import type { Db } from "../db";
import { decodeCursor, encodeCursor } from "../keyset-cursor";
import { previousQuotes } from "./previous-quotes";
import type { QueueItem, QueuePage } from "../../contracts/review";

export type { QueueItem, QueuePage };

/**
 * One entry of the queue: the annotation, its article, and for a pending annotation whose words a
 * correction changed since its last review, the words it covered before (null otherwise).
 */
/** The statuses that wait for a human decision: pending words, and orphans whose words a correction removed. */
export const QUEUE_STATUSES = ["pending", "orphaned"] as const;

/** Pending and orphaned annotations across articles, oldest first, with filters and keyset pagination. */
export async function reviewQueue(db: Db, actor: Actor, query: unknown): Promise<QueuePage> {
  requireRole(actor, ANY_ROLE, "see the review queue");
  const { kind, articleId, authorId, cursor, limit } = reviewQueueQuery.parse(query);
  const base: Prisma.AnnotationWhereInput = {
    status: { in: [...QUEUE_STATUSES] },
    deletedAt: null,
    article: { deletedAt: null },
    ...(kind ? { kind } : {}),
    ...(articleId ? { articleId } : {}),
    ...(authorId ? { createdById: authorId } : {}),
  };
  const where: Prisma.AnnotationWhereInput = { ...base };
  if (cursor) {
    const { at, id } = decodeCursor(cursor);
    where.OR = [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }];
  }
  const [rows, counts] = await Promise.all([
    db.annotation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      include: { ...annotationInclude, article: { select: { id: true, title: true } } },
    }),
    db.annotation.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const items = page.map((r) => ({ ...toAnnotationJson(r), article: r.article }));
  const previous = await previousQuotes(db, items);
  const countOf = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    items: items.map((item) => ({ ...item, previousQuote: previous.get(item.id) ?? null })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    total: countOf("pending"),
    orphaned: countOf("orphaned"),
  };
}

/** How many annotations wait for this reviewer (their own, and those whose substance they changed, are someone else's job). */
export async function pendingForReviewer(db: Db, actor: Actor): Promise<number> {
  if (actor.role === "editor") return 0;
  return db.annotation.count({
    where: {
      status: "pending",
      deletedAt: null,
      article: { deletedAt: null },
      createdById: { not: actor.id },
      // A pending annotation has no review since its last change of substance, so whoever made that change waits.
      OR: [{ substanceById: null }, { substanceById: { not: actor.id } }],
    },
  });
}
