import fc from "fast-check";
import type { Mark, Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import { docText } from "@/lib/anchoring/doc-text";
import { QUOTE_CONTEXT } from "@/lib/anchoring/quote";
import { TextIndex } from "@/lib/anchoring/text-index";
import { schema } from "@/lib/editor/schema";

// Documents are built with the schema directly: the test builder would read "<x>"
// inside random text as a position tag.
const { nodes } = schema;

const markSets: readonly (readonly Mark[])[] = [[], [schema.marks.em.create()], [schema.marks.strong.create()]];

// Astral characters, flags, combining marks, RTL and CJK, assorted whitespace, and
// lone surrogates so that pairs also form across text nodes with different marks.
const textPiece = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }),
  fc.constantFrom("😀", "🇺🇦", "e\u0301", "新闻", "שלום", "مرحبا", "word", " ", "\u00a0", "  ", "\t", "\u2028", "\ud83d", "\ude00"),
);

const inline = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(textPiece, fc.nat(markSets.length - 1)).map(([text, marks]) => schema.text(text, markSets[marks])) },
  { weight: 1, arbitrary: fc.constant(null).map(() => nodes.hard_break.create()) },
);

const inlineContent = fc.array(inline, { maxLength: 5 });

const textblock = fc.oneof(
  inlineContent.map((content) => nodes.paragraph.createChecked(null, content)),
  fc.tuple(fc.integer({ min: 1, max: 6 }), inlineContent).map(([level, content]) => nodes.heading.createChecked({ level }, content)),
);

const paragraphNode = inlineContent.map((content) => nodes.paragraph.createChecked(null, content));

const block = fc.oneof(
  { weight: 4, arbitrary: textblock },
  { weight: 1, arbitrary: fc.array(textblock, { minLength: 1, maxLength: 3 }).map((content) => nodes.blockquote.createChecked(null, content)) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.array(paragraphNode, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
      .map((items) => nodes.bullet_list.createChecked(null, items.map((content) => nodes.list_item.createChecked(null, content)))),
  },
);

const articleDoc = fc.array(block, { minLength: 1, maxLength: 6 }).map((content) => nodes.doc.createChecked(null, content));

/** A document with two positions in it, ordered. */
const docWithRange = fc.tuple(articleDoc, fc.nat(), fc.nat()).map(([doc, a, b]) => {
  const size = doc.content.size + 1;
  return { doc, from: Math.min(a % size, b % size), to: Math.max(a % size, b % size) };
});

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The plain text before `pos`, computed by ProseMirror alone. */
function textBefore(doc: Node, pos: number): string {
  return doc.textBetween(0, pos, "\n\n");
}

/** Whether `pos` splits a surrogate pair of the document text. */
function splitsPair(doc: Node, text: string, pos: number): boolean {
  const before = textBefore(doc, pos).length;
  // Pairs form greedily left to right, so a high surrogate right before a low one is always their pair.
  return before > 0 && isHigh(text.charCodeAt(before - 1)) && isLow(text.charCodeAt(before));
}

function insideTextblock(doc: Node, pos: number): boolean {
  return doc.resolve(pos).parent.isTextblock;
}

describe("anchoring properties", () => {
  it("offsetAt agrees with ProseMirror's own text of the document so far", () => {
    fc.assert(
      fc.property(articleDoc, (doc) => {
        const index = new TextIndex(doc);
        const text = docText(doc);
        expect(index.text).toBe(text);
        expect(index.length).toBe([...text].length);
        let nextInside = -1;
        for (let pos = doc.content.size; pos >= 0; pos--) {
          const before = textBefore(doc, pos);
          expect(text.startsWith(before)).toBe(true);
          const count = [...before].length;
          if (!insideTextblock(doc, pos)) {
            // The previous text ends here; the next text starts where the next textblock does.
            expect(index.offsetAt(pos, "end")).toBe(count);
            expect(index.offsetAt(pos, "start")).toBe(nextInside < 0 ? index.length : index.offsetAt(nextInside, "start"));
            continue;
          }
          nextInside = pos;
          if (splitsPair(doc, text, pos)) {
            // The spread counts the dangling high surrogate, so `count` already includes the pair.
            expect(index.offsetAt(pos, "start")).toBe(count);
            expect(index.offsetAt(pos, "end")).toBe(count - 1);
          } else {
            expect(index.offsetAt(pos, "start")).toBe(count);
            expect(index.offsetAt(pos, "end")).toBe(count);
            // (c) positions on code point boundaries inside textblocks round-trip.
            expect(index.posAt(count, "start")).toBe(pos);
            expect(index.posAt(count, "end")).toBe(pos);
          }
        }
      }),
    );
  });

  it("posAt lands inside a textblock and maps back to the offset, or brackets a separator", () => {
    fc.assert(
      fc.property(articleDoc, (doc) => {
        const index = new TextIndex(doc);
        for (let offset = 0; offset <= index.length; offset++) {
          const atStart = index.posAt(offset, "start");
          const atEnd = index.posAt(offset, "end");
          expect(insideTextblock(doc, atStart)).toBe(true);
          expect(insideTextblock(doc, atEnd)).toBe(true);
          if (atStart === atEnd) {
            expect(index.offsetAt(atStart, "start")).toBe(offset);
          } else {
            // Between the two newlines of a block separator.
            expect(index.offsetAt(atEnd, "end")).toBe(offset - 1);
            expect(index.offsetAt(atStart, "start")).toBe(offset + 1);
            expect(index.codePoints.slice(offset - 1, offset + 1)).toBe("\n\n");
          }
        }
      }),
    );
  });

  it("anchors every range to its trimmed text, quote and context", () => {
    fc.assert(
      fc.property(docWithRange, ({ doc, from, to }) => {
        const index = new TextIndex(doc);
        const text = index.text;
        const result = anchorRange(doc, from, to, index);

        // What a user selected, without half-selected surrogate pairs, and trimmed.
        const a = from < to && splitsPair(doc, text, from) ? from + 1 : from;
        const b = from < to && splitsPair(doc, text, to) ? to - 1 : to;
        const selected = a < b ? doc.textBetween(a, b, "\n\n", "\n").trim() : "";
        if (selected === "") {
          expect(result.ok).toBe(false);
          return;
        }
        if (!result.ok) throw new Error(`refused ${from}..${to}: ${result.reason}`);
        const points = [...text];
        const { exact, prefix, suffix } = result.quote;
        // (a) the W3C invariant on code points.
        expect(points.slice(result.start, result.end).join("")).toBe(exact);
        // (b) the trimmed positions select exactly the quote.
        expect(doc.textBetween(result.from, result.to, "\n\n", "\n")).toBe(exact);
        expect(exact).toBe(selected);
        // (d) the exact context, at most QUOTE_CONTEXT code points each side.
        expect(prefix).toBe(points.slice(Math.max(0, result.start - QUOTE_CONTEXT), result.start).join(""));
        expect(suffix).toBe(points.slice(result.end, result.end + QUOTE_CONTEXT).join(""));
        expect([...prefix].length).toBeLessThanOrEqual(QUOTE_CONTEXT);
        expect([...suffix].length).toBeLessThanOrEqual(QUOTE_CONTEXT);
        // Trimming only moves inward, and a trimmed range anchors to itself.
        expect(result.from).toBeGreaterThanOrEqual(from);
        expect(result.to).toBeLessThanOrEqual(to);
        expect(anchorRange(doc, result.from, result.to)).toEqual(result);
      }),
    );
  });
});
