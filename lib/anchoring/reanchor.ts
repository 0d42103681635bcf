import search from "approx-string-match";
import { CodePointText } from "./code-points";
import { inPlaceCorrection } from "./in-place-correction";
import { QUOTE_CONTEXT, quoteAt, type TextQuote } from "./quote";
import { equalRuns, estimatePosition, mapBackInsideRun, mapInsideRun, type EqualRun } from "./text-diff";

/** An annotation as stored against the old text: code point offsets and its quote. */
export interface OldAnchor {
  id: string;
  start: number;
  end: number;
  quote: { exact: string; prefix: string; suffix: string };
}

/** Where an annotation landed in the new text, or why it could not be placed. */
export type Reanchored =
  | { id: string; outcome: "kept" | "moved" | "changed"; start: number; end: number; quote: { exact: string; prefix: string; suffix: string } }
  | { id: string; outcome: "orphaned"; reason: string };

/** The reason given when no place in the new text matches the quote well enough. */
export const NO_MATCH_REASON = "The quoted text no longer appears in the article.";

/** The reason given when the quote matches several places about equally well. */
export const AMBIGUOUS_REASON = "The quoted text matches several places and none is clearly the right one.";

/** The reason given when the words still appear but not in their old surroundings. */
export const CONTEXT_REASON = "The quoted words still appear, but not in their old surroundings.";

/** The reason given when the stored quote is empty or only whitespace. */
export const EMPTY_QUOTE_REASON = "The annotation has no quoted text to look for.";

// Weights of a candidate's score: the quote itself dominates, the context on each
// side tells repeated phrases apart, and closeness to the expected place breaks ties.
const QUOTE_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.2;
const POSITION_WEIGHT = 0.1;
// A candidate this far (UTF-16 units) from the expected place keeps half its position score.
const POSITION_HALF_LIFE = 200;
// The best candidate must beat the runner-up by this much, or nothing is chosen.
const MIN_MARGIN = 0.05;
// Context agreement: the sides on average, and the better side alone.
const MIN_CONTEXT_MEAN = 0.5;
const MIN_CONTEXT_BEST = 0.75;
// A quote at least this long with several words is specific enough to be trusted
// without context when it is unique in both texts.
const DISTINCTIVE_LENGTH = 20;
const DISTINCTIVE_WORDS = 3;
// Approximate search tolerates a quarter of the quote in edits, at most 32.
const MAX_ERRORS = 32;
const MIN_APPROX_SIMILARITY = 0.75;

const WHITESPACE = /\s/;
// Letters, digits and combining marks: a quote that began or ended on a word
// boundary must not be re-found as a piece of a longer word ("Zelensky" in "Zelenskyy").
const WORD = /[\p{L}\p{N}\p{M}]/u;
// How far a span may grow to reach a word boundary; words are shorter than this.
const MAX_WORD_STRETCH = 24;

interface Candidate {
  start: number;
  end: number;
  quote: number;
  prefix: number;
  suffix: number;
  score: number;
}

