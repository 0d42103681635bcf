import "server-only";
import { stepsSinceQuery, type StepsSince } from "../../contracts/collab";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { readStepsSince } from "./steps-since";

/**
 * The steps after the version a page has, for it to catch up (an event said the text moved on).
 * 409 with `reload` when they were compacted away: the page reloads the text and keeps its own
 * unsent text as a draft.
 */
export async function getStepsSince(db: Db, actor: Actor, articleId: string, query: unknown): Promise<StepsSince> {
  requireRole(actor, ANY_ROLE, "read articles");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const { since } = stepsSinceQuery.parse(query);
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { currentRevision: { select: { version: true } } } });
  if (!article?.currentRevision) throw notFound("Article");
  const current = article.currentRevision.version;
  if (since > current) {
    throw new AppError("validation_failed", `Version ${since} is ahead of the text's version ${current}`, [{ path: "since", message: "from the future" }]);
  }
  const steps = await readStepsSince(db, articleId, since, current);
  if (!steps) throw new AppError("conflict", "Those steps are no longer kept: reload the article", { reload: true, version: current });
  return steps;
}
