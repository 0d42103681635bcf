import type { Node } from "prosemirror-model";
import { quoteAt, type TextQuote } from "./quote";
import { TextIndex } from "./text-index";

/** A selection accepted for tagging: trimmed positions, code point offsets and quote. */
export interface AnchoredRange {
  ok: true;
  from: number;
  to: number;
  start: number;
  end: number;
  quote: TextQuote;
}

/** A selection refused for tagging, with a reason fit to show the user. */
export interface RejectedRange {
  ok: false;
  reason: string;
}

/** The reason given when nothing but whitespace (or nothing at all) is selected. */
export const EMPTY_SELECTION_REASON = "Select some text to tag: the selection is empty or only whitespace.";

/** The reason given when a position is not a whole number. */
export const NOT_INTEGER_REASON = "The selection positions must be whole numbers.";

/** The reason given when the selection runs outside the document. */
export const OUT_OF_RANGE_REASON = "The selection lies outside the document.";

/** The reason given when the selection ends before it starts. */
export const REVERSED_REASON = "The selection ends before it starts.";

// The same set String.prototype.trim removes (NBSP, line and paragraph separators,
// BOM included); every member is a single UTF-16 unit, so units can be tested alone.
const WHITESPACE = /\s/;

/** Validates the selection from..to of `doc` for tagging and trims surrounding whitespace. */
export function anchorRange(doc: Node, from: number, to: number, index?: TextIndex): AnchoredRange | RejectedRange {
  // The server feeds these straight from request bodies, so check the runtime type too.
  if (typeof from !== "number" || typeof to !== "number" || !Number.isInteger(from) || !Number.isInteger(to)) {
    return { ok: false, reason: NOT_INTEGER_REASON };
  }
  if (from < 0 || to > doc.content.size || from > doc.content.size || to < 0) {
    return { ok: false, reason: OUT_OF_RANGE_REASON };
  }
  if (from > to) return { ok: false, reason: REVERSED_REASON };
  if (from === to) return { ok: false, reason: EMPTY_SELECTION_REASON };

  if (index && index.doc !== doc) {
    // A stale index would yield offsets for another revision without any error.
    throw new Error("anchorRange: the index was built for a different document");
  }
  const textIndex = index ?? new TextIndex(doc);
  const { codePoints } = textIndex;
  const { text } = codePoints;

  // Biases pull both ends inward: gaps between blocks and half-selected surrogate
  // pairs fall outside the range rather than widening it.
  let head = codePoints.toUtf16(textIndex.offsetAt(from, "start"));
  let tail = codePoints.toUtf16(textIndex.offsetAt(to, "end"));
  while (head < tail && WHITESPACE.test(text.charAt(head))) head++;
  while (tail > head && WHITESPACE.test(text.charAt(tail - 1))) tail--;
  if (head >= tail) return { ok: false, reason: EMPTY_SELECTION_REASON };

  // Trimming stepped over whole BMP units only, so head and tail stay on code point boundaries.
  const start = codePoints.fromUtf16(head, "start");
  const end = codePoints.fromUtf16(tail, "end");
  return {
    ok: true,
    // Trimmed ends sit next to non-whitespace text, always inside a textblock.
    from: textIndex.posAt(start, "start"),
    to: textIndex.posAt(end, "end"),
    start,
    end,
    quote: quoteAt(codePoints, start, end),
  };
}
