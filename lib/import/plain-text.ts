import type { Node } from "prosemirror-model";
import { schema } from "@/lib/editor/schema";
import { isBlankText, trimBlank } from "@/lib/import/blank-content";
import { ContentError } from "@/lib/import/content-error";

const MAX_HEADING_WORDS = 12;

// Sentence punctuation, optionally followed by a closing quote, marks running
// prose; "?" alone does not, because news subheads are often questions.
const PROSE_ENDING = /(?:[.,;:…]|[.?!,;:…]["'”’»])$/u;

function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

function isHeadingBlock(lines: readonly string[], blockCount: number): boolean {
  const [line, ...more] = lines;
  if (line === undefined || more.length > 0 || blockCount < 2) return false;
  const words = line.split(/\s+/u).filter((word) => word !== "");
  return words.length <= MAX_HEADING_WORDS && !PROSE_ENDING.test(line);
}

function inlineContent(lines: readonly string[]): Node[] {
  const nodes: Node[] = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push(schema.nodes.hard_break.create());
    nodes.push(schema.text(line));
  });
  return nodes;
}

/** Parses plain text: blank-line separated blocks, single newlines as hard breaks, short lone lines as headings. */
export function parsePlainText(text: string): Node {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of toLines(text)) {
    const line = trimBlank(raw);
    if (line === "") {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  if (blocks.length === 0) throw new ContentError("Text content contains no text");

  const nodes = blocks.map((lines) =>
    isHeadingBlock(lines, blocks.length)
      ? schema.nodes.heading.create({ level: 2 }, inlineContent(lines))
      : schema.nodes.paragraph.create(null, inlineContent(lines)),
  );
  return schema.nodes.doc.create(null, nodes);
}

/** Splits off the first non-blank line as a title; the body is everything after that line. */
export function splitTitle(text: string): { title: string; body: string } {
  const lines = toLines(text);
  const index = lines.findIndex((line) => !isBlankText(line));
  const titleLine = lines[index];
  if (titleLine === undefined) throw new ContentError("Text content contains no title");
  return { title: trimBlank(titleLine), body: lines.slice(index + 1).join("\n") };
}
