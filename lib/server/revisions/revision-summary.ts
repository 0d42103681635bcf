import "server-only";
import { CodePointText } from "../../anchoring/code-points";
import type { Prisma } from "../../db/prisma";
import { countOutcomes } from "./recorded-outcomes";
import type { RevisionOutcome } from "./create-revision";
import type { RevisionSummary } from "../../contracts/revisions";

export type { RevisionSummary };

/** The columns a summary needs. */
export const revisionSummarySelect = {
  id: true,
  number: true,
  text: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.RevisionSelect;

export type RevisionSummaryRow = Prisma.RevisionGetPayload<{ select: typeof revisionSummarySelect }>;

/** Words as a reader counts them: runs between spaces that hold a letter or a digit, so a lone dash is not one. */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  return words;
}

/** A summary from a revision row and the outcomes recorded when it was saved. */
export function toRevisionSummary(row: RevisionSummaryRow, outcomes: Record<string, RevisionOutcome> | undefined): RevisionSummary {
  return {
    id: row.id,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    length: new CodePointText(row.text).length,
    words: countWords(row.text),
    outcomes: outcomes ? countOutcomes(Object.values(outcomes)) : null,
  };
}
