import type { ArticleExportSource, ExportAnnotation } from "./export-types";
import { unattributedClaimIds } from "./unattributed-claims";

/** The Newsmark JSON export of one article (DESIGN.md, "the export format"); its JSON Schema is in this folder. */
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
  summary: {
    claim: number;
    hedge: number;
    attribution: number;
    pending: number;
    approved: number;
    rejected: number;
    orphaned: number;
    unattributedClaims: number;
  };
}

/** Counts per kind and status, and claims that no exported attribution links to. */
function summarise(annotations: ExportAnnotation[]): NewsmarkArticleExport["summary"] {
  const summary = { claim: 0, hedge: 0, attribution: 0, pending: 0, approved: 0, rejected: 0, orphaned: 0, unattributedClaims: 0 };
  for (const a of annotations) {
    summary[a.kind]++;
    summary[a.status]++;
  }
  summary.unattributedClaims = unattributedClaimIds(annotations).size;
  return summary;
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
    summary: summarise(annotations),
  };
}
