import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { docText } from "@/lib/anchoring/doc-text";
import { quoteAt } from "@/lib/anchoring/quote";
import type { ArticleExportSource, ExportAnnotation, ExportPerson } from "@/lib/export/export-types";
import { parsePlainText, splitTitle } from "@/lib/import/plain-text";

/** A realistic export source built from the seed's sample article, without a database. */

const sample = readFileSync(new URL("../../../prisma/seed/sample-article.txt", import.meta.url), "utf8");

export const editor: ExportPerson = { id: randomUUID(), name: "Ada Editor", email: "ada@newsmark.test" };
export const reviewer: ExportPerson = { id: randomUUID(), name: "Rui Reviewer", email: "rui@newsmark.test" };

/** Code point offsets of the first occurrence of `needle` in `text`. */
export function spanOf(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the sample article`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

function annotation(text: string, needle: string, fields: Partial<ExportAnnotation> & Pick<ExportAnnotation, "kind">): ExportAnnotation {
  const { start, end } = spanOf(text, needle);
  return {
    id: randomUUID(),
    start,
    end,
    quote: quoteAt(text, start, end),
    note: "",
    attributes: {},
    status: "pending",
    createdBy: editor,
    createdAt: "2025-09-02T10:00:00.000Z",
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    links: [],
    ...fields,
  };
}

/** The sample article with every kind, a note, an attribution and a hedge linked to a claim, and an approved and a rejected review. */
export function sampleSource() {
  const { title, body } = splitTitle(sample);
  const doc = parsePlainText(body);
  const text = docText(doc);
  const claim = annotation(text, "Putin had agreed to security guarantees for Ukraine", {
    kind: "claim",
    note: "Check against the Kremlin readout.",
    attributes: { checkWorthy: true },
    status: "approved",
    reviewedBy: reviewer,
    reviewedAt: "2025-09-02T11:00:00.000Z",
    reviewNote: "Confirmed by two outlets.",
  });
  const rejected = annotation(text, "killing dozens", {
    kind: "claim",
    status: "rejected",
    reviewedBy: reviewer,
    reviewedAt: "2025-09-02T11:05:00.000Z",
    reviewNote: "Numbers are disputed.",
  });
  const attribution = annotation(text, "US special envoy Steve Witkoff stated", {
    kind: "attribution",
    attributes: { sourceName: "Steve Witkoff", sourceType: "person" },
    links: [{ type: "attributes", targetId: claim.id }],
  });
  const hedge = annotation(text, "reportedly", { kind: "hedge", links: [{ type: "qualifies", targetId: claim.id }] });
  const annotations = [claim, rejected, attribution, hedge].sort((a, b) => a.start! - b.start!);
  const source: ArticleExportSource = {
    article: { id: randomUUID(), title, byline: null, sourceUrl: null, updatedAt: "2025-09-02T11:05:00.000Z" },
    revision: { id: randomUUID(), number: 1, createdAt: "2025-09-02T09:00:00.000Z", doc: doc.toJSON(), text },
    annotations,
  };
  return { source, text, claim, rejected, attribution, hedge };
}
