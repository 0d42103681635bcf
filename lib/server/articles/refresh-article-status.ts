import type { Tx } from "../db";

/**
 * Recomputes an article's review status after its annotations change (draft: none; in review:
 * some pending; reviewed: none pending) and marks it as updated, inside the caller's transaction.
 */
export async function refreshArticleStatus(tx: Tx, articleId: string): Promise<void> {
  // One statement rather than two counts and an update: every annotation write runs this inside
  // its transaction, and each extra round trip keeps the transaction (and its connection) open longer.
  await tx.$executeRaw`
    UPDATE "articles" SET
      "status" = (CASE WHEN counts.total = 0 THEN 'draft' WHEN counts.pending > 0 THEN 'in_review' ELSE 'reviewed' END)::"ArticleStatus",
      "updatedAt" = ${new Date()}
    FROM (
      SELECT count(*) AS total, count(*) FILTER (WHERE "status" IN ('pending', 'orphaned')) AS pending
        FROM "annotations" WHERE "articleId" = ${articleId}::uuid AND "deletedAt" IS NULL
    ) AS counts
    WHERE "id" = ${articleId}::uuid`;
}
