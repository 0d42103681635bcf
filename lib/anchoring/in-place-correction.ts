import { mapInsideRun, type EqualRun } from "./text-diff";

/** A range of UTF-16 units. */
export interface UnitRange {
  start: number;
  end: number;
}

// A correction, not a rewrite: at most this many words replaced by at most this many.
export const MAX_CORRECTED_WORDS = 3;
// The corrected words may be longer than the quote by about one long word, no more.
export const MAX_GROWTH = 24;

const WHITESPACE = /\s/;

/**
 * Where the words of a quote that a correction changed in place now are: the stretch of the new
 * text between its old prefix and suffix, both found intact and right next to it. Null unless that
 * is unambiguous and only part of the quote was corrected (see `isPartCorrected`).
 *
 * A short quote gives approximate matching too little to go on ("$4m" to "$5m" is a third of its
 * characters), but its context is 64 unchanged characters, which is plenty. Two ways find them:
 * the diff, when it carries both whole contexts through unchanged (that settles which copy of a
 * repeated passage is meant), or a search for the context pair when it occurs once in the old text
 * and once in the new (for a diff thrown off by a second edit further along the same paragraph).
 */
export function inPlaceCorrection(
  oldText: string,
  newText: string,
  runs: readonly EqualRun[],
  range: UnitRange,
  quote: { exact: string; prefix: string; suffix: string },
): UnitRange | null {
  const { exact, prefix, suffix } = quote;
  if (oldText.slice(range.start, range.end) !== exact) return null;
  // Words the diff finds unchanged are not a correction; the search by quote places them.
  if (mapInsideRun(runs, range.start, range.end) !== null) return null;
  // The stored context must be the old text's own, or it says nothing about the new one.
  if (prefix.length > range.start || oldText.slice(range.start - prefix.length, range.start) !== prefix) return null;
  if (oldText.slice(range.end, range.end + suffix.length) !== suffix) return null;

  const found = throughDiff(runs, range, prefix.length, suffix.length) ?? byUniqueContext(oldText, newText, range, prefix, suffix, exact.length + MAX_GROWTH);
  if (found === null || found.end < found.start) return null;
  const words = newText.slice(found.start, found.end);
  return words !== exact && isPartCorrected(exact, words) ? found : null;
}

/** The new range when the diff carries the whole prefix and suffix through unchanged, each in one piece. */
function throughDiff(runs: readonly EqualRun[], range: UnitRange, prefixLength: number, suffixLength: number): UnitRange | null {
  // At an edge of the text there is no context on that side: the quote's own first or last
  // character must then be unchanged, or nothing says where the new words begin or end.
  const start = prefixLength > 0 ? shifted(mapInsideRun(runs, range.start - prefixLength, range.start), prefixLength) : mapInsideRun(runs, range.start, range.start + 1);
  const end = suffixLength > 0 ? mapInsideRun(runs, range.end, range.end + suffixLength) : shifted(mapInsideRun(runs, range.end - 1, range.end), 1);
  return start === null || end === null ? null : { start, end };
}

function shifted(position: number | null, by: number): number | null {
  return position === null ? null : position + by;
}

/** The range between the prefix and the suffix when the pair occurs once in each text, within `maxLength`. */
function byUniqueContext(oldText: string, newText: string, range: UnitRange, prefix: string, suffix: string, maxLength: number): UnitRange | null {
  // An empty side would match anywhere.
  if (prefix === "" || suffix === "") return null;
  const before = contextPairs(oldText, prefix, suffix, maxLength);
  // Another place of the old text with the same surroundings: its correction could be the one found.
  if (before.length !== 1 || before[0]?.start !== range.start || before[0]?.end !== range.end) return null;
  const after = contextPairs(newText, prefix, suffix, maxLength);
  return after.length === 1 ? (after[0] as UnitRange) : null;
}

/** Ranges of `text` right after `prefix` and right before `suffix`, at most `maxLength` long; stops at two. */
function contextPairs(text: string, prefix: string, suffix: string, maxLength: number): UnitRange[] {
  const pairs: UnitRange[] = [];
  for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
    const start = at + prefix.length;
    for (let end = text.indexOf(suffix, start); end !== -1 && end - start <= maxLength; end = text.indexOf(suffix, end + 1)) {
      pairs.push({ start, end });
      if (pairs.length > 1) return pairs;
    }
  }
  return pairs;
}

/**
 * Whether `after` is `before` with part of it corrected: some of `before` is left at its start or end
 * (a tag whose every character is replaced is gone, as when it is typed over in the editor), the
 * part that differs, widened to whole words, is at most MAX_CORRECTED_WORDS words on each side,
 * `after` is at most MAX_GROWTH longer and has no more line breaks.
 */
export function isPartCorrected(before: string, after: string): boolean {
  if (after.length > before.length + MAX_GROWTH) return false;
  // Correcting words inside a phrase does not start a new paragraph in it.
  if (lineBreaks(after) > lineBreaks(before)) return false;
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (head === 0 && tail === 0) return false;
  return (
    wordsAround(before, head, before.length - tail) <= MAX_CORRECTED_WORDS && wordsAround(after, head, after.length - tail) <= MAX_CORRECTED_WORDS
  );
}

/** How many whitespace-separated words of `text` the change of from..to touches. */
function wordsAround(text: string, from: number, to: number): number {
  let start = from;
  let end = to;
  // A change that begins or ends inside a word changes that whole word, and no other.
  if (start < text.length && !WHITESPACE.test(text.charAt(start))) while (start > 0 && !WHITESPACE.test(text.charAt(start - 1))) start--;
  if (end > 0 && !WHITESPACE.test(text.charAt(end - 1))) while (end < text.length && !WHITESPACE.test(text.charAt(end))) end++;
  return text.slice(start, end).split(/\s+/).filter(Boolean).length;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
