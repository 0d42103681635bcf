import fc from "fast-check";
import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { schema } from "@/lib/editor/schema";
import { ContentError } from "@/lib/import/content-error";
import { parseContent, type ContentFormat } from "@/lib/import/parse-content";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, link } = builders(schema);

function pmDoc(...content: unknown[]): unknown {
  return { type: "doc", content };
}

function para(text: string): unknown {
  return { type: "paragraph", content: [{ type: "text", text }] };
}

function expectContentError(run: () => unknown, message: string | RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ContentError);
  expect((caught as ContentError).name).toBe("ContentError");
  expect((caught as ContentError).message).toMatch(message);
}

describe("parseContent dispatch", () => {
  it("parses plain text", () => {
    expect(parseContent("text", "Lead.\n\nSubhead\n\nBody.").eq(doc(paragraph("Lead."), heading({ level: 2 }, "Subhead"), paragraph("Body.")))).toBe(
      true,
    );
  });

  it("parses markdown", () => {
    expect(parseContent("markdown", "## Sub\n\n*hi*").eq(doc(heading({ level: 2 }, "Sub"), paragraph(em("hi"))))).toBe(true);
  });

  it("parses html", () => {
    expect(parseContent("html", "<h2>Sub</h2><p><a href='https://x.test'>hi</a></p>").eq(
      doc(heading({ level: 2 }, "Sub"), paragraph(link({ href: "https://x.test" }, "hi"))),
    )).toBe(true);
  });

  it("parses a ProseMirror document given as an object or as a JSON string", () => {
    const original = doc(heading({ level: 3 }, "H"), blockquote(paragraph("q")), ordered_list({ order: 2 }, list_item(paragraph("two"))));
    expect(parseContent("prosemirror", original.toJSON()).eq(original)).toBe(true);
    expect(parseContent("prosemirror", JSON.stringify(original.toJSON())).eq(original)).toBe(true);
  });

  it.each<[ContentFormat, unknown]>([
    ["text", 42],
    ["markdown", null],
    ["html", { html: "<p>x</p>" }],
    ["text", ["a"]],
  ])("requires a string for %s content (got %j)", (format, content) => {
    expectContentError(() => parseContent(format, content), `Content for format "${format}" must be a string`);
  });

  it("rejects an unknown format", () => {
    expectContentError(() => parseContent("docx" as ContentFormat, "x"), /Unknown content format/);
  });
});

describe("parseContent with ProseMirror JSON", () => {
  it("accepts a heading without a level, defaulting to 1", () => {
    const parsed = parseContent("prosemirror", pmDoc({ type: "heading", content: [{ type: "text", text: "H" }] }));
    expect(parsed.eq(doc(heading({ level: 1 }, "H")))).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ["an unknown node type", pmDoc({ type: "image", attrs: { src: "x" } }, para("a")), /Unknown node type: image/],
    ["a paragraph inside a paragraph", pmDoc({ type: "paragraph", content: [para("a")] }), /Invalid content for node paragraph/],
    ["a list item that does not start with a paragraph", pmDoc({ type: "bullet_list", content: [{ type: "list_item", content: [{ type: "blockquote", content: [para("a")] }] }] }), /Invalid content for node list_item/],
    ["text directly in the doc", { type: "doc", content: [{ type: "text", text: "loose" }] }, /Invalid content for node doc/],
    ["a heading level out of range", pmDoc({ type: "heading", attrs: { level: 9 }, content: [{ type: "text", text: "H" }] }), /Heading level/],
    ["an unknown mark", pmDoc({ type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "code" }] }] }), /no mark type code/],
    ["a javascript: link", pmDoc({ type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }), /Link href/],
    ["an empty text node", pmDoc({ type: "paragraph", content: [{ type: "text", text: "" }] }), /Empty text nodes/],
    ["a non-doc top node", para("a"), /top node must be "doc"/],
    ["null", null, /Invalid input/],
    ["a number", 7, /ProseMirror document is invalid/],
  ])("rejects %s", (_, json, message) => {
    expectContentError(() => parseContent("prosemirror", json), /^ProseMirror document is invalid: /);
    expectContentError(() => parseContent("prosemirror", json), message);
  });

  it("discards attributes the schema does not define", () => {
    const parsed = parseContent("prosemirror", pmDoc({ type: "paragraph", attrs: { class: "x", onclick: "alert(1)" }, content: [{ type: "text", text: "a" }] }));
    expect(JSON.stringify(parsed.toJSON())).not.toMatch(/class|onclick|alert/);
    expect(parsed.eq(doc(paragraph("a")))).toBe(true);
  });

  it("rejects a string that is not JSON", () => {
    expectContentError(() => parseContent("prosemirror", "{not json"), /^ProseMirror document is not valid JSON/);
  });

  it("rejects a valid document with no text", () => {
    expectContentError(() => parseContent("prosemirror", pmDoc({ type: "paragraph" })), "ProseMirror document contains no text");
    expectContentError(() => parseContent("prosemirror", pmDoc(para("\u00a0"), para(" "))), "ProseMirror document contains no text");
  });
});

