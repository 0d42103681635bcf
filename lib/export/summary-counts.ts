import { ANNOTATION_KINDS, ANNOTATION_STATUSES } from "../contracts/vocabulary";
import { unattributedClaimIds, type LinkedAnnotation } from "./unattributed-claims";

/** The kinds an article's summary counts, in the order the export writes them. */
export const SUMMARY_KINDS = ANNOTATION_KINDS;
/** The statuses an article's summary counts, in the order the export writes them. */
export const SUMMARY_STATUSES = ANNOTATION_STATUSES;

/** An article's summary counts: what its export's `summary`, the article list and the bulk export all show. */
export type SummaryCounts = Record<(typeof SUMMARY_KINDS)[number] | (typeof SUMMARY_STATUSES)[number], number> & {
  /** Claims no attribution links to: "who said this?" is still open (`unattributedClaimIds`). */
  unattributedClaims: number;
};

/** What counting needs to know of an annotation. */
export interface CountedAnnotation extends LinkedAnnotation {
  readonly status: (typeof SUMMARY_STATUSES)[number];
}

/** All counts zero, keys in the export's order. */
export function emptySummaryCounts(): SummaryCounts {
  return { claim: 0, hedge: 0, attribution: 0, pending: 0, approved: 0, rejected: 0, orphaned: 0, unattributedClaims: 0 };
}

/**
 * Newsmark's one definition of summary counts: each annotation passed counts once under its kind
 * and once under its status, and the claims among them that none of them attributes are
 * unattributed. The caller passes the annotations it speaks for: the live (not deleted) ones of
 * every status, or an approved-only export's approved ones. Where PostgreSQL counts instead
 * (`lib/server/articles/count-annotations.ts` for the article list, `lib/server/export/json-lines-query.ts`
 * for the bulk export) it counts the same; `tests/integration/server/summary-counts.test.ts` holds them equal.
 */
export function summaryCounts(annotations: Iterable<CountedAnnotation>): SummaryCounts {
  const list = [...annotations];
  const counts = emptySummaryCounts();
  for (const a of list) {
    counts[a.kind]++;
    counts[a.status]++;
  }
  counts.unattributedClaims = unattributedClaimIds(list).size;
  return counts;
}
