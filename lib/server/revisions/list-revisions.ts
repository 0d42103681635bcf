import "server-only";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { recordedOutcomes } from "./recorded-outcomes";
import { revisionSummarySelect, toRevisionSummary } from "./revision-summary";
import type { RevisionList } from "../../contracts/revisions";

export type { RevisionList };

/** Every revision of an article, newest first, with who saved it, its size and what became of the annotations. */
export async function listRevisions(db: Db, actor: Actor, articleId: string): Promise<RevisionList> {
  requireRole(actor, ANY_ROLE, "read revision history");
  // Not a UUID: no such article, as GET /api/articles/:id answers.
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: { id: true, title: true, currentRevisionId: true },
  });
  if (!article?.currentRevisionId) throw notFound("Article");
  const rows = await db.revision.findMany({ where: { articleId }, orderBy: { number: "desc" }, select: revisionSummarySelect });
  const outcomes = await recordedOutcomes(db, rows.map((r) => r.id));
  return {
    article: { id: article.id, title: article.title, currentRevisionId: article.currentRevisionId },
    revisions: rows.map((row) => toRevisionSummary(row, outcomes.get(row.id))),
  };
}
