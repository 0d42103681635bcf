import type { Prisma } from "../../db/prisma";
import type { ArticleExportSource, ExportAnnotation } from "../../export/export-types";
import type { Db } from "../db";

/** Which annotations an export includes. */
export type ExportStatusFilter = "all" | "approved";

const person = { select: { id: true, name: true, email: true } } as const;

const exportInclude = {
  createdBy: person,
  reviewedBy: person,
  linksFrom: { where: { to: { deletedAt: null } }, select: { toId: true, type: true } },
} satisfies Prisma.AnnotationInclude;

type Row = Prisma.AnnotationGetPayload<{ include: typeof exportInclude }>;

function toExportAnnotation(row: Row, revisionId: string | undefined): ExportAnnotation {
  // An orphan keeps the offsets of the older revision it was orphaned from: counted in this
  // revision's text they would select other words, so it goes out without any.
  const placed = row.revisionId === revisionId;
  return {
    id: row.id,
    kind: row.kind,
    start: placed ? row.start : null,
    end: placed ? row.end : null,
    quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix },
    note: row.note,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
    links: row.linksFrom.map((l) => ({ type: l.type, targetId: l.toId })),
  };
}

/**
 * Loads what the exporters need for many articles in three queries (articles, revisions,
 * annotations), never one query per article, so a bulk export stays fast.
 */
export async function loadExportSources(db: Db, articleIds: string[], status: ExportStatusFilter): Promise<ArticleExportSource[]> {
  if (articleIds.length === 0) return [];
  const articles = await db.article.findMany({ where: { id: { in: articleIds }, deletedAt: null }, include: { currentRevision: true } });
  const annotations = await db.annotation.findMany({
    where: { articleId: { in: articleIds }, deletedAt: null, ...(status === "approved" ? { status: "approved" } : {}) },
    orderBy: [{ start: "asc" }, { end: "desc" }, { id: "asc" }],
    include: exportInclude,
  });
  const currentRevision = new Map(articles.map((a) => [a.id, a.currentRevisionId ?? undefined]));
  const byArticle = new Map<string, ExportAnnotation[]>();
  for (const row of annotations) {
    const list = byArticle.get(row.articleId) ?? [];
    list.push(toExportAnnotation(row, currentRevision.get(row.articleId)));
    byArticle.set(row.articleId, list);
  }
  // Document order for the placed ones; those without a place in this text come after them.
  for (const list of byArticle.values()) list.sort((a, b) => Number(a.start === null) - Number(b.start === null));
  const order = new Map(articleIds.map((id, i) => [id, i]));
  return articles
    .filter((a) => a.currentRevision)
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((a) => ({
      article: { id: a.id, title: a.title, byline: a.byline, sourceUrl: a.sourceUrl, updatedAt: a.updatedAt.toISOString() },
      revision: {
        id: a.currentRevision!.id,
        number: a.currentRevision!.number,
        createdAt: a.currentRevision!.createdAt.toISOString(),
        doc: a.currentRevision!.doc,
        text: a.currentRevision!.text,
      },
      annotations: byArticle.get(a.id) ?? [],
    }));
}
