import fc from "fast-check";
import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { schema } from "@/lib/editor/schema";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, link } = builders(schema);

describe("docText", () => {
  it("separates textblocks with a blank line", () => {
    expect(docText(doc(heading({ level: 2 }, "Title"), paragraph("One."), paragraph("Two.")))).toBe("Title\n\nOne.\n\nTwo.");
  });

  it("renders hard breaks as a single newline", () => {
    expect(docText(doc(paragraph("line one", hard_break(), "line two")))).toBe("line one\nline two");
  });

  it("does not double separators around nested blocks", () => {
    const nested = doc(
      paragraph("before"),
      blockquote(paragraph("q1"), paragraph("q2")),
      bullet_list(list_item(paragraph("a"), bullet_list(list_item(paragraph("a.1")))), list_item(paragraph("b"))),
      ordered_list(list_item(paragraph("first"))),
      paragraph("after"),
    );
    expect(docText(nested)).toBe("before\n\nq1\n\nq2\n\na\n\na.1\n\nb\n\nfirst\n\nafter");
  });

  it("ignores marks", () => {
    expect(docText(doc(paragraph("a ", em("b"), " ", link({ href: "https://x.test" }, "c"))))).toBe("a b c");
  });

  it("has one character per document position inside a textblock", () => {
    // Anchors map text offsets back to positions; within a block both advance together.
    const node = doc(paragraph("ab", hard_break(), "cd"));
    const text = docText(node);
    expect(text.length).toBe(node.content.size - 2);
  });

  it("joins any sequence of paragraphs with exactly one blank line", () => {
    const line = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes("\n") && s.trim() !== "");
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        // Built directly: the test builder would read "<name>" in random text as a position tag.
        const node = schema.nodes.doc.create(null, lines.map((text) => schema.nodes.paragraph.create(null, schema.text(text))));
        expect(docText(node)).toBe(lines.join("\n\n"));
      }),
    );
  });
});