/** Levenshtein distance of two short strings (context windows, at most a few dozen units). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** Similarity in 0..1 of an old context and the same-sized window of the new text. */
function similarity(old: string, now: string): number {
  const longest = Math.max(old.length, now.length);
  return longest === 0 ? 1 : 1 - editDistance(old, now) / longest;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Occurrences of `needle` in `text`, stopping after `limit`. */
function occurrences(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1 && found.length < limit; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Replaces the given ranges by NUL so a further search cannot find them again. */
function mask(text: string, ranges: readonly { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const range of [...ranges].sort((x, y) => x.start - y.start)) {
    if (range.end <= at) continue;
    const from = Math.max(at, range.start);
    out += text.slice(at, from) + "\u0000".repeat(range.end - from);
    at = range.end;
  }
  return out + text.slice(at);
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Re-finds each annotation of `oldText` in `newText` by its old position and quote; doubtful ones are orphaned. */
export function reanchor(oldText: string, newText: string, anchors: readonly OldAnchor[]): Reanchored[] {
  const oldCodePoints = new CodePointText(oldText);
  const newCodePoints = new CodePointText(newText);
  // Computed lazily: an unchanged text needs no diff at all.
  let runs: EqualRun[] | null = oldText === newText ? [{ oldStart: 0, newStart: 0, length: oldText.length }] : null;
  const getRuns = (): EqualRun[] => (runs ??= equalRuns(oldText, newText));

  /** The anchor's old UTF-16 range when its offsets still point at its quote. */
  const oldRange = (anchor: OldAnchor): { start: number; end: number } | null => {
    const { start, end } = anchor;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > oldCodePoints.length) return null;
    if (oldCodePoints.slice(start, end) !== anchor.quote.exact) return null;
    return { start: oldCodePoints.toUtf16(start), end: oldCodePoints.toUtf16(end) };
  };

  /** Builds the result for UTF-16 range start..end of the new text, trimmed and in code points. */
  const place = (anchor: OldAnchor, startUnit: number, endUnit: number, sameWords: boolean | null): Reanchored => {
    let head = startUnit;
    let tail = endUnit;
    while (head < tail && WHITESPACE.test(newText.charAt(head))) head++;
    while (tail > head && WHITESPACE.test(newText.charAt(tail - 1))) tail--;
    const start = newCodePoints.fromUtf16(head, "start");
    const end = newCodePoints.fromUtf16(tail, "end");
    if (end <= start) return { id: anchor.id, outcome: "orphaned", reason: NO_MATCH_REASON };
    const quote: TextQuote = quoteAt(newCodePoints, start, end);
    const same = sameWords ?? quote.exact === anchor.quote.exact.trim();
    const outcome = !same ? "changed" : start === anchor.start && end === anchor.end ? "kept" : "moved";
    return { id: anchor.id, outcome, start, end, quote };
  };

  const one = (anchor: OldAnchor): Reanchored => {
    const exact = anchor.quote.exact;
    if (exact.trim() === "") return { id: anchor.id, outcome: "orphaned", reason: EMPTY_QUOTE_REASON };
    const range = oldRange(anchor);

    // Fast path: the quote and its whole stored context sit in one unchanged run.
    if (range) {
      const contextStart = oldCodePoints.toUtf16(Math.max(0, anchor.start - [...anchor.quote.prefix].length));
      const contextEnd = oldCodePoints.toUtf16(Math.min(oldCodePoints.length, anchor.end + [...anchor.quote.suffix].length));
      const mapped = mapInsideRun(getRuns(), contextStart, contextEnd);
      if (mapped !== null) {
        const start = mapped + (range.start - contextStart);
        return place(anchor, start, start + exact.length, true);
      }
      // The words changed but their surroundings did not: the new words are what lies between.
      const corrected = inPlaceCorrection(oldText, newText, getRuns(), range, anchor.quote);
      if (corrected) return place(anchor, corrected.start, corrected.end, null);
    }
    return searchFor(anchor, range);
  };

  const searchFor = (anchor: OldAnchor, range: { start: number; end: number } | null): Reanchored => {
    const { exact, prefix, suffix } = anchor.quote;
    const expected = range ? estimatePosition(getRuns(), range.start, newText.length) : null;

    const trimmed = exact.trim();
    const startsWord = WORD.test(exact.charAt(0)) && !WORD.test(prefix.charAt(prefix.length - 1));
    const endsWord = WORD.test(exact.charAt(exact.length - 1)) && !WORD.test(suffix.charAt(0));

    // A context shorter than QUOTE_CONTEXT means the quote sat at an edge of the old
    // text; a full window then makes a candidate away from that edge disagree.
    const prefixWindow = [...prefix].length < QUOTE_CONTEXT ? QUOTE_CONTEXT : prefix.length;
    const suffixWindow = [...suffix].length < QUOTE_CONTEXT ? QUOTE_CONTEXT : suffix.length;

    const score = (matchStart: number, matchEnd: number, matchQuote: number): Candidate => {
      let start = matchStart;
      let end = matchEnd;
      if (startsWord) {
        const limit = Math.max(0, matchStart - MAX_WORD_STRETCH);
        while (start > limit && start < end && WORD.test(newText.charAt(start - 1)) && WORD.test(newText.charAt(start))) start--;
      }
      if (endsWord) {
        const limit = Math.min(newText.length, matchEnd + MAX_WORD_STRETCH);
        while (end < limit && end > start && WORD.test(newText.charAt(end)) && WORD.test(newText.charAt(end - 1))) end++;
      }
      // A stretched span is judged on the words it now covers.
      const quote = start === matchStart && end === matchEnd ? matchQuote : similarity(exact, newText.slice(start, end));
      const before = newText.slice(Math.max(0, start - prefixWindow), start);
      const after = newText.slice(end, end + suffixWindow);
      const prefixScore = similarity(prefix, before);
      const suffixScore = similarity(suffix, after);
      // Without a trusted old position every candidate gets the same neutral score.
      const position = expected === null ? 0.5 : 1 / (1 + Math.abs(start - expected) / POSITION_HALF_LIFE);
      return {
        start,
        end,
        quote,
        prefix: prefixScore,
        suffix: suffixScore,
        score: QUOTE_WEIGHT * quote + CONTEXT_WEIGHT * (prefixScore + suffixScore) + POSITION_WEIGHT * position,
      };
    };

    const contextAgrees = (c: Candidate): boolean =>
      (c.prefix + c.suffix) / 2 >= MIN_CONTEXT_MEAN && Math.max(c.prefix, c.suffix) >= MIN_CONTEXT_BEST;

    const distinctive = trimmed.length >= DISTINCTIVE_LENGTH && countWords(trimmed) >= DISTINCTIVE_WORDS;

    // 1. Exact occurrences.
    const exactStarts = occurrences(newText, exact, Number.POSITIVE_INFINITY);
    const candidates = exactStarts.map((start) => score(start, start + exact.length, 1));

    // The quote itself lies in unchanged text and only its context was edited: the
    // diff pins it down, so one agreeing side of context is enough to keep it there.
    const pinned = range ? mapInsideRun(getRuns(), range.start, range.end) : null;
    const atPin = candidates.find((c) => c.start === pinned && c.quote === 1);
    if (atPin && Math.max(atPin.prefix, atPin.suffix) >= MIN_CONTEXT_BEST) return place(anchor, atPin.start, atPin.end, true);

    // 2. Approximate occurrences elsewhere, only when no exact one is convincing:
    // an exact hit with agreeing context is always better than an edited one.
    const exactWinner = candidates.some(contextAgrees) || (distinctive && candidates.length === 1);
    let text = newText;
    if (!exactWinner) {
      const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length / 4));
      if (maxErrors > 0) {
        text = mask(newText, candidates);
        const found = approximate(text, exact, maxErrors, score);
        candidates.push(...found);
        // search() reports only the lowest error count; look once more past those
        // hits so a slightly worse place elsewhere still counts as a rival.
        if (found.length > 0) {
          text = mask(text, found);
          candidates.push(...approximate(text, exact, maxErrors, score));
        }
      }
    }
    // A candidate in unchanged text that the diff traces back to other old words is a copy of
    // words that are still there (a repeated name, a duplicated sentence), not this annotation's
    // words moved: choosing it would be a confident wrong answer.
    if (range) {
      const copies = candidates.filter((c) => {
        const old = mapBackInsideRun(getRuns(), c.start, c.end);
        return old !== null && (old + (c.end - c.start) <= range.start || old >= range.end);
      });
      for (const copy of copies) candidates.splice(candidates.indexOf(copy), 1);
    }
    if (candidates.length === 0) return { id: anchor.id, outcome: "orphaned", reason: NO_MATCH_REASON };

    candidates.sort((x, y) => y.score - x.score);
    const best = candidates[0] as Candidate;
    const rival = candidates.find((c) => !overlaps(c, best));

    const uniqueExact = best.quote === 1 && exactStarts.length === 1 && occurrences(oldText, exact, 2).length === 1;
    const trusted = contextAgrees(best) || (distinctive && (uniqueExact || (best.quote >= 0.9 && !rival)));
    if (!trusted) return { id: anchor.id, outcome: "orphaned", reason: candidates.length > 1 ? AMBIGUOUS_REASON : CONTEXT_REASON };
    if (best.quote < MIN_APPROX_SIMILARITY) return { id: anchor.id, outcome: "orphaned", reason: NO_MATCH_REASON };
    if (rival && best.score - rival.score < MIN_MARGIN) return { id: anchor.id, outcome: "orphaned", reason: AMBIGUOUS_REASON };
    return place(anchor, best.start, best.end, best.quote === 1 ? true : null);
  };

  return anchors.map(one);
}

/** Approximate hits of `pattern` in `text` with the fewest errors, one per overlapping cluster, scored. */
function approximate(
  text: string,
  pattern: string,
  maxErrors: number,
  score: (start: number, end: number, quote: number) => Candidate,
): Candidate[] {
  const hits: Candidate[] = [];
  for (const match of search(text, pattern, maxErrors)) {
    const candidate = score(match.start, match.end, 1 - match.errors / pattern.length);
    const clash = hits.findIndex((hit) => overlaps(hit, candidate) || hit.end === candidate.start || candidate.end === hit.start);
    if (clash === -1) hits.push(candidate);
    else if ((hits[clash] as Candidate).score < candidate.score) hits[clash] = candidate;
  }
  return hits;
}
