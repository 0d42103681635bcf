// Why re-anchoring keeps its own line alignment rather than the `diff` package that the revision
// history's word diff uses (lib/server/revisions/word-diff.ts): tried in its place, Myers' diff was
// about ten times slower on a long, heavily rewritten article (1,000 lines with a third changed:
// 194 ms against 20 ms), and bounding its work made it give up aligning such articles, losing
// anchors this table still places. The history only displays a diff and may give up; re-anchoring
// may not.

/** A run of UTF-16 units that is identical in the old and the new text. */
export interface EqualRun {
  oldStart: number;
  newStart: number;
  length: number;
}

// Beyond this many line pairs the LCS table costs too much memory; the changed
// middle is then treated as one region and only its common ends are kept.
const MAX_LCS_CELLS = 4_000_000;

/** Splits `text` into lines that keep their "\n", so the pieces join back into `text`. */
function lines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", from)) {
    out.push(text.slice(from, at + 1));
    from = at + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** Pairs of equal line indexes (old, new) forming a longest common subsequence, ascending. */
function matchLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    pairs.push([head, head]);
    head++;
  }
  let tailA = a.length;
  let tailB = b.length;
  const tail: [number, number][] = [];
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA--;
    tailB--;
    tail.push([tailA, tailB]);
  }
  const n = tailA - head;
  const m = tailB - head;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_LCS_CELLS) {
    // Lines become small integers so the table compares numbers, not strings.
    const ids = new Map<string, number>();
    const id = (line: string): number => {
      let value = ids.get(line);
      if (value === undefined) ids.set(line, (value = ids.size));
      return value;
    };
    const ia = Int32Array.from({ length: n }, (_, i) => id(a[head + i] as string));
    const ib = Int32Array.from({ length: m }, (_, j) => id(b[head + j] as string));
    // Suffix LCS lengths, so the walk below can go forward and emit pairs in order.
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] =
          ia[i] === ib[j]
            ? (table[(i + 1) * width + j + 1] as number) + 1
            : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (ia[i] === ib[j]) {
        pairs.push([head + i, head + j]);
        i++;
        j++;
      } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
      else j++;
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) pairs.push(tail[k] as [number, number]);
  return pairs;
}

/** Appends a run, merging it into the previous one when both texts continue it. */
function push(runs: EqualRun[], oldStart: number, newStart: number, length: number): void {
  if (length <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart) {
    last.length += length;
  } else {
    runs.push({ oldStart, newStart, length });
  }
}

/** The identical runs of `oldText` and `newText`: a line-level LCS, refined inside each changed gap by its common ends. */
export function equalRuns(oldText: string, newText: string): EqualRun[] {
  const a = lines(oldText);
  const b = lines(newText);
  const startA = [0];
  for (const line of a) startA.push((startA[startA.length - 1] as number) + line.length);
  const startB = [0];
  for (const line of b) startB.push((startB[startB.length - 1] as number) + line.length);

  const runs: EqualRun[] = [];
  let oldAt = 0;
  let newAt = 0;
  // Each gap between matched lines is one changed region; a single edit inside it
  // is recovered exactly by its common prefix and suffix.
  const gap = (oldEnd: number, newEnd: number): void => {
    let prefix = 0;
    const max = Math.min(oldEnd - oldAt, newEnd - newAt);
    while (prefix < max && oldText.charCodeAt(oldAt + prefix) === newText.charCodeAt(newAt + prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && oldText.charCodeAt(oldEnd - 1 - suffix) === newText.charCodeAt(newEnd - 1 - suffix)) suffix++;
    push(runs, oldAt, newAt, prefix);
    push(runs, oldEnd - suffix, newEnd - suffix, suffix);
  };
  for (const [i, j] of matchLines(a, b)) {
    const oldStart = startA[i] as number;
    const newStart = startB[j] as number;
    gap(oldStart, newStart);
    const length = (a[i] as string).length;
    push(runs, oldStart, newStart, length);
    oldAt = oldStart + length;
    newAt = newStart + length;
  }
  gap(oldText.length, newText.length);
  return runs;
}

/** Index of the last run starting at or before old position `pos`, or -1. */
function runBefore(runs: readonly EqualRun[], pos: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid] as EqualRun).oldStart <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The new position of old range from..to when one equal run holds all of it, else null. */
export function mapInsideRun(runs: readonly EqualRun[], from: number, to: number): number | null {
  const run = runs[runBefore(runs, from)];
  if (!run || to > run.oldStart + run.length) return null;
  return run.newStart + (from - run.oldStart);
}

/** The old position of new range from..to when one equal run holds all of it, else null (runs ascend on both sides). */
export function mapBackInsideRun(runs: readonly EqualRun[], from: number, to: number): number | null {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid] as EqualRun).newStart <= from) lo = mid + 1;
    else hi = mid;
  }
  const run = runs[lo - 1];
  if (!run || to > run.newStart + run.length) return null;
  return run.oldStart + (from - run.newStart);
}

/** Where old position `pos` most likely lies in the new text: exact inside a run, an estimate inside a changed gap. */
export function estimatePosition(runs: readonly EqualRun[], pos: number, newLength: number): number {
  const index = runBefore(runs, pos);
  const run = runs[index];
  if (!run) return Math.min(pos, runs[0]?.newStart ?? newLength);
  const runEnd = run.oldStart + run.length;
  if (pos <= runEnd) return run.newStart + (pos - run.oldStart);
  const nextStart = runs[index + 1]?.newStart ?? newLength;
  return Math.min(run.newStart + run.length + (pos - runEnd), nextStart);
}
