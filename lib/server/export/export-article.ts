import "server-only";
import { exportArticleQuery } from "../../contracts/export";
import { toNewsmarkJson, type NewsmarkArticleExport } from "../../export/newsmark-json";
import { toW3cCollection, type W3cAnnotationCollection } from "../../export/w3c";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { loadExportSources } from "./load-export-source";


/** One article's export, ready to send as a download. */
export type ArticleExport =
  | { format: "json"; fileName: string; contentType: "application/json"; document: NewsmarkArticleExport }
  | { format: "w3c"; fileName: string; contentType: "application/ld+json"; document: W3cAnnotationCollection };

/** A file-name-safe form of a title: ASCII letters and digits joined by hyphens. */
function slugOf(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  // A title in a non-Latin script leaves nothing; the file still needs a name.
  return slug || "article";
}

/**
 * Exports one article as Newsmark JSON or as a W3C annotation collection, with all its annotations
 * or only the approved ones. Every role may export what it may read.
 */
export async function exportArticle(
  db: Db,
  actor: Actor,
  id: string,
  query: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<ArticleExport> {
  requireRole(actor, ANY_ROLE, "export articles");
  const { format, status } = exportArticleQuery.parse(query);
  // A malformed id names no article: 404, as GET /api/articles/:id answers.
  if (!uuidSchema.safeParse(id).success) throw notFound("Article");
  const [source] = await loadExportSources(db, [id], status);
  if (!source) throw notFound("Article");
  const exportedAt = options.now ?? new Date();
  const fileName = `${slugOf(source.article.title)}-${format}.json`;
  return format === "w3c"
    ? { format, fileName, contentType: "application/ld+json", document: toW3cCollection(source, { baseUrl: options.baseUrl, exportedAt }) }
    : { format, fileName, contentType: "application/json", document: toNewsmarkJson(source, exportedAt) };
}
