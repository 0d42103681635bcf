import "server-only";
import type { ArticleExportSource, ExportAnnotation } from "../../export/export-types";
import type { Db } from "../db";

/** Which annotations an export includes. */
export type ExportStatusFilter = "all" | "approved";

// Timestamps are stored in UTC without a zone; this renders them exactly as Date#toISOString does.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Every live annotation of the given articles, serialised by PostgreSQL as one JSON array per
 * article, keys in the order of `ExportAnnotation`. Building the objects in the database and
 * parsing one string per article costs a fraction of the CPU and garbage of materialising each
 * row and its author, reviewer and links through the client, which dominated bulk exports.
 */
function annotationsQuery(approvedOnly: boolean): string {
  const person = (alias: string) => `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'email', ${alias}.email)`;
  return `
    SELECT n."articleId"::text AS "articleId", json_agg(json_build_object(
        -- An orphan keeps the offsets of the text it was orphaned from (an older revision, or this
        -- one before its words were deleted): counted in this text they would select other words,
        -- so it goes out without any.
        'id', n.id, 'kind', n.kind,
        'start', CASE WHEN n."revisionId" = a."currentRevisionId" AND n.status <> 'orphaned' THEN n.start END,
        'end', CASE WHEN n."revisionId" = a."currentRevisionId" AND n.status <> 'orphaned' THEN n."end" END,
        'quote', json_build_object('exact', n."quoteExact", 'prefix', n."quotePrefix", 'suffix', n."quoteSuffix"),
        'note', n.note, 'attributes', n.attributes, 'status', n.status,
        'createdBy', ${person("c")}, 'createdAt', to_char(n."createdAt", ${ISO}),
        'reviewedBy', CASE WHEN r.id IS NULL THEN NULL ELSE ${person("r")} END,
        'reviewedAt', to_char(n."reviewedAt", ${ISO}), 'reviewNote', n."reviewNote",
        'links', coalesce((
          -- Links stay stored when an end is deleted (undo restores them); only live targets count.
          -- In the order they were made, as the bulk export writes them (load-json-lines.ts).
          SELECT json_agg(json_build_object('type', l.type, 'targetId', l."toId") ORDER BY l."createdAt", l.id)
            FROM annotation_links l JOIN annotations t ON t.id = l."toId"
           WHERE l."fromId" = n.id AND t."deletedAt" IS NULL), '[]'::json)
      ) ORDER BY n."revisionId" <> a."currentRevisionId" OR n.status = 'orphaned', n.start, n."end" DESC, n.id)::text AS annotations
      FROM annotations n
      JOIN articles a ON a.id = n."articleId"
      JOIN users c ON c.id = n."createdById"
      LEFT JOIN users r ON r.id = n."reviewedById"
     WHERE n."articleId" = ANY($1::uuid[]) AND n."deletedAt" IS NULL${approvedOnly ? ` AND n.status = 'approved'` : ""}
     GROUP BY n."articleId"`;
}

/**
 * Loads what the exporters need for many articles in two queries (articles with their revisions,
 * annotations), never one query per article, so a bulk export stays fast.
 */
export async function loadExportSources(db: Db, articleIds: string[], status: ExportStatusFilter): Promise<ArticleExportSource[]> {
  if (articleIds.length === 0) return [];
  const articles = await db.article.findMany({ where: { id: { in: articleIds }, deletedAt: null }, include: { currentRevision: true } });
  const rows = await db.$queryRawUnsafe<{ articleId: string; annotations: string }[]>(annotationsQuery(status === "approved"), articleIds);
  const byArticle = new Map(rows.map((row) => [row.articleId, JSON.parse(row.annotations) as ExportAnnotation[]]));
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
