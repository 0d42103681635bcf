import { Schema, type DOMOutputSpec } from "prosemirror-model";

/** Whether a link target is one we are willing to store and render (http, https, mailto). */
export function isSafeHref(href: string): boolean {
  let url: URL;
  try {
    // WHATWG parsing mirrors what a browser does with the attribute, so tricks
    // like "java\tscript:" or upper-case schemes are judged the way they would run.
    url = new URL(href.trim());
  } catch {
    return false;
  }
  return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:";
}

function validateHeadingLevel(value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 6) {
    throw new RangeError(`Heading level must be an integer from 1 to 6, got ${JSON.stringify(value)}`);
  }
}

function validateOrder(value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new RangeError(`List order must be an integer, got ${JSON.stringify(value)}`);
  }
}

function validateHref(value: unknown): void {
  // Guards documents arriving as JSON, which never pass through parseDOM.
  if (typeof value !== "string" || !isSafeHref(value)) {
    throw new RangeError(`Link href must be an http, https or mailto URL, got ${JSON.stringify(value)}`);
  }
}

function parseOrder(dom: HTMLElement): number {
  const start = Number.parseInt(dom.getAttribute("start") ?? "", 10);
  return Number.isNaN(start) ? 1 : start;
}

const headingLevels = [1, 2, 3, 4, 5, 6] as const;

type ArticleNodeName =
  | "doc"
  | "paragraph"
  | "heading"
  | "blockquote"
  | "bullet_list"
  | "ordered_list"
  | "list_item"
  | "text"
  | "hard_break";
type ArticleMarkName = "em" | "strong" | "link";

/** The Newsmark article schema: the only structure that survives any import. */
export const schema: Schema<ArticleNodeName, ArticleMarkName> = new Schema<ArticleNodeName, ArticleMarkName>({
  nodes: {
    doc: { content: "block+" },
    paragraph: {
      content: "inline*",
      group: "block",
      parseDOM: [{ tag: "p" }],
      toDOM(): DOMOutputSpec {
        return ["p", 0];
      },
    },
    heading: {
      attrs: { level: { default: 1, validate: validateHeadingLevel } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: headingLevels.map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM(node): DOMOutputSpec {
        return [`h${node.attrs.level as number}`, 0];
      },
    },
    blockquote: {
      content: "block+",
      group: "block",
      defining: true,
      parseDOM: [{ tag: "blockquote" }],
      toDOM(): DOMOutputSpec {
        return ["blockquote", 0];
      },
    },
    bullet_list: {
      content: "list_item+",
      group: "block",
      parseDOM: [{ tag: "ul" }],
      toDOM(): DOMOutputSpec {
        return ["ul", 0];
      },
    },
    ordered_list: {
      attrs: { order: { default: 1, validate: validateOrder } },
      content: "list_item+",
      group: "block",
      parseDOM: [{ tag: "ol", getAttrs: (dom) => ({ order: parseOrder(dom) }) }],
      toDOM(node): DOMOutputSpec {
        const order = node.attrs.order as number;
        return order === 1 ? ["ol", 0] : ["ol", { start: String(order) }, 0];
      },
    },
    list_item: {
      content: "paragraph block*",
      defining: true,
      parseDOM: [{ tag: "li" }],
      toDOM(): DOMOutputSpec {
        return ["li", 0];
      },
    },
    text: { group: "inline" },
    hard_break: {
      inline: true,
      group: "inline",
      selectable: false,
      // Keeps docText() and anchoring offsets in step with the visible line break.
      leafText: () => "\n",
      parseDOM: [{ tag: "br" }],
      toDOM(): DOMOutputSpec {
        return ["br"];
      },
    },
  },
  marks: {
    em: {
      parseDOM: [
        { tag: "i" },
        { tag: "em" },
        { style: "font-style=italic" },
        { style: "font-style=normal", clearMark: (m) => m.type.name === "em" },
      ],
      toDOM(): DOMOutputSpec {
        return ["em", 0];
      },
    },
    strong: {
      parseDOM: [
        { tag: "strong" },
        // Google Docs wraps everything in <b style="font-weight:normal">.
        { tag: "b", getAttrs: (dom) => dom.style.fontWeight !== "normal" && null },
        { style: "font-weight=400", clearMark: (m) => m.type.name === "strong" },
        { style: "font-weight", getAttrs: (value) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
      ],
      toDOM(): DOMOutputSpec {
        return ["strong", 0];
      },
    },
    link: {
      attrs: {
        href: { validate: validateHref },
        title: { default: null, validate: "string|null" },
      },
      inclusive: false,
      parseDOM: [
        {
          tag: "a[href]",
          getAttrs(dom) {
            const href = dom.getAttribute("href") ?? "";
            // Returning false skips the rule, so the text survives without the link.
            if (!isSafeHref(href)) return false;
            return { href: href.trim(), title: dom.getAttribute("title") };
          },
        },
      ],
      toDOM(mark): DOMOutputSpec {
        const { href, title } = mark.attrs as { href: string; title: string | null };
        return ["a", title === null ? { href } : { href, title }, 0];
      },
    },
  },
});
