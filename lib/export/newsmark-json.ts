import type { ArticleExportSource, ExportAnnotation } from "./export-types";
import { summaryCounts, type SummaryCounts } from "./summary-counts";

/** The Newsmark JSON export of one article; its JSON Schema is `lib/export/newsmark-article.schema.json`. */
export interface NewsmarkArticleExport {
  format: "newsmark.article";
  version: 1;
  exportedAt: string;
  article: { id: string; title: string; byline: string | null; sourceUrl: string | null };
  revision: { id: string; number: number; createdAt: string };
  text: string;
  offsets: "unicode-code-points";
  doc: unknown;
  annotations: ExportAnnotation[];
  summary: SummaryCounts;
}

/** Serialises one article and its annotations (in document order) as Newsmark JSON. */
export function toNewsmarkJson(source: ArticleExportSource, exportedAt: Date): NewsmarkArticleExport {
  const ids = new Set(source.annotations.map((a) => a.id));
  // A filtered export (approved only) must not point at annotations it leaves out.
  const annotations = source.annotations.map((a) => ({ ...a, links: a.links.filter((l) => ids.has(l.targetId)) }));
  return {
    format: "newsmark.article",
    version: 1,
    exportedAt: exportedAt.toISOString(),
    article: { id: source.article.id, title: source.article.title, byline: source.article.byline, sourceUrl: source.article.sourceUrl },
    revision: { id: source.revision.id, number: source.revision.number, createdAt: source.revision.createdAt },
    text: source.revision.text,
    offsets: "unicode-code-points",
    doc: source.revision.doc,
    annotations,
    summary: summaryCounts(annotations),
  };
}
