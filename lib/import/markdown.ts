import markdownit, { type StateCore, type Token } from "markdown-it";
import { MarkdownParser } from "prosemirror-markdown";
import type { Node } from "prosemirror-model";
import { isSafeHref, schema } from "@/lib/editor/schema";
import { dropBlankBlocks, isBlankText } from "@/lib/import/blank-content";
import { ContentError } from "@/lib/import/content-error";

// Syntax the schema cannot hold is switched off at the tokenizer, so it stays
// literal text instead of reaching MarkdownParser as an unsupported token.
const DISABLED_RULES: string[] = ["code", "fence", "hr", "html_block", "html_inline", "backticks", "image", "table", "strikethrough"];

function stripUnsafeLinks(children: Token[]): Token[] {
  const kept: Token[] = [];
  const dropped: boolean[] = [];
  for (const token of children) {
    if (token.type === "link_open") {
      const drop = !isSafeHref(String(token.attrGet("href") ?? ""));
      dropped.push(drop);
      if (drop) continue;
    } else if (token.type === "link_close") {
      if (dropped.pop()) continue;
    }
    kept.push(token);
  }
  return kept;
}

function createTokenizer(): ReturnType<typeof markdownit> {
  const md = markdownit("commonmark", { html: false }).disable(DISABLED_RULES);
  // markdown-it would leave "[x](javascript:…)" as raw bracket syntax; accepting
  // every link here and filtering below keeps just the words "x".
  md.validateLink = () => true;
  md.core.ruler.push("newsmark_unsafe_links", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) token.children = stripUnsafeLinks(token.children);
    }
    return true;
  });
  return md;
}

const parser = new MarkdownParser(schema, createTokenizer(), {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: { block: "bullet_list" },
  ordered_list: {
    block: "ordered_list",
    getAttrs: (token) => {
      const start = Number.parseInt(token.attrGet("start") ?? "", 10);
      return { order: Number.isNaN(start) ? 1 : start };
    },
  },
  heading: { block: "heading", getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
  hardbreak: { node: "hard_break" },
  em: { mark: "em" },
  strong: { mark: "strong" },
  link: {
    mark: "link",
    getAttrs: (token) => ({ href: (token.attrGet("href") ?? "").trim(), title: token.attrGet("title") || null }),
  },
});

/** Parses CommonMark (without code, rules, images or HTML) into an article document. */
export function parseMarkdown(md: string): Node {
  if (isBlankText(md)) throw new ContentError("Markdown content contains no text");
  // markdown-it only treats space and tab as blank, so an NBSP-only line would
  // otherwise glue two paragraphs together or become a paragraph of its own.
  const normalized = md
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => (isBlankText(line) ? "" : line))
    .join("\n");
  const doc = dropBlankBlocks(parser.parse(normalized));
  if (!doc) throw new ContentError("Markdown content contains no text");
  return doc;
}
