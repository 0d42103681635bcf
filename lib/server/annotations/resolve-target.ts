import "server-only";
import { anchorRange, type AnchoredRange } from "../../anchoring/anchor-range";
import type { TextQuote } from "../../anchoring/quote";
import { AppError } from "../errors";
import type { RevisionDocument } from "../revisions/revision-document";

/** How a client may point at text: editor positions, code-point offsets, or a quote with context. */
export type Target =
  | { from: number; to: number }
  | { start: number; end: number }
  | { quote: { exact: string; prefix?: string; suffix?: string } };

function invalid(message: string, path: string): AppError {
  return new AppError("validation_failed", message, [{ path, message }]);
}

/** Length of the common run at the end of a and the start of b's mirror: how well context agrees. */
function sharedSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Finds the occurrence of a quote whose surroundings best match its prefix and suffix; it must be unambiguous. */
function findQuote(revision: RevisionDocument, quote: Extract<Target, { quote: unknown }>["quote"]): { start: number; end: number } {
  const text = revision.index.text;
  const points = revision.index.codePoints;
  const scored: { at: number; score: number }[] = [];
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const before = text.slice(Math.max(0, at - 64), at);
    const after = text.slice(at + quote.exact.length, at + quote.exact.length + 64);
    scored.push({ at, score: sharedSuffix(before, quote.prefix ?? "") + sharedPrefix(after, quote.suffix ?? "") });
  }
  if (scored.length === 0) throw invalid("quote.exact does not occur in this revision's text", "quote.exact");
  scored.sort((x, y) => y.score - x.score);
  if (scored.length > 1 && scored[0]!.score === scored[1]!.score) {
    throw invalid(`quote.exact occurs ${scored.length} times; add a prefix or suffix to say which`, "quote");
  }
  const at = scored[0]!.at;
  return { start: points.fromUtf16(at, "start"), end: points.fromUtf16(at + quote.exact.length, "end") };
}

/**
 * Turns a client's target into a checked span of the revision: in bounds, non-empty, trimmed of
 * whitespace, with offsets and quote computed here, because the server is the authority on text.
 */
export function resolveTarget(revision: RevisionDocument, target: Target): AnchoredRange {
  const { doc, index } = revision;
  let from: number;
  let to: number;
  if ("quote" in target) {
    const { start, end } = findQuote(revision, target.quote);
    from = index.posAt(start, "start");
    to = index.posAt(end, "end");
  } else if ("start" in target) {
    if (target.start >= target.end || target.end > index.length) {
      throw invalid(`start and end must satisfy 0 <= start < end <= ${index.length}`, "start");
    }
    from = index.posAt(target.start, "start");
    to = index.posAt(target.end, "end");
  } else {
    ({ from, to } = target);
  }
  const anchored = anchorRange(doc, from, to, index);
  if (!anchored.ok) throw invalid(anchored.reason, "from");
  return anchored;
}

export type { TextQuote };

/** The stored columns of an anchored span. */
export function spanColumns(span: AnchoredRange) {
  return {
    from: span.from,
    to: span.to,
    start: span.start,
    end: span.end,
    quoteExact: span.quote.exact,
    quotePrefix: span.quote.prefix,
    quoteSuffix: span.quote.suffix,
  };
}
