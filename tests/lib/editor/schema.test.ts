import { parseHTML } from "linkedom";
import { DOMParser, DOMSerializer, Fragment } from "prosemirror-model";
import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { isSafeHref, schema } from "@/lib/editor/schema";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, strong, link } =
  builders(schema);

function domBody(html: string): HTMLElement {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const body = document.body as unknown as HTMLElement;
  body.innerHTML = html;
  return body;
}

function serialize(node: ReturnType<typeof doc>): string {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const fragment = DOMSerializer.fromSchema(schema).serializeFragment(node.content, {
    document: document as unknown as Document,
  });
  const body = document.body as unknown as HTMLElement;
  body.appendChild(fragment as unknown as globalThis.Node);
  return body.innerHTML;
}

describe("isSafeHref", () => {
  it.each(["http://example.com", "https://example.com/a?b=c", "mailto:desk@example.com", "  HTTPS://Example.com "])(
    "accepts %j",
    (href) => {
      expect(isSafeHref(href)).toBe(true);
    },
  );

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "/relative/path",
    "#anchor",
    "",
  ])("rejects %j", (href) => {
    expect(isSafeHref(href)).toBe(false);
  });
});

describe("schema structure", () => {
  it("has exactly the article node and mark types", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      ["blockquote", "bullet_list", "doc", "hard_break", "heading", "list_item", "ordered_list", "paragraph", "text"].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["em", "link", "strong"]);
  });

  it("renders hard_break as a newline in text", () => {
    const node = doc(paragraph("one", hard_break(), "two"));
    expect(node.textContent).toBe("one\ntwo");
  });

  it("defaults heading level to 1 and rejects levels outside 1-6", () => {
    expect(schema.nodes.heading.create().attrs.level).toBe(1);
    expect(schema.nodes.heading.create({ level: 6 }).attrs.level).toBe(6);
    expect(() => schema.nodes.heading.create({ level: 7 })).toThrow(RangeError);
    expect(() => schema.nodes.heading.create({ level: 0 })).toThrow(RangeError);
    expect(() => schema.nodes.heading.create({ level: "2" })).toThrow(RangeError);
  });

  it("defaults ordered_list order to 1", () => {
    expect(schema.nodes.ordered_list.create(null, list_item(paragraph("x"))).attrs.order).toBe(1);
  });

  it("requires a list item to open with a paragraph", () => {
    expect(schema.nodes.list_item.validContent(Fragment.from(paragraph("a")))).toBe(true);
    expect(schema.nodes.list_item.validContent(Fragment.from(blockquote(paragraph("a"))))).toBe(false);
    expect(schema.nodes.list_item.validContent(Fragment.fromArray([paragraph("a"), bullet_list(list_item(paragraph("b")))]))).toBe(
      true,
    );
  });

  it("refuses to create a link mark with an unsafe href", () => {
    expect(() => schema.marks.link.create({ href: "javascript:alert(1)" })).toThrow(RangeError);
    expect(schema.marks.link.create({ href: "https://example.com" }).attrs).toEqual({
      href: "https://example.com",
      title: null,
    });
  });
});

describe("schema parseDOM", () => {
  const parser = DOMParser.fromSchema(schema);

  it("parses every supported element", () => {
    const parsed = parser.parse(
      domBody(
        "<h3>Head</h3><p><em>e</em> <i>i</i> <strong>s</strong> <b>b</b> <a href='https://x.test' title='T'>l</a><br>n</p>" +
          "<blockquote><p>q</p></blockquote><ul><li><p>u</p></li></ul><ol start='4'><li><p>o</p></li></ol>",
      ),
    );
    const expected = doc(
      heading({ level: 3 }, "Head"),
      paragraph(em("e"), " ", em("i"), " ", strong("s"), " ", strong("b"), " ", link({ href: "https://x.test", title: "T" }, "l"), hard_break(), "n"),
      blockquote(paragraph("q")),
      bullet_list(list_item(paragraph("u"))),
      ordered_list({ order: 4 }, list_item(paragraph("o"))),
    );
    expect(parsed.eq(expected)).toBe(true);
  });

  it("drops the link mark but keeps the text for javascript: and relative hrefs", () => {
    const parsed = parser.parse(domBody('<p><a href="javascript:alert(1)">bad</a> <a href="/rel">rel</a></p>'));
    expect(parsed.eq(doc(paragraph("bad rel")))).toBe(true);
  });

  it("reads italic and bold inline styles as marks", () => {
    const parsed = parser.parse(domBody('<p><span style="font-style: italic">it</span><span style="font-weight: bold">bo</span></p>'));
    expect(parsed.eq(doc(paragraph(em("it"), strong("bo"))))).toBe(true);
  });

  it("ignores Google Docs' non-bold <b> wrapper", () => {
    const parsed = parser.parse(domBody('<b style="font-weight:normal"><p>plain</p></b>'));
    expect(parsed.eq(doc(paragraph("plain")))).toBe(true);
  });
});

describe("schema toDOM", () => {
  it("serializes to semantic elements and round-trips through parseDOM", () => {
    const original = doc(
      heading({ level: 2 }, "Title"),
      paragraph("a ", em("b"), " ", strong("c"), " ", link({ href: "https://example.com" }, "d"), hard_break(), "e"),
      blockquote(paragraph("quote")),
      ordered_list({ order: 3 }, list_item(paragraph("three"))),
      ordered_list(list_item(paragraph("one"))),
      bullet_list(list_item(paragraph("dot"))),
    );
    const html = serialize(original);
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain('<a href="https://example.com">d</a><br>e');
    expect(html).toContain('<ol start="3"><li><p>three</p></li></ol>');
    expect(html).toContain("<ol><li><p>one</p></li></ol>");
    expect(html).toContain("<blockquote><p>quote</p></blockquote>");

    const reparsed = DOMParser.fromSchema(schema).parse(domBody(html));
    expect(reparsed.eq(original)).toBe(true);
  });
});
