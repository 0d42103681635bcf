import "server-only";
import { Prisma } from "../../db/prisma";
import type { Tx } from "../db";

/**
 * The UPDATE that recomputes an article's review status from its live annotations (draft: none; in
 * review: some pending or orphaned; reviewed: none pending) and marks it as updated. One statement
 * rather than two counts and an update: every annotation write runs it, and each extra round trip
 * keeps the write's connection busy longer.
 *
 * `changed` is for a statement that also changes one annotation (lib/server/annotations/
 * write-annotation-change.ts): parts of one statement all see the rows as they were before it, so
 * that annotation is counted with the status it is being given (null: deleted) instead of its stored one.
 */
export function articleStatusUpdate(articleId: string, at: Date, changed?: { id: string; status: string | null }): Prisma.Sql {
  const live = changed
    ? Prisma.sql`SELECT "status"::text FROM "annotations" WHERE "articleId" = ${articleId}::uuid AND "deletedAt" IS NULL AND "id" <> ${changed.id}::uuid
                 UNION ALL SELECT ${changed.status}::text WHERE ${changed.status}::text IS NOT NULL`
    : Prisma.sql`SELECT "status"::text FROM "annotations" WHERE "articleId" = ${articleId}::uuid AND "deletedAt" IS NULL`;
  return Prisma.sql`
    UPDATE "articles" SET
      "status" = (CASE WHEN counts.total = 0 THEN 'draft' WHEN counts.pending > 0 THEN 'in_review' ELSE 'reviewed' END)::"ArticleStatus",
      "updatedAt" = ${at}
    FROM (SELECT count(*) AS total, count(*) FILTER (WHERE "status" IN ('pending', 'orphaned')) AS pending FROM (${live}) AS live) AS counts
    WHERE "id" = ${articleId}::uuid`;
}

/** Recomputes an article's review status after its annotations change, inside the caller's transaction. */
export async function refreshArticleStatus(tx: Tx, articleId: string): Promise<void> {
  await tx.$executeRaw(articleStatusUpdate(articleId, new Date()));
}
