import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { TextIndex } from "@/lib/anchoring/text-index";
import { schema } from "@/lib/editor/schema";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, strong } = builders(schema);

/** Tag `name` of a test-builder document; fails loudly on a typo. */
function tag(node: { tag: Record<string, number> }, name: string): number {
  const pos = node.tag[name];
  if (pos === undefined) throw new Error(`no <${name}> tag`);
  return pos;
}

/** offsetAt for both biases, which agree everywhere except between blocks and inside pairs. */
function offsets(index: TextIndex, pos: number): [number, number] {
  return [index.offsetAt(pos, "start"), index.offsetAt(pos, "end")];
}

describe("TextIndex", () => {
  it("exposes docText and its code point length", () => {
    const node = doc(heading("Title 😀"), paragraph("body"));
    const index = new TextIndex(node);
    expect(index.text).toBe(docText(node));
    expect(index.text).toBe("Title 😀\n\nbody");
    expect(index.length).toBe(13);
    expect(index.doc).toBe(node);
  });

  it("maps a plain paragraph one to one, shifted by the opening token", () => {
    const node = doc(paragraph("<a>Hello<b>"));
    const index = new TextIndex(node);
    expect(tag(node, "a")).toBe(1);
    expect(tag(node, "b")).toBe(6);
    for (let pos = 1; pos <= 6; pos++) {
      expect(offsets(index, pos)).toEqual([pos - 1, pos - 1]);
      expect(index.posAt(pos - 1, "start")).toBe(pos);
      expect(index.posAt(pos - 1, "end")).toBe(pos);
    }
  });

  it("maps the document edges, outside every textblock, to the text edges", () => {
    const node = doc(paragraph("Hello"));
    const index = new TextIndex(node);
    expect(offsets(index, 0)).toEqual([0, 0]);
    expect(offsets(index, node.content.size)).toEqual([5, 5]);
  });

  it("maps positions between a heading and paragraphs to the nearest text", () => {
    const node = doc(heading({ level: 2 }, "Title<a>"), "<gap>", paragraph("<b>One."), paragraph("Two."));
    const index = new TextIndex(node);
    expect(index.text).toBe("Title\n\nOne.\n\nTwo.");
    expect([tag(node, "a"), tag(node, "gap"), tag(node, "b")]).toEqual([6, 7, 8]);
    expect(offsets(index, 6)).toEqual([5, 5]);
    expect(offsets(index, 7)).toEqual([7, 5]);
    expect(offsets(index, 8)).toEqual([7, 7]);
    expect(offsets(index, 13)).toEqual([13, 11]);
  });

  it("maps offsets at block boundaries by bias", () => {
    const node = doc(heading("Title"), paragraph("One."));
    const index = new TextIndex(node);
    // Offset 5 ends "Title" and 7 starts "One."; both have a position of their own.
    expect([index.posAt(5, "start"), index.posAt(5, "end")]).toEqual([6, 6]);
    expect([index.posAt(7, "start"), index.posAt(7, "end")]).toEqual([8, 8]);
    // Offset 6 sits between the two separator newlines.
    expect(index.posAt(6, "start")).toBe(8);
    expect(index.posAt(6, "end")).toBe(6);
  });

  it("sees through blockquotes", () => {
    const node = doc(paragraph("a"), "<out>", blockquote("<in>", paragraph("<b>b")));
    const index = new TextIndex(node);
    expect(index.text).toBe("a\n\nb");
    expect([tag(node, "out"), tag(node, "in"), tag(node, "b")]).toEqual([3, 4, 5]);
    expect(offsets(index, 3)).toEqual([3, 1]);
    expect(offsets(index, 4)).toEqual([3, 1]);
    expect(offsets(index, 5)).toEqual([3, 3]);
    expect(index.posAt(3, "start")).toBe(5);
  });

  it("maps nested list items", () => {
    const node = doc(
      bullet_list(list_item(paragraph("<x>x"), ordered_list(list_item(paragraph("<y>y"))))),
      paragraph("<z>z<end>"),
    );
    const index = new TextIndex(node);
    expect(index.text).toBe("x\n\ny\n\nz");
    expect([tag(node, "x"), tag(node, "y"), tag(node, "z"), tag(node, "end")]).toEqual([3, 8, 15, 16]);
    expect(index.offsetAt(3, "start")).toBe(0);
    expect(index.offsetAt(8, "start")).toBe(3);
    expect(index.offsetAt(15, "start")).toBe(6);
    // The paragraph closes and the nested list and item open between x and y.
    for (let pos = 5; pos <= 7; pos++) expect(offsets(index, pos)).toEqual([3, 1]);
    // Paragraph, item, list, item and outer list all close between y and z.
    for (let pos = 10; pos <= 14; pos++) expect(offsets(index, pos)).toEqual([6, 4]);
    expect([index.posAt(0, "start"), index.posAt(3, "start"), index.posAt(6, "start"), index.posAt(7, "end")]).toEqual([3, 8, 15, 16]);
  });

  it("counts a hard break as one character and one position", () => {
    const node = doc(paragraph("ab<br>", hard_break(), "<c>cd"));
    const index = new TextIndex(node);
    expect(index.text).toBe("ab\ncd");
    expect([tag(node, "br"), tag(node, "c")]).toEqual([3, 4]);
    expect(offsets(index, 3)).toEqual([2, 2]);
    expect(offsets(index, 4)).toEqual([3, 3]);
    expect(index.posAt(3, "start")).toBe(4);
  });

  it("ignores mark boundaries", () => {
    const node = doc(paragraph("a", em("b", strong("c")), "d<end>"));
    const index = new TextIndex(node);
    expect(index.text).toBe("abcd");
    expect(index.offsetAt(tag(node, "end"), "start")).toBe(4);
  });

  it("counts an astral emoji as two positions but one code point", () => {
    const node = doc(paragraph("a<e>😀<b>b<end>"));
    const index = new TextIndex(node);
    expect([tag(node, "e"), tag(node, "b"), tag(node, "end")]).toEqual([2, 4, 5]);
    expect(index.length).toBe(3);
    expect(offsets(index, 2)).toEqual([1, 1]);
    expect(offsets(index, 4)).toEqual([2, 2]);
    expect(offsets(index, 5)).toEqual([3, 3]);
    expect([index.posAt(1, "start"), index.posAt(2, "start"), index.posAt(3, "start")]).toEqual([2, 4, 5]);
  });

  it("rounds a position inside a surrogate pair forward for start and back for end", () => {
    const node = doc(paragraph("a😀b"));
    const index = new TextIndex(node);
    expect(offsets(index, 3)).toEqual([2, 1]);
  });

  it("rounds a surrogate pair split across text nodes the same way", () => {
    // Different marks keep the halves in separate text nodes; the text still joins them.
    const node = doc(paragraph("a\ud83d", em("\ude00b")));
    const index = new TextIndex(node);
    expect(index.text).toBe("a😀b");
    expect(index.length).toBe(3);
    expect(offsets(index, 3)).toEqual([2, 1]);
    expect(offsets(index, 4)).toEqual([2, 2]);
  });

  it("counts each regional indicator of a flag as a code point", () => {
    const node = doc(paragraph("<f>🇺🇦<bang>!<end>"));
    const index = new TextIndex(node);
    expect([tag(node, "f"), tag(node, "bang"), tag(node, "end")]).toEqual([1, 5, 6]);
    expect(index.length).toBe(3);
    expect(index.offsetAt(3, "start")).toBe(1);
    expect(index.offsetAt(5, "start")).toBe(2);
    expect(index.posAt(1, "start")).toBe(3);
    expect(index.posAt(2, "start")).toBe(5);
  });

  it("counts a combining mark as its own code point", () => {
    const node = doc(paragraph("caf<e>e\u0301<end>"));
    const index = new TextIndex(node);
    expect(index.length).toBe(5);
    expect(index.offsetAt(tag(node, "e"), "start")).toBe(3);
    expect(index.offsetAt(tag(node, "end"), "start")).toBe(5);
    expect(index.posAt(4, "start")).toBe(5);
  });

  it("maps CJK, Arabic and Hebrew text in logical order", () => {
    const node = doc(paragraph("新闻<a>标记"), paragraph("مرحبا <b>بالعالم"), paragraph("שלום <c>עולם"));
    const index = new TextIndex(node);
    expect(index.text).toBe("新闻标记\n\nمرحبا بالعالم\n\nשלום עולם");
    expect(index.offsetAt(tag(node, "a"), "start")).toBe(2);
    expect(index.offsetAt(tag(node, "b"), "start")).toBe(12);
    expect(index.offsetAt(tag(node, "c"), "start")).toBe(26);
    expect(index.posAt(12, "start")).toBe(tag(node, "b"));
  });

  it("keeps empty textblocks, which docText separates like any other", () => {
    const node = doc(paragraph("a"), paragraph(), paragraph("<b>b"));
    const index = new TextIndex(node);
    expect(index.text).toBe("a\n\n\n\nb");
    expect(index.offsetAt(4, "start")).toBe(3);
    expect(index.posAt(3, "start")).toBe(4);
    expect(index.posAt(4, "start")).toBe(tag(node, "b"));
    expect(index.posAt(4, "end")).toBe(4);
    expect(index.offsetAt(tag(node, "b"), "start")).toBe(5);
  });

  it("rejects positions and offsets outside the document", () => {
    const index = new TextIndex(doc(paragraph("ab")));
    for (const pos of [-1, 5, 1.5, Number.NaN]) expect(() => index.offsetAt(pos, "start")).toThrow(RangeError);
    for (const offset of [-1, 3, 0.5, Number.NaN]) expect(() => index.posAt(offset, "start")).toThrow(RangeError);
  });
});
