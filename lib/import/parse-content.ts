import type { Node } from "prosemirror-model";
import { dropBlankBlocks } from "@/lib/import/blank-content";
import { ContentError } from "@/lib/import/content-error";
import { parseHtml } from "@/lib/import/html";
import { parseMarkdown } from "@/lib/import/markdown";
import { parsePlainText } from "@/lib/import/plain-text";
import { parseProseMirrorJson } from "@/lib/import/prosemirror-json";

export type ContentFormat = "text" | "markdown" | "html" | "prosemirror";

function requireString(format: ContentFormat, content: unknown): string {
  if (typeof content !== "string") {
    throw new ContentError(`Content for format "${format}" must be a string, got ${describe(content)}`);
  }
  // PostgreSQL cannot store U+0000; it never carries meaning in an article.
  return content.replaceAll("\u0000", "");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

function parseJsonDocument(content: unknown): Node {
  if (typeof content !== "string") return parseProseMirrorJson(content);
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ContentError(`ProseMirror document is not valid JSON: ${reason}`);
  }
  return parseProseMirrorJson(json);
}

function parseByFormat(format: ContentFormat, content: unknown): Node {
  switch (format) {
    case "text":
      return parsePlainText(requireString(format, content));
    case "markdown":
      return parseMarkdown(requireString(format, content));
    case "html":
      return parseHtml(requireString(format, content));
    case "prosemirror":
      return parseJsonDocument(content);
    default:
      throw new ContentError(`Unknown content format: ${JSON.stringify(format as unknown)}`);
  }
}

/** Parses imported content of the given format into a clean article document, or throws ContentError. */
export function parseContent(format: ContentFormat, content: unknown): Node {
  // Blank blocks would put runs of empty lines into the anchoring text.
  const doc = dropBlankBlocks(parseByFormat(format, content));
  if (!doc) throw new ContentError("Content contains no text");
  try {
    doc.check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ContentError(`Imported document is invalid: ${reason}`);
  }
  return doc;
}
