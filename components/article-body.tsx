import { Fragment, type ReactNode } from "react";
import { isSafeHref } from "@/lib/editor/schema";

type JsonMark = { type?: unknown; attrs?: Record<string, unknown> | null };
type JsonNode = {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown> | null;
  content?: unknown;
  marks?: unknown;
};

const LINK_REL = "noopener noreferrer nofollow";

function asNode(value: unknown): JsonNode | null {
  return typeof value === "object" && value !== null ? (value as JsonNode) : null;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function headingTag(level: unknown): "h1" | "h2" | "h3" | "h4" | "h5" | "h6" {
  const n = typeof level === "number" && Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
  return `h${n}` as "h1" | "h2" | "h3" | "h4" | "h5" | "h6";
}

function applyMark(mark: JsonMark, inner: ReactNode): ReactNode {
  switch (mark.type) {
    case "em":
      return <em>{inner}</em>;
    case "strong":
      return <strong>{inner}</strong>;
    case "link": {
      const href = mark.attrs?.href;
      // Stored documents were validated, but rendering must not trust that alone.
      if (typeof href !== "string" || !isSafeHref(href)) return inner;
      const title = typeof mark.attrs?.title === "string" ? mark.attrs.title : undefined;
      return (
        <a href={href.trim()} title={title} rel={LINK_REL}>
          {inner}
        </a>
      );
    }
    default:
      return inner;
  }
}

function renderText(node: JsonNode): ReactNode {
  if (typeof node.text !== "string") return null;
  // Innermost mark first so the outermost JSON mark wraps the rest, as in the editor.
  return listOf(node.marks)
    .map(asNode)
    .filter((mark): mark is JsonMark => mark !== null)
    .reduceRight<ReactNode>((inner, mark) => applyMark(mark, inner), node.text);
}

function renderChildren(node: JsonNode): ReactNode[] {
  return listOf(node.content).map((child, index) => <Fragment key={index}>{renderNode(child)}</Fragment>);
}

function renderNode(value: unknown): ReactNode {
  const node = asNode(value);
  if (!node) return null;
  switch (node.type) {
    case "text":
      return renderText(node);
    case "hard_break":
      return <br />;
    case "paragraph":
      return <p>{renderChildren(node)}</p>;
    case "heading": {
      const Tag = headingTag(node.attrs?.level);
      return <Tag>{renderChildren(node)}</Tag>;
    }
    case "blockquote":
      return <blockquote>{renderChildren(node)}</blockquote>;
    case "bullet_list":
      return <ul>{renderChildren(node)}</ul>;
    case "ordered_list": {
      const order = node.attrs?.order;
      const start = typeof order === "number" && Number.isInteger(order) && order !== 1 ? order : undefined;
      return <ol start={start}>{renderChildren(node)}</ol>;
    }
    case "list_item":
      return <li>{renderChildren(node)}</li>;
    case "doc":
      return renderChildren(node);
    default:
      // Unknown nodes render nothing rather than guessing at their meaning.
      return null;
  }
}

/** Renders a stored ProseMirror article document as semantic HTML, without raw HTML injection. */
export function ArticleBody({ doc }: { doc: unknown }): ReactNode {
  return <div className="article-body">{renderNode(doc)}</div>;
}
