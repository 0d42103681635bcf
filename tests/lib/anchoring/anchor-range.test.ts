import type { Node } from "prosemirror-model";
import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import {
  EMPTY_SELECTION_REASON,
  NOT_INTEGER_REASON,
  OUT_OF_RANGE_REASON,
  REVERSED_REASON,
  anchorRange,
  type AnchoredRange,
} from "@/lib/anchoring/anchor-range";
import { TextIndex } from "@/lib/anchoring/text-index";
import { schema } from "@/lib/editor/schema";

const { doc, paragraph, heading, blockquote, bullet_list, list_item, hard_break, em } = builders(schema);

/** A document from the test builder, which records the positions of its "<name>" tags. */
type TaggedDoc = Node & { tag: Record<string, number> };

/** Tag `name` of a test-builder document; fails loudly on a typo. */
function tag(node: TaggedDoc, name: string): number {
  const pos = node.tag[name];
  if (pos === undefined) throw new Error(`no <${name}> tag`);
  return pos;
}

/** Anchors the range between tags <a> and <b>, which must be accepted. */
function anchorTagged(node: TaggedDoc): AnchoredRange {
  const result = anchorRange(node, tag(node, "a"), tag(node, "b"));
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe("anchorRange", () => {
  it("anchors a word inside a paragraph", () => {
    const node = doc(paragraph("The mayor said <a>taxes<b> would fall."));
    expect(anchorTagged(node)).toEqual({
      ok: true,
      from: 16,
      to: 21,
      start: 15,
      end: 20,
      quote: { exact: "taxes", prefix: "The mayor said ", suffix: " would fall." },
    });
  });

  it("trims spaces and NBSP by moving the ends inward", () => {
    const node = doc(paragraph("said<a> \u00a0 <x>taxes<y>\u00a0 <b>would"));
    const result = anchorTagged(node);
    expect([result.from, result.to]).toEqual([tag(node, "x"), tag(node, "y")]);
    expect(result.quote.exact).toBe("taxes");
    expect(result.quote.prefix).toBe("said \u00a0 ");
  });

  it("trims hard breaks and block boundaries", () => {
    const node = doc(paragraph("one<a>", hard_break()), paragraph("<x>two<y>"), "<b>", paragraph("three"));
    const result = anchorTagged(node);
    expect([result.from, result.to]).toEqual([tag(node, "x"), tag(node, "y")]);
    expect(result.quote).toEqual({ exact: "two", prefix: "one\n\n\n", suffix: "\n\nthree" });
  });

  it("anchors a range across paragraphs as one annotation", () => {
    const node = doc(heading("Budget"), paragraph("Taxes <a>will fall."), blockquote(paragraph("Or<b> rise.")));
    const result = anchorTagged(node);
    expect(result.quote).toEqual({ exact: "will fall.\n\nOr", prefix: "Budget\n\nTaxes ", suffix: " rise." });
    expect([result.start, result.end]).toEqual([14, 28]);
    expect(node.textBetween(result.from, result.to, "\n\n", "\n")).toBe(result.quote.exact);
  });

  it("anchors across list items", () => {
    const node = doc(bullet_list(list_item(paragraph("first <a>item")), list_item(paragraph("second<b> item"))));
    expect(anchorTagged(node).quote.exact).toBe("item\n\nsecond");
  });

  it("accepts a selection that starts and ends between blocks", () => {
    const node = doc("<a>", paragraph("<x>Only", em(" this"), "<y>"), "<b>");
    const result = anchorTagged(node);
    expect([result.from, result.to]).toEqual([tag(node, "x"), tag(node, "y")]);
    expect(result.quote).toEqual({ exact: "Only this", prefix: "", suffix: "" });
  });

  it("counts offsets in code points around emoji and flags", () => {
    const node = doc(paragraph("😀 <a>🇺🇦 flag<b> 😀"));
    const result = anchorTagged(node);
    expect([result.start, result.end]).toEqual([2, 9]);
    expect(result.quote).toEqual({ exact: "🇺🇦 flag", prefix: "😀 ", suffix: " 😀" });
  });

  it("leaves out a half-selected surrogate pair", () => {
    const node = doc(paragraph("a😀b😀c"));
    // Position 3 splits the first emoji, 6 the second.
    const result = anchorRange(node, 3, 6);
    expect(result).toMatchObject({ ok: true, from: 4, to: 5, start: 2, end: 3, quote: { exact: "b" } });
    expect(anchorRange(node, 3, 4)).toEqual({ ok: false, reason: EMPTY_SELECTION_REASON });
  });

  it("keeps combining marks, CJK and right-to-left text intact", () => {
    expect(anchorTagged(doc(paragraph("un <a>cafe\u0301<b>."))).quote.exact).toBe("cafe\u0301");
    expect(anchorTagged(doc(paragraph("新闻<a>标记<b>编辑"))).quote).toEqual({ exact: "标记", prefix: "新闻", suffix: "编辑" });
    expect(anchorTagged(doc(paragraph("قال <a>الوزير<b> إن"))).quote.exact).toBe("الوزير");
    expect(anchorTagged(doc(paragraph("אמר <a>השר<b> כי"))).quote.exact).toBe("השר");
  });

  it("refuses whitespace-only and empty selections", () => {
    const node = doc(paragraph("one<a> \u00a0", hard_break(), "<b>"), paragraph("two"));
    expect(anchorRange(node, tag(node, "a"), tag(node, "b"))).toEqual({ ok: false, reason: EMPTY_SELECTION_REASON });
    // From the end of one paragraph to the start of the next: only the separator.
    expect(anchorRange(doc(paragraph("a"), paragraph("b")), 2, 4)).toEqual({ ok: false, reason: EMPTY_SELECTION_REASON });
    expect(anchorRange(doc(paragraph("a")), 1, 1)).toEqual({ ok: false, reason: EMPTY_SELECTION_REASON });
    expect(anchorRange(doc(paragraph(), paragraph()), 0, 4)).toEqual({ ok: false, reason: EMPTY_SELECTION_REASON });
  });

  it("refuses malformed positions", () => {
    const node = doc(paragraph("Some text"));
    const size = node.content.size;
    expect(anchorRange(node, 1.5, 3)).toEqual({ ok: false, reason: NOT_INTEGER_REASON });
    expect(anchorRange(node, 1, Number.NaN)).toEqual({ ok: false, reason: NOT_INTEGER_REASON });
    expect(anchorRange(node, 1, Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: NOT_INTEGER_REASON });
    expect(anchorRange(node, "1" as unknown as number, 3)).toEqual({ ok: false, reason: NOT_INTEGER_REASON });
    expect(anchorRange(node, -1, 3)).toEqual({ ok: false, reason: OUT_OF_RANGE_REASON });
    expect(anchorRange(node, 1, size + 1)).toEqual({ ok: false, reason: OUT_OF_RANGE_REASON });
    expect(anchorRange(node, 4, 2)).toEqual({ ok: false, reason: REVERSED_REASON });
    expect(anchorRange(node, 0, size)).toMatchObject({ ok: true, quote: { exact: "Some text" } });
  });

  it("anchors 2,000 ranges of a 10,000-word article against one index", () => {
    // A size check, not a timing check: the whole batch must stay correct at article scale.
    const words = ["The", "mayor", "said", "taxes", "would", "fall", "😀", "🇺🇦", "新闻", "cafe\u0301", "שלום", "\u00a0"];
    const blocks: Node[] = [];
    for (let b = 0; b < 200; b++) {
      const text = Array.from({ length: 50 }, (_, w) => words[(b * 7 + w * 3) % words.length]).join(" ");
      const para = schema.nodes.paragraph.create(null, [schema.text(text.slice(0, 40)), schema.nodes.hard_break.create(), schema.text(text.slice(40))]);
      blocks.push(b % 10 === 0 ? schema.nodes.blockquote.create(null, para) : para);
    }
    const node = schema.nodes.doc.create(null, blocks);
    const index = new TextIndex(node);
    const points = [...index.text];
    const size = node.content.size;
    let anchored = 0;
    for (let i = 0; i < 2000; i++) {
      const from = (i * 7919) % size;
      const to = Math.min(size, from + 1 + ((i * 104729) % 300));
      const result = anchorRange(node, from, to, index);
      if (!result.ok) continue;
      anchored++;
      expect(points.slice(result.start, result.end).join("")).toBe(result.quote.exact);
    }
    expect(points.length).toBeGreaterThan(40_000);
    expect(anchored).toBeGreaterThan(1900);
  });

  it("reuses a prebuilt index and refuses one built for another document", () => {
    const node = doc(paragraph("Some text"));
    const index = new TextIndex(node);
    expect(anchorRange(node, 1, 5, index)).toEqual(anchorRange(node, 1, 5));
    expect(() => anchorRange(doc(paragraph("Some text")), 1, 5, index)).toThrow(/different document/);
  });
});