describe("parseContent blank-block cleanup", () => {
  it("drops empty and whitespace-only textblocks", () => {
    const parsed = parseContent(
      "prosemirror",
      pmDoc(para("One"), { type: "paragraph" }, para("\u00a0"), { type: "heading", attrs: { level: 2 } }, para("Two")),
    );
    expect(parsed.eq(doc(paragraph("One"), paragraph("Two")))).toBe(true);
    expect(docText(parsed)).toBe("One\n\nTwo");
  });

  it("drops containers left empty and keeps nested text", () => {
    const parsed = parseContent(
      "prosemirror",
      pmDoc(
        { type: "blockquote", content: [{ type: "paragraph" }] },
        { type: "bullet_list", content: [{ type: "list_item", content: [{ type: "paragraph" }] }, { type: "list_item", content: [para("kept")] }] },
      ),
    );
    expect(parsed.eq(doc(bullet_list(list_item(paragraph("kept")))))).toBe(true);
  });

  it("lifts a nested list when a list item's own paragraph is blank", () => {
    const parsed = parseContent(
      "prosemirror",
      pmDoc({
        type: "bullet_list",
        content: [
          {
            type: "list_item",
            content: [
              { type: "paragraph" },
              { type: "ordered_list", attrs: { order: 1 }, content: [{ type: "list_item", content: [para("one")] }, { type: "list_item", content: [para("two")] }] },
            ],
          },
        ],
      }),
    );
    const expected = doc(bullet_list(list_item(paragraph("one"), ordered_list({ order: 2 }, list_item(paragraph("two"))))));
    expect(parsed.toJSON()).toEqual(expected.toJSON());
  });

  it("splits textblocks at blank lines and trims leading and trailing hard breaks", () => {
    const parsed = parseContent("html", "<p><br>one<br>two<br><br>&nbsp;<br>three<br></p><h2>Head<br></h2>");
    const expected = doc(paragraph("one", hard_break(), "two"), paragraph("three"), heading({ level: 2 }, "Head"));
    expect(parsed.toJSON()).toEqual(expected.toJSON());
    expect(docText(parsed)).toBe("one\ntwo\n\nthree\n\nHead");
  });

  it("turns newlines inside ProseMirror text nodes into hard breaks and blank lines into blocks", () => {
    const parsed = parseContent("prosemirror", pmDoc({ type: "paragraph", content: [{ type: "text", text: "a\r\nb\n\n\nc\n", marks: [{ type: "em" }] }] }));
    const expected = doc(paragraph(em("a", hard_break(), "b")), paragraph(em("c")));
    expect(parsed.toJSON()).toEqual(expected.toJSON());
  });

  it("turns a heading that opens a list item into its paragraph", () => {
    const parsed = parseContent("markdown", "- # Big item");
    expect(parsed.eq(doc(bullet_list(list_item(paragraph("Big item")))))).toBe(true);
  });

  it("unwraps a blockquote that opens a list item", () => {
    const parsed = parseContent("markdown", "- > quoted item\n  >\n  > second");
    expect(parsed.eq(doc(bullet_list(list_item(paragraph("quoted item"), paragraph("second")))))).toBe(true);
  });

  it.each<[ContentFormat, unknown]>([
    ["text", ""],
    ["text", "\u00a0\n\t"],
    ["markdown", ""],
    ["markdown", "\u200b"],
    ["html", ""],
    ["html", "<p>&nbsp;</p><script>x</script>"],
    ["prosemirror", pmDoc({ type: "paragraph" })],
  ])("rejects empty %s input %j", (format, content) => {
    expect(() => parseContent(format, content)).toThrow(ContentError);
  });
});

describe("parseContent invariants", () => {
  const messy = fc.array(
    fc.oneof(
      fc.constantFrom("\n", "\r\n", "\r", "\u00a0", "\u200b", "\t", " ", "  \n", "<p>", "</p>", "<br>", "&nbsp;", "<li>", "<ul>", "- ", "> ", "# ", "*", "[a](https://x.test)", "<script>alert(1)</script>", "<!doctype html>"),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 30 },
  ).map((parts) => parts.join(""));

  it.each<ContentFormat>(["text", "markdown", "html"])("%s input yields a valid doc with no blank blocks, or a ContentError", (format) => {
    fc.assert(
      fc.property(messy, (input) => {
        let parsed;
        try {
          parsed = parseContent(format, input);
        } catch (error) {
          expect(error).toBeInstanceOf(ContentError);
          return;
        }
        expect(() => parsed.check()).not.toThrow();
        const text = docText(parsed);
        expect(text).not.toContain("\n\n\n");
        parsed.descendants((node) => {
          if (node.isTextblock) expect(node.textContent.trim().replace(/[\u200b-\u200d\u2060\u180e]/g, "")).not.toBe("");
        });
        expect(JSON.stringify(parsed.toJSON())).not.toMatch(/javascript:/i);
      }),
      { numRuns: 300 },
    );
  });
});
