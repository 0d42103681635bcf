import "server-only";
import type { Db } from "../db";
import { AppError } from "../errors";

/** The id of a live article's current revision, for an operator's command that revises it; not found otherwise. */
export async function findCurrentRevisionId(db: Db, articleId: string): Promise<string> {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { currentRevisionId: true } });
  if (!article?.currentRevisionId) throw new AppError("not_found", `No article ${articleId}`);
  return article.currentRevisionId;
}
