import { diffArrays } from "diff";

/** A run of UTF-16 units that is identical in the old and the new text. */
export interface EqualRun {
  oldStart: number;
  newStart: number;
  length: number;
}

// Myers' algorithm costs about lines × edits. Past this budget the texts are so rewritten that
// aligning them costs more than it helps (quotes are then found by search): only their common ends
// are kept, which bounds a long, heavily rewritten article to a fraction of a second.
const MAX_LINE_WORK = 2_000_000;

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

/**
 * Pairs of equal line indexes (old, new) forming a longest common subsequence, ascending. The
 * alignment is the `diff` package's Myers diff, the engine the revision history's word diff uses too
 * (`lib/server/revisions/word-diff.ts`); only the refinement inside changed gaps is our own.
 */
function matchLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  const changes = diffArrays(a as string[], b as string[], { maxEditLength: Math.ceil(MAX_LINE_WORK / (a.length + b.length + 1)) });
  if (!changes) {
    // Too rewritten to align: the common first and last lines still anchor what they hold.
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) pairs.push([head, head++]);
    const tail: [number, number][] = [];
    for (let i = a.length - 1, j = b.length - 1; i >= head && j >= head && a[i] === b[j]; i--, j--) tail.push([i, j]);
    return pairs.concat(tail.reverse());
  }
  let i = 0;
  let j = 0;
  for (const change of changes) {
    if (change.removed) i += change.count;
    else if (change.added) j += change.count;
    else for (let k = 0; k < change.count; k++) pairs.push([i++, j++]);
  }
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
