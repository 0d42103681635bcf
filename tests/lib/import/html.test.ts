import { builders } from "prosemirror-test-builder";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { schema } from "@/lib/editor/schema";
import { ContentError } from "@/lib/import/content-error";
import { parseHtml } from "@/lib/import/html";

const { doc, paragraph, heading, blockquote, bullet_list, ordered_list, list_item, hard_break, em, strong, link } =
  builders(schema);

const HOSTILE = [
  "<p>Visible intro <script>alert(1)</script>text.</p>",
  "<style>p { color: red } .alert { }</style>",
  '<iframe src="https://evil.test">iframe alert fallback</iframe>',
  '<p>Photo: <img src="x" onerror="alert(1)" alt="alert alt"> caption.</p>',
  "<svg><script>alert(1)</script><text>svg alert text</text></svg>",
  '<p><a href="javascript:alert(1)">click me</a> and <a href="JaVaScRiPt:alert(1)">me too</a></p>',
  '<p onclick="alert(1)" style="background:url(javascript:alert(1))">Handler paragraph.</p>',
  "<object data='x'>object alert</object><embed src='x'><noscript>noscript alert</noscript>",
  "<template><p>template alert</p></template>",
  "<math><mi>alert</mi></math>",
  "<textarea>alert textarea</textarea>",
].join("\n");

describe("parseHtml", () => {
  it("keeps visible text while removing scripts, styles, embeds and unsafe links", () => {
    const parsed = parseHtml(HOSTILE);
    const json = JSON.stringify(parsed.toJSON());
    expect(json).not.toMatch(/alert/i);
    expect(json).not.toMatch(/script/i);
    expect(json).not.toMatch(/javascript:/i);
    expect(json).not.toMatch(/onerror|onclick|iframe|svg/i);
    expect(docText(parsed)).toBe("Visible intro text.\n\nPhoto: caption.\n\nclick me and me too\n\nHandler paragraph.");
  });

  it("parses headings, lists, blockquotes, marks and line breaks", () => {
    const parsed = parseHtml(
      "<h1>Top</h1><h4>Deep</h4>" +
        "<p><em>e</em> <i>i</i> <strong>s</strong> <b>b</b> <a href='https://example.com' title='Ex'>l</a> <a href='mailto:a@b.test'>m</a></p>" +
        "<p>line one<br>line two</p>" +
        "<blockquote><p>quote</p></blockquote>" +
        "<ul><li>plain item</li><li><p>para item</p></li></ul>" +
        "<ol start='5'><li>five</li></ol>",
    );
    const expected = doc(
      heading({ level: 1 }, "Top"),
      heading({ level: 4 }, "Deep"),
      paragraph(
        em("e"), " ", em("i"), " ", strong("s"), " ", strong("b"), " ",
        link({ href: "https://example.com", title: "Ex" }, "l"), " ",
        link({ href: "mailto:a@b.test" }, "m"),
      ),
      paragraph("line one", hard_break(), "line two"),
      blockquote(paragraph("quote")),
      bullet_list(list_item(paragraph("plain item")), list_item(paragraph("para item"))),
      ordered_list({ order: 5 }, list_item(paragraph("five"))),
    );
    expect(parsed.toJSON()).toEqual(expected.toJSON());
  });

  it("wraps loose text and unknown containers into paragraphs", () => {
    const parsed = parseHtml("Loose text<div>In a div</div><section><span>In a span</span></section>");
    expect(docText(parsed)).toBe("Loose text\n\nIn a div\n\nIn a span");
    expect(() => parsed.check()).not.toThrow();
  });

  it("drops paragraphs that only hold &nbsp; or other invisible whitespace", () => {
    const parsed = parseHtml("<p>One</p><p>&nbsp;</p><p> &nbsp; &#8203; </p><div>&nbsp;</div><p><br></p>&nbsp;<p>Two</p>");
    expect(parsed.eq(doc(paragraph("One"), paragraph("Two")))).toBe(true);
    expect(docText(parsed)).not.toContain("\n\n\n");
  });

  it("reads the body of a full document and ignores its head", () => {
    const parsed = parseHtml(
      "<!DOCTYPE html><html><head><title>Head title</title><meta charset='utf-8'><style>b{}</style></head>" +
        "<body onload='alert(1)'><p>Body text</p></body></html>",
    );
    expect(parsed.eq(doc(paragraph("Body text")))).toBe(true);
  });

  it("keeps content that follows a stray closing body tag", () => {
    expect(docText(parseHtml("<p>before</p></body></html><p>after</p>"))).toBe("before\n\nafter");
  });

  it("keeps content that follows a doctype in the middle of the input", () => {
    expect(docText(parseHtml("<p>a</p><!doctype html><p>b</p>"))).toBe("a\n\nb");
  });

  it("ignores comments", () => {
    expect(docText(parseHtml("<p>a<!-- secret --></p><!-- <p>hidden</p> --><p>b</p>"))).toBe("a\n\nb");
  });

  it("collapses source whitespace the way a browser would", () => {
    expect(docText(parseHtml("<p>  spread \n  over\tlines  </p>"))).toBe("spread over lines");
  });

  it("can be called repeatedly without leaking state between documents", () => {
    expect(docText(parseHtml("<p>first</p>"))).toBe("first");
    expect(docText(parseHtml("<p>second</p>"))).toBe("second");
  });

  it.each([
    "",
    "   ",
    "<p></p>",
    "<p>&nbsp;</p>",
    "<script>alert(1)</script>",
    "<style>body{}</style><img src=x onerror=alert(1)>",
    "<!-- only a comment -->",
  ])("rejects %j as having no text", (input) => {
    expect(() => parseHtml(input)).toThrow(ContentError);
    expect(() => parseHtml(input)).toThrow("HTML content contains no text");
  });
});
