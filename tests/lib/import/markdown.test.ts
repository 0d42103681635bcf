import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { schema } from "@/lib/editor/schema";
import { ContentError } from "@/lib/import/content-error";
import { parseMarkdown } from "@/lib/import/markdown";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, strong, link } =
  builders(schema);

describe("parseMarkdown", () => {
  it("maps ATX and setext headings to their levels", () => {
    const parsed = parseMarkdown("# One\n\n### Three\n\n###### Six\n\nTwo\n---\n");
    expect(
      parsed.eq(doc(heading({ level: 1 }, "One"), heading({ level: 3 }, "Three"), heading({ level: 6 }, "Six"), heading({ level: 2 }, "Two"))),
    ).toBe(true);
  });

  it("maps bullet and ordered lists, keeping the start number", () => {
    // "1)" uses a different delimiter, so CommonMark starts a new list there.
    const parsed = parseMarkdown("- a\n- b\n\n3. c\n4. d\n\n1) e");
    const expected = doc(
      bullet_list(list_item(paragraph("a")), list_item(paragraph("b"))),
      ordered_list({ order: 3 }, list_item(paragraph("c")), list_item(paragraph("d"))),
      ordered_list({ order: 1 }, list_item(paragraph("e"))),
    );
    expect(parsed.eq(expected)).toBe(true);
  });

  it("maps blockquotes and nested lists", () => {
    const parsed = parseMarkdown("> quoted\n>\n> - inside\n\n- outer\n  - inner");
    const expected = doc(
      blockquote(paragraph("quoted"), bullet_list(list_item(paragraph("inside")))),
      bullet_list(list_item(paragraph("outer"), bullet_list(list_item(paragraph("inner"))))),
    );
    expect(parsed.eq(expected)).toBe(true);
  });

  it("maps emphasis, strong emphasis and links with titles", () => {
    const parsed = parseMarkdown('Some *em*, __strong__ and [a link](https://example.com/x "Example").');
    const expected = doc(
      paragraph("Some ", em("em"), ", ", strong("strong"), " and ", link({ href: "https://example.com/x", title: "Example" }, "a link"), "."),
    );
    expect(parsed.eq(expected)).toBe(true);
  });

  it("keeps mailto links and autolinks", () => {
    const parsed = parseMarkdown("[desk](mailto:desk@example.com) <https://example.com>");
    expect(
      parsed.eq(doc(paragraph(link({ href: "mailto:desk@example.com" }, "desk"), " ", link({ href: "https://example.com" }, "https://example.com")))),
    ).toBe(true);
  });

  it("drops the link mark of javascript: links but keeps their text", () => {
    const parsed = parseMarkdown("Click [here](javascript:alert(1)) or [there](JAVASCRIPT:alert(2)) now.");
    expect(parsed.eq(doc(paragraph("Click here or there now.")))).toBe(true);
    expect(JSON.stringify(parsed.toJSON())).not.toContain("javascript");
  });

  it("drops the link mark of relative, data: and javascript: autolinks", () => {
    const parsed = parseMarkdown("[rel](/path) [data](data:text/html,x) <javascript:alert(1)>");
    expect(parsed.eq(doc(paragraph("rel data javascript:alert(1)")))).toBe(true);
    let marks = 0;
    parsed.descendants((node) => {
      marks += node.marks.length;
    });
    expect(marks).toBe(0);
  });

  it("maps a trailing-backslash or double-space line break to hard_break and soft breaks to spaces", () => {
    const parsed = parseMarkdown("one  \ntwo\\\nthree\nfour");
    expect(parsed.eq(doc(paragraph("one", hard_break(), "two", hard_break(), "three four")))).toBe(true);
  });

  it("leaves unsupported syntax as literal text", () => {
    const parsed = parseMarkdown(
      ["`code`", "![alt](https://img.test/a.png)", "<b>html</b>", "***", "```\nfenced\n```", "    indented", "<div>block</div>"].join("\n\n"),
    );
    expect(docText(parsed)).toBe(
      ["`code`", "!alt", "<b>html</b>", "***", "``` fenced ```", "indented", "<div>block</div>"].join("\n\n"),
    );
    parsed.descendants((node) => {
      expect(["doc", "paragraph", "text", "hard_break"]).toContain(node.type.name);
    });
  });

  it("treats whitespace-only lines, including NBSP, as blank lines", () => {
    const parsed = parseMarkdown("First para\n\u00a0\nSecond para\n\u2007\u200b\t\n- item\n\u202f\n# Head");
    const expected = doc(paragraph("First para"), paragraph("Second para"), bullet_list(list_item(paragraph("item"))), heading({ level: 1 }, "Head"));
    expect(parsed.eq(expected)).toBe(true);
  });

  it("drops paragraphs that only hold an &nbsp; entity", () => {
    const parsed = parseMarkdown("a\n\n&nbsp;\n\nb");
    expect(docText(parsed)).toBe("a\n\nb");
  });

  it("repairs a list item that starts with a nested list", () => {
    const parsed = parseMarkdown("- - inner one\n  - inner two");
    expect(() => parsed.check()).not.toThrow();
    expect(docText(parsed)).toBe("inner one\n\ninner two");
  });

  it("normalises CRLF input", () => {
    expect(parseMarkdown("# T\r\n\r\nBody").eq(doc(heading({ level: 1 }, "T"), paragraph("Body")))).toBe(true);
  });

  it.each(["", "   ", "\n\n", "\u00a0\n\u00a0", "&nbsp;", "[ref]: https://example.com"])("rejects %j as having no text", (input) => {
    expect(() => parseMarkdown(input)).toThrow(ContentError);
  });
});
