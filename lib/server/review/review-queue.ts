import type { Prisma } from "../../db/prisma";
import { reviewQueueQuery } from "../../schemas/annotation";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "../annotations/annotation-json";
import type { Db } from "../db";
import { decodeCursor, encodeCursor } from "../keyset-cursor";

export type QueueItem = AnnotationJson & { article: { id: string; title: string } };

/** Pending annotations across articles, oldest first, with filters and keyset pagination. */
export async function reviewQueue(db: Db, actor: Actor, query: unknown): Promise<{ items: QueueItem[]; nextCursor: string | null; total: number }> {
  requireRole(actor, ANY_ROLE, "see the review queue");
  const { kind, articleId, authorId, cursor, limit } = reviewQueueQuery.parse(query);
  const base: Prisma.AnnotationWhereInput = {
    status: "pending",
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
  const [rows, total] = await Promise.all([
    db.annotation.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      include: { ...annotationInclude, article: { select: { id: true, title: true } } },
    }),
    db.annotation.count({ where: base }),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...toAnnotationJson(r), article: r.article })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    total,
  };
}

/** How many annotations wait for this reviewer (their own are someone else's job). */
export async function pendingForReviewer(db: Db, actor: Actor): Promise<number> {
  if (actor.role === "editor") return 0;
  return db.annotation.count({ where: { status: "pending", deletedAt: null, article: { deletedAt: null }, createdById: { not: actor.id } } });
}
