import type { Tx } from "../db";

/**
 * Recomputes an article's review status after its annotations change (draft: none; in review:
 * some pending; reviewed: none pending) and marks it as updated, inside the caller's transaction.
 */
export async function refreshArticleStatus(tx: Tx, articleId: string): Promise<void> {
  const live = { articleId, deletedAt: null };
  // One after the other: a transaction is one connection, which runs one query at a time.
  const total = await tx.annotation.count({ where: live });
  const pending = await tx.annotation.count({ where: { ...live, status: { in: ["pending", "orphaned"] } } });
  const status = total === 0 ? "draft" : pending > 0 ? "in_review" : "reviewed";
  await tx.article.update({ where: { id: articleId }, data: { status, updatedAt: new Date() } });
}
