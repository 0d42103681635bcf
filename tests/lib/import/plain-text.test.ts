import { readFileSync } from "node:fs";
import { builders } from "prosemirror-test-builder";
import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { docText } from "@/lib/anchoring/doc-text";
import { schema } from "@/lib/editor/schema";
import { ContentError } from "@/lib/import/content-error";
import { parsePlainText, splitTitle } from "@/lib/import/plain-text";

const { doc, paragraph, heading, hard_break } = builders(schema);

const sample = readFileSync(new URL("../../../prisma/seed/sample-article.txt", import.meta.url), "utf8");

function blocks(node: Node): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  node.forEach((child) => out.push([child.type.name, child.textContent]));
  return out;
}

describe("sample article fixture", () => {
  const { title, body } = splitTitle(sample);
  const article = parsePlainText(body);
  const text = docText(article);

  it("takes the first line as the title", () => {
    expect(title).toBe("Have Putin and Trump Really Reached ‘Understandings’ on Ending the Ukraine War?");
    expect(body.startsWith("\n")).toBe(true);
    expect(body).not.toContain(title);
  });

  it("contains an NBSP-only line that is treated as blank", () => {
    expect(sample.split("\n")).toContain("\u00a0");
    const first = article.firstChild;
    expect(first?.type.name).toBe("paragraph");
    expect(first?.textContent.startsWith("Russian President Vladimir Putin")).toBe(true);
    expect(text).not.toContain("\u00a0");
  });

  it("recognises the subheads as level-2 headings", () => {
    const headings = blocks(article).filter(([type]) => type === "heading").map(([, content]) => content);
    expect(headings).toEqual([
      "What Did Putin Say About the Alaska Meeting?",
      "Trump’s Role and the Proposed Peace Talks",
      "The Challenges Ahead",
      "What’s Next?",
    ]);
    article.forEach((child) => {
      if (child.type.name === "heading") expect(child.attrs.level).toBe(2);
    });
  });

  it("keeps the rest as paragraphs, in order", () => {
    const kinds = blocks(article).map(([type]) => type);
    expect(kinds).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
    ]);
    expect(blocks(article).at(-1)?.[1].endsWith("or if the conflict will persist.")).toBe(true);
  });

  it("produces anchoring text without blank-block runs", () => {
    expect(text).toContain("security guarantees for Ukraine");
    expect(text).not.toContain("\n\n\n");
    expect(text.split("\n\n").every((block) => block.trim() !== "")).toBe(true);
    expect(text.startsWith("Russian President")).toBe(true);
  });
});

describe("parsePlainText", () => {
  it("normalises CRLF and CR line endings", () => {
    const expected = doc(paragraph("One", hard_break(), "two"), paragraph("Three."));
    expect(parsePlainText("One\r\ntwo\r\n\r\nThree.").eq(expected)).toBe(true);
    expect(parsePlainText("One\rtwo\r\rThree.").eq(expected)).toBe(true);
  });

  it.each([
    ["a non-breaking space", "\u00a0"],
    ["a figure space", "\u2007"],
    ["a narrow no-break space", "\u202f"],
    ["a zero-width space", "\u200b"],
    ["a byte-order mark", "\ufeff"],
    ["tabs", "\t\t"],
    ["mixed invisible characters", " \u00a0\t\u200b "],
  ])("treats a line of %s as blank", (_, blank) => {
    const parsed = parsePlainText(`First paragraph here.\n${blank}\nSecond paragraph here.`);
    expect(parsed.eq(doc(paragraph("First paragraph here."), paragraph("Second paragraph here.")))).toBe(true);
  });

  it("collapses several blank lines into one separator", () => {
    const parsed = parsePlainText("\n\n  \nAlpha beta.\n\n\n\n\u00a0\n\nGamma delta.\n\n");
    expect(docText(parsed)).toBe("Alpha beta.\n\nGamma delta.");
  });

  it("turns single newlines into hard breaks and trims each line", () => {
    const parsed = parsePlainText("  Roses are red, \u00a0\n\tviolets are blue.\u200b\n\nNext.");
    expect(parsed.eq(doc(paragraph("Roses are red,", hard_break(), "violets are blue."), paragraph("Next.")))).toBe(true);
  });

  it("keeps interior whitespace untouched", () => {
    expect(docText(parsePlainText("a  b\u00a0c."))).toBe("a  b\u00a0c.");
  });

  it.each([
    "What Did Putin Say About the Alaska Meeting?",
    "What’s Next?",
    "The Challenges Ahead",
    "One two three four five six seven eight nine ten eleven twelve",
    "Trump Says ‘We’re Close’",
  ])("makes the short lone line %j a heading", (line) => {
    const parsed = parsePlainText(`${line}\n\nBody text follows.`);
    expect(parsed.firstChild?.type.name).toBe("heading");
    expect(parsed.firstChild?.attrs.level).toBe(2);
    expect(parsed.firstChild?.textContent).toBe(line);
  });

  it.each([
    ["ends with a period", "The talks ended."],
    ["ends with a comma", "However,"],
    ["ends with a semicolon", "First;"],
    ["ends with a colon", "He said:"],
    ["ends with a period inside curly quotes", "He called it “strategic.”"],
    ["ends with a period inside straight quotes", 'He called it "strategic."'],
    ["has more than twelve words", "One two three four five six seven eight nine ten eleven twelve thirteen"],
    [
      "is a long question",
      "Is it really plausible that the two leaders reached any lasting agreement on the future of the war in Ukraine?",
    ],
  ])("keeps a lone line that %s as a paragraph", (_, line) => {
    const parsed = parsePlainText(`${line}\n\nBody text follows.`);
    expect(parsed.firstChild?.type.name).toBe("paragraph");
    expect(parsed.firstChild?.textContent).toBe(line);
  });

  it("never makes a multi-line block a heading", () => {
    const parsed = parsePlainText("Short line\nAnother short line\n\nBody.");
    expect(parsed.firstChild?.type.name).toBe("paragraph");
    expect(parsed.firstChild?.childCount).toBe(3);
  });

  it("makes a document of one block a paragraph even when it looks like a heading", () => {
    expect(parsePlainText("Just A Title").eq(doc(paragraph("Just A Title")))).toBe(true);
  });

  it("builds the expected document for a mixed input", () => {
    const parsed = parsePlainText("Lead paragraph.\n\nA Subhead\n\nMore text.");
    expect(parsed.eq(doc(paragraph("Lead paragraph."), heading({ level: 2 }, "A Subhead"), paragraph("More text.")))).toBe(true);
  });

  it.each(["", "   ", "\n\n\n", "\u00a0\n\u200b\n\t", "\r\n\r\n"])("rejects %j as having no text", (input) => {
    expect(() => parsePlainText(input)).toThrow(ContentError);
    expect(() => parsePlainText(input)).toThrow("Text content contains no text");
  });
});

describe("splitTitle", () => {
  it("skips leading blank lines and trims the title", () => {
    expect(splitTitle("\n\u00a0\n  My Title \r\nBody line\n\nMore")).toEqual({ title: "My Title", body: "Body line\n\nMore" });
  });

  it("returns an empty body when there is only a title", () => {
    expect(splitTitle("Only title")).toEqual({ title: "Only title", body: "" });
  });

  it("rejects text without any non-blank line", () => {
    expect(() => splitTitle(" \n\u00a0\n")).toThrow(ContentError);
  });
});
