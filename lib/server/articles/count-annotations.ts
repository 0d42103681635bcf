import "server-only";
import type { Db } from "../db";
import { unattributedClaimWhere } from "./unattributed-claim-where";

/** Live annotations of one article by kind and by status. */
export interface AnnotationCounts {
  claim: number;
  hedge: number;
  attribution: number;
  pending: number;
  approved: number;
  rejected: number;
  orphaned: number;
  /** Claims no attribution links to: "who said this?" is still open (`unattributedClaimIds`). */
  unattributedClaims: number;
}

const empty = (): AnnotationCounts => ({ claim: 0, hedge: 0, attribution: 0, pending: 0, approved: 0, rejected: 0, orphaned: 0, unattributedClaims: 0 });

/** Counts for many articles in one grouped query (never one query per article). */
export async function countAnnotations(db: Db, articleIds: string[]): Promise<Map<string, AnnotationCounts>> {
  const result = new Map(articleIds.map((id) => [id, empty()]));
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
