import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUOTE_CONTEXT, quoteAt } from "@/lib/anchoring/quote";
import { reanchor, type OldAnchor } from "@/lib/anchoring/reanchor";

// A small vocabulary makes repeated words and phrases common, so context and
// position have to do the work; the astral and accented words exercise code points.
const word = fc.constantFrom(
  "the", "minister", "said", "talks", "Kyiv", "Moscow", "on", "Monday", "reportedly", "a", "deal",
  "peace", "envoy", "Zelensky", "Putin", "in", "of", "and", "Brüssel", "🇺🇦", "😀", "café", "war", "NATO",
);
// Inserted text comes from its own words so an insertion is not a copy of its surroundings.
const insertedWord = fc.constantFrom("UPDATE", "Correction:", "ALSO", "EDITOR'S", "NOTE", "🗞️", "Ωmega");

const paragraphText = fc.array(word, { minLength: 2, maxLength: 24 }).map((words) => words.join(" "));
const articleText = fc.array(paragraphText, { minLength: 1, maxLength: 6 }).map((paragraphs) => paragraphs.join("\n\n"));

type Edit =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "replace"; at: number; length: number; text: string }
  | { kind: "split"; at: number }
  | { kind: "join"; at: number };

const insertion = fc.array(insertedWord, { minLength: 1, maxLength: 5 }).map((words) => words.join(" "));
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: insertion.map((t) => ` ${t} `) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), text: insertion }),
  fc.record({ kind: fc.constant("split" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("join" as const), at: fc.nat() }),
);

/** Applies `edit` to the code points of `points`; positions wrap around the text length. */
function apply(points: readonly string[], edit: Edit): string[] {
  const at = edit.at % (points.length + 1);
  const splice = (from: number, remove: number, insert: readonly string[]): string[] => [
    ...points.slice(0, from),
    ...insert,
    ...points.slice(from + remove),
  ];
  switch (edit.kind) {
    case "insert":
      return splice(at, 0, [...edit.text]);
    case "delete":
      return splice(at, Math.min(edit.length, points.length - at), []);
    case "replace":
      return splice(at, Math.min(edit.length, points.length - at), [...edit.text]);
    case "split": {
      // Turns the first space at or after `at` into a paragraph break.
      const space = points.indexOf(" ", at);
      return space === -1 ? [...points] : splice(space, 1, ["\n", "\n"]);
    }
    case "join": {
      const text = points.join("");
      const brk = text.indexOf("\n\n", text.length === 0 ? 0 : [...points.slice(0, at)].join("").length);
      if (brk === -1) return [...points];
      const from = [...text.slice(0, brk)].length;
      return splice(from, 2, [" "]);
    }
  }
}

const anchorSpan = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 30 }));

/** Code point spans of `points`, trimmed of whitespace; empty ones are dropped. */
function anchorsOn(points: readonly string[], spans: readonly [number, number][]): OldAnchor[] {
  const text = points.join("");
  const anchors: OldAnchor[] = [];
  spans.forEach(([at, length], index) => {
    let start = at % Math.max(1, points.length);
    let end = Math.min(points.length, start + length);
    while (start < end && /^\s$/u.test(points[start] as string)) start++;
    while (end > start && /^\s$/u.test(points[end - 1] as string)) end--;
    if (start < end) anchors.push({ id: `a${index}`, start, end, quote: quoteAt(text, start, end) });
  });
  return anchors;
}

// How many code points on each side of a quote must be untouched for it to be guaranteed.
const MARGIN = 3;

/** The one changed region [from, oldTo) of old and its length change: common prefix and suffix. */
function changedRegion(a: readonly string[], b: readonly string[]): { from: number; oldTo: number; delta: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { from: prefix, oldTo: a.length - suffix, delta: b.length - a.length };
}

