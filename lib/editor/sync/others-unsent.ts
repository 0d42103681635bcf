import { listUnsent } from "./unsent-keys";

/**
 * How many other people have unsent work on this article in this browser. Only the count: their
 * changes are theirs, kept for when they sign in again, and none of it is shown to anyone else.
 */
export function othersWithUnsent(storage: Pick<Storage, "length" | "key">, articleId: string, userId: string): number {
  return new Set(listUnsent(storage, articleId).filter((entry) => entry.userId !== userId).map((entry) => entry.userId)).size;
}
