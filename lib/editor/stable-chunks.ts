/** Consecutive runs of a list, and the ids that start them (to pass to the next call). */
export interface Chunks<T> {
  readonly chunks: readonly (readonly T[])[];
  readonly starts: ReadonlySet<string>;
}

/**
 * Splits a list into runs of at most `max` items, keeping the runs of the previous call where it
 * can: a run starts again at every id that started one before, so inserting or removing an item
 * changes only the run it falls in, and the others stay equal item by item (a list drawn in
 * memoised chunks then redraws one chunk, not every chunk after the change). Without earlier
 * starts, runs are `size` long, leaving room to grow.
 */
export function stableChunks<T extends { readonly id: string }>(items: readonly T[], previousStarts: ReadonlySet<string>, size: number, max = size * 2): Chunks<T> {
  const chunks: T[][] = [];
  const starts = new Set<string>();
  const limit = previousStarts.size === 0 ? size : max;
  let current: T[] = [];
  for (const item of items) {
    if (current.length > 0 && (previousStarts.has(item.id) || current.length >= limit)) {
      chunks.push(current);
      current = [];
    }
    if (current.length === 0) starts.add(item.id);
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, starts };
}