describe("reanchor properties", () => {
  it("only returns quotes that match the new text at their offsets, and finds untouched quotes at their shifted offsets", () => {
    fc.assert(
      fc.property(articleText, fc.array(anchorSpan, { minLength: 1, maxLength: 6 }), editArb, (text, spans, edit) => {
        const oldPoints = [...text];
        const newPoints = apply(oldPoints, edit);
        const newText = newPoints.join("");
        const anchors = anchorsOn(oldPoints, spans);
        const results = reanchor(text, newText, anchors);
        expect(results.map((r) => r.id)).toEqual(anchors.map((a) => a.id));

        const region = changedRegion(oldPoints, newPoints);
        results.forEach((result, index) => {
          const anchor = anchors[index] as OldAnchor;
          if (result.outcome !== "orphaned") {
            expect(newPoints.slice(result.start, result.end).join("")).toBe(result.quote.exact);
            expect(result.quote).toEqual(quoteAt(newText, result.start, result.end));
          }
          // An equal text, or an edit touching none of the quote and its margin, must not lose it.
          const untouched = region.from >= region.oldTo && region.delta === 0;
          const before = anchor.end + MARGIN <= region.from;
          const after = anchor.start - MARGIN >= region.oldTo;
          if (untouched || before || after) {
            const shift = after && !untouched ? region.delta : 0;
            expect(result).toMatchObject({ outcome: shift === 0 ? "kept" : "moved", start: anchor.start + shift, end: anchor.end + shift });
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("moves a tag onto its corrected words after a correction strictly inside it", () => {
    // Figures share no character with the article's words, so the diff cannot align them with
    // what they replace and the changed region is exactly the correction.
    const figure = fc.constantFrom("3.4", "$5m", "15", "44", "2.5%", "£1,200");
    const correction = fc.record({ span: anchorSpan, from: fc.nat(), removed: fc.integer({ min: 1, max: 4 }), figure });
    fc.assert(
      fc.property(articleText, correction, (text, { span, from, removed, figure: inserted }) => {
        const points = [...text];
        const [anchor] = anchorsOn(points, [span]);
        // Room for at least one untouched code point of the tag on each side of the correction.
        fc.pre(anchor !== undefined && anchor.end - anchor.start >= removed + 2);
        const { start, end } = anchor as OldAnchor;
        const at = start + 1 + (from % (end - start - removed - 1));
        const newPoints = [...points.slice(0, at), ...inserted, ...points.slice(at + removed)];
        const newText = newPoints.join("");
        const [result] = reanchor(text, newText, [anchor as OldAnchor]);
        const newEnd = end - removed + [...inserted].length;
        expect(result).toEqual({
          id: (anchor as OldAnchor).id,
          outcome: "changed",
          start,
          end: newEnd,
          quote: quoteAt(newText, start, newEnd),
        });
      }),
      { numRuns: 300 },
    );
  });

  it("finds a tag's corrected words by their surroundings when a second correction upsets the diff", () => {
    const figure = fc.constantFrom("3.4", "$5m", "15", "44");
    // The second correction lands just outside the tag's context, mostly in the same paragraph,
    // where the diff merges both corrections into one changed stretch.
    const second = fc.record({ before: fc.boolean(), gap: fc.nat(40), figure });
    const corrections = fc.record({ span: anchorSpan, from: fc.nat(), removed: fc.integer({ min: 1, max: 4 }), figure, second });
    fc.assert(
      fc.property(articleText, corrections, (text, { span, from, removed, figure: inserted, second }) => {
        const points = [...text];
        const [anchor] = anchorsOn(points, [span]);
        fc.pre(anchor !== undefined && anchor.end - anchor.start >= removed + 2);
        const { id, start, end, quote } = anchor as OldAnchor;
        const secondAt = second.before ? start - QUOTE_CONTEXT - 1 - second.gap : end + QUOTE_CONTEXT + second.gap;
        fc.pre(secondAt >= 0 && secondAt <= points.length);
        const at = start + 1 + (from % (end - start - removed - 1));
        const secondPoints = [...second.figure];
        const newPoints = [
          ...points.slice(0, Math.min(at, secondAt)),
          ...(second.before ? secondPoints : [...inserted]),
          ...points.slice(second.before ? secondAt : at + removed, second.before ? at : secondAt),
          ...(second.before ? [...inserted] : secondPoints),
          ...points.slice(second.before ? at + removed : secondAt),
        ];
        const newText = newPoints.join("");
        const [result] = reanchor(text, newText, [anchor as OldAnchor]);
        const newStart = second.before ? start + secondPoints.length : start;
        const newEnd = newStart + (end - start) - removed + [...inserted].length;
        // Surroundings that occur once in each text leave no doubt which words are meant.
        const once = (haystack: string, needle: string) => needle !== "" && haystack.indexOf(needle) === haystack.lastIndexOf(needle);
        fc.pre([text, newText].every((t) => once(t, quote.prefix) && once(t, quote.suffix)));
        expect(result).toEqual({ id, outcome: "changed", start: newStart, end: newEnd, quote: quoteAt(newText, newStart, newEnd) });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every annotation of an unchanged text", () => {
    fc.assert(
      fc.property(articleText, fc.array(anchorSpan, { minLength: 1, maxLength: 6 }), (text, spans) => {
        const anchors = anchorsOn([...text], spans);
        for (const result of reanchor(text, text, anchors)) expect(result.outcome).toBe("kept");
      }),
    );
  });

  it("orphans annotations whose stored quote is missing from both texts", () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const anchor: OldAnchor = { id: "x", start: 0, end: 4, quote: { exact: "§§§§", prefix: "", suffix: "" } };
        expect(reanchor(text, text + " more", [anchor])[0]?.outcome).toBe("orphaned");
      }),
    );
  });
});
