import "server-only";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { annotationInclude, toAnnotationJson } from "../annotations/annotation-json";
import type { Db } from "../db";
import { toRevisionJson } from "../revisions/revision-json";
import { notFound } from "../errors";
import type { ArticleDetail } from "../../contracts/articles";

export type { ArticleDetail };

/** One article with its current revision and live annotations in document order. */
export async function getArticle(db: Db, actor: Actor, id: string): Promise<ArticleDetail> {
  requireRole(actor, ANY_ROLE, "read articles");
  // An id that is not a UUID cannot exist; answering 404 (not 400) keeps URLs simple to reason about.
  if (!uuidSchema.safeParse(id).success) throw notFound("Article");
  // One snapshot: the text, its version, the annotations' positions in it and the number of the
  // latest live event all agree, so a page that streams events after that number misses nothing.
  const { article, annotations } = await db.$transaction(
    async (tx) => {
      const article = await tx.article.findFirst({
        where: { id, deletedAt: null },
        include: { currentRevision: true, createdBy: { select: { id: true, name: true } } },
      });
      if (!article || !article.currentRevision) throw notFound("Article");
      const annotations = await tx.annotation.findMany({
        where: { articleId: id, deletedAt: null },
        orderBy: [{ start: "asc" }, { end: "desc" }],
        include: annotationInclude,
      });
      return { article, annotations };
    },
    { isolationLevel: "RepeatableRead" },
  );
  const revision = article.currentRevision;
  return {
    article: {
      id: article.id,
      title: article.title,
      byline: article.byline,
      sourceUrl: article.sourceUrl,
      status: article.status,
      createdBy: article.createdBy,
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
    },
    revision: toRevisionJson(revision!),
    lastEvent: article.eventSeq,
    annotations: annotations.map(toAnnotationJson),
  };
}
