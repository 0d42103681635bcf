import "server-only";
import type { Mapping } from "prosemirror-transform";
import { quoteAt } from "../../anchoring/quote";
import type { TextIndex } from "../../anchoring/text-index";
import { isDrawableRange, mapAnnotation } from "../../editor/annotations/annotation-range";

/** A stored annotation's span, as step mapping reads it. */
export interface StoredSpan {
  id: string;
  from: number;
  to: number;
  quoteExact: string;
  quotePrefix: string;
  quoteSuffix: string;
}

/** Where a stored annotation is after some steps: its new columns, or lost when its words were all deleted. */
export type MappedSpan =
  | { id: string; lost: true }
  | {
      id: string;
      lost: false;
      from: number;
      to: number;
      start: number;
      end: number;
      quote: { exact: string; prefix: string; suffix: string };
      /** Whether the words it covers are not the ones it covered before. */
      wordsChanged: boolean;
    };

/**
 * Maps stored annotations through accepted steps exactly as every editor maps its highlights
 * (`mapAnnotation`: text typed at either edge stays outside), so the database and the open editors
 * agree on every position; offsets and quote are then read from the new text. Spans whose
 * positions and quote (its context included) the steps left as they were are left out: an edit
 * just before or after a span changes the context it is found again by, though not the span.
 */
export function mapStoredAnnotations(spans: readonly StoredSpan[], mapping: Mapping, index: TextIndex): MappedSpan[] {
  const result: MappedSpan[] = [];
  for (const span of spans) {
    const mapped = mapAnnotation({ id: span.id, from: span.from, to: span.to } as Parameters<typeof mapAnnotation>[0], mapping);
    if (mapped === null || !isDrawableRange(mapped.from, mapped.to, index.doc)) {
      result.push({ id: span.id, lost: true });
      continue;
    }
    const start = index.offsetAt(mapped.from, "start");
    const end = index.offsetAt(mapped.to, "end");
    const quote = quoteAt(index.codePoints, start, end);
    // Unmoved and unchanged: nothing to write. (A change before it moves it; inside it changes its
    // words; within the quote's context around it, the prefix or suffix.)
    const sameQuote = quote.exact === span.quoteExact && quote.prefix === span.quotePrefix && quote.suffix === span.quoteSuffix;
    if (mapped.from === span.from && mapped.to === span.to && sameQuote) continue;
    result.push({ id: span.id, lost: false, from: mapped.from, to: mapped.to, start, end, quote, wordsChanged: quote.exact !== span.quoteExact });
  }
  return result;
}
