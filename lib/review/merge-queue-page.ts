import type { QueueItem, QueuePage } from "@/lib/contracts/review";

/** What a review queue page shows: its items, oldest first, and where "Load more" goes on. */
export interface ShownQueue {
  items: QueueItem[];
  nextCursor: string | null;
}

/** The shown queue after a fresh read, and what changed, for the page to say. */
export interface MergedQueue extends ShownQueue {
  added: number;
  removed: number;
  /** Items still there whose annotation changed (a new version: edited, orphaned, reviewed and reopened). */
  changed: number;
}

/** Whether `a` comes after `b` in the queue's order: created later, then by id (as the server sorts). */
function comesAfter(a: QueueItem, b: QueueItem): boolean {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return at > 0 || (at === 0 && a.id > b.id);
}

/**
 * Merges a fresh read of the queue's first page(s) into what the page shows. The fresh page is the
 * truth for the range it covers: items gone from it are gone, new ones appear in their place, and
 * changed ones are replaced. Items the reviewer loaded beyond that range ("Load more", past the
 * largest page the server gives) are kept as they were, with the cursor that follows them.
 */
export function mergeQueuePage(shown: ShownQueue, fresh: QueuePage): MergedQueue {
  const freshIds = new Set(fresh.items.map((i) => i.id));
  const last = fresh.items.at(-1);
  // The fresh page ends where the queue ends (no cursor), or at `last`: anything shown after it was not read again.
  const beyond = fresh.nextCursor === null ? [] : shown.items.filter((i) => !freshIds.has(i.id) && (!last || comesAfter(i, last)));
  const items = [...fresh.items, ...beyond];
  const before = new Map(shown.items.map((i) => [i.id, i]));
  const kept = new Set(items.map((i) => i.id));
  return {
    items,
    nextCursor: beyond.length > 0 && shown.nextCursor ? shown.nextCursor : fresh.nextCursor,
    added: items.filter((i) => !before.has(i.id)).length,
    removed: shown.items.filter((i) => !kept.has(i.id)).length,
    changed: fresh.items.filter((i) => before.has(i.id) && before.get(i.id)!.version !== i.version).length,
  };
}

/**
 * Where the reviewer is after a merge: on the same item wherever it moved; if it is gone, on the
 * next one that is still there (as after deciding it); else at the same place, or the last item.
 */
export function currentAfterMerge(before: QueueItem[], after: QueueItem[], index: number): number {
  if (after.length === 0) return 0;
  const position = new Map(after.map((item, i) => [item.id, i]));
  for (let i = Math.max(index, 0); i < before.length; i++) {
    const found = position.get(before[i]!.id);
    if (found !== undefined) return found;
  }
  return Math.min(index, after.length - 1);
}
