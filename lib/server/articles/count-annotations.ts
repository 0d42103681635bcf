import "server-only";
import { emptySummaryCounts, type SummaryCounts } from "../../export/summary-counts";
import type { Db } from "../db";
import { unattributedClaimWhere } from "./unattributed-claim-where";

/** Live annotations of one article by kind and by status: the export's summary counts. */
export type AnnotationCounts = SummaryCounts;

/**
 * The summary counts (`summaryCounts` in lib/export/summary-counts.ts) of many articles' live
 * annotations, counted by PostgreSQL in two grouped queries (never one query per article).
 */
export async function countAnnotations(db: Db, articleIds: string[]): Promise<Map<string, AnnotationCounts>> {
  const result = new Map(articleIds.map((id) => [id, emptySummaryCounts()]));
  if (articleIds.length === 0) return result;
  const groups = await db.annotation.groupBy({
    by: ["articleId", "kind", "status"],
    where: { articleId: { in: articleIds }, deletedAt: null },
    _count: { _all: true },
  });
  for (const g of groups) {
    const counts = result.get(g.articleId)!;
    counts[g.kind] += g._count._all;
    counts[g.status] += g._count._all;
  }
  const unattributed = await db.annotation.findMany({
    where: { articleId: { in: articleIds }, ...unattributedClaimWhere },
    select: { articleId: true },
  });
  for (const { articleId } of unattributed) result.get(articleId)!.unattributedClaims++;
  return result;
}
