import { CodePointText } from "./code-points";

/** The W3C TextQuoteSelector of an annotation: the quoted text and its surroundings. */
export interface TextQuote {
  /** The annotated text itself. */
  exact: string;
  /** Up to QUOTE_CONTEXT code points right before `exact`. */
  prefix: string;
  /** Up to QUOTE_CONTEXT code points right after `exact`. */
  suffix: string;
}

/** How many code points of context a quote keeps on each side. */
export const QUOTE_CONTEXT = 32;

/** Anything quoteAt can slice: a plain string, or one measured once for many calls. */
export type QuoteSource = string | CodePointText;

function measured(text: QuoteSource): CodePointText {
  // A plain string costs one O(n) scan per call; callers quoting many ranges of
  // the same text should pass a CodePointText (TextIndex.codePoints) instead.
  return typeof text === "string" ? new CodePointText(text) : text;
}

/** The code points of `text` from `start` to `end` (exclusive): `[...text].slice(start, end).join("")`. */
export function codePointSlice(text: QuoteSource, start: number, end: number): string {
  return measured(text).slice(start, end);
}

/** The quote of code points `start`..`end` of `text`, with QUOTE_CONTEXT code points of context each side. */
export function quoteAt(text: QuoteSource, start: number, end: number): TextQuote {
  const source = measured(text);
  return {
    exact: source.slice(start, end),
    prefix: source.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: source.slice(end, Math.min(source.length, end + QUOTE_CONTEXT)),
  };
}
