import { Fragment, type Node } from "prosemirror-model";
import { schema } from "@/lib/editor/schema";

// JS \s already covers tabs, NBSP (U+00A0), U+2007, U+202F and BOM; zero-width
// characters are invisible too, so a line of them reads as blank to a person.
const INVISIBLE = "\\s\\u180e\\u200b-\\u200d\\u2060";
const BLANK = new RegExp(`^[${INVISIBLE}]*$`, "u");
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, "gu");

/** Whether text has nothing visible in it (whitespace, NBSP-like spaces, zero-width characters). */
export function isBlankText(text: string): boolean {
  return BLANK.test(text);
}

/** Strips whitespace, including NBSP-like and zero-width characters, from both ends. */
export function trimBlank(text: string): string {
  return text.replace(EDGES, "");
}

/** Removes textblocks with no visible text (and containers left empty); null when nothing remains. */
export function dropBlankBlocks(doc: Node): Node | null {
  return clean(doc);
}

function clean(node: Node): Node | null {
  if (node.isTextblock) return isBlankText(node.textContent) ? null : node;
  if (node.isInline || node.isLeaf) return node;
  const children: Node[] = [];
  node.forEach((child) => {
    const kept = clean(child);
    if (kept) children.push(kept);
  });
  if (children.length === 0) return null;
  if (node.type === schema.nodes.list_item) liftLeadingBlocks(children);
  const content = Fragment.fromArray(children);
  // Should a repair ever fall short, the original node is still valid, just less tidy.
  return node.type.validContent(content) ? node.copy(content) : node;
}

// A list item must open with a paragraph. When its only paragraph was blank
// (e.g. "<li><ul>…</ul></li>" or "- - item"), pull the next block's first line
// up instead of keeping an empty paragraph that would double the text separator.
function liftLeadingBlocks(children: Node[]): void {
  const { paragraph, heading, blockquote, bullet_list, ordered_list } = schema.nodes;
  for (;;) {
    const first = children[0];
    if (!first || first.type === paragraph) return;
    if (first.type === heading) {
      children[0] = paragraph.create(null, first.content, first.marks);
    } else if (first.type === blockquote) {
      children.splice(0, 1, ...nodeChildren(first));
    } else if (first.type === bullet_list || first.type === ordered_list) {
      const [item, ...rest] = nodeChildren(first);
      const lifted = item ? nodeChildren(item) : [];
      if (rest.length > 0) {
        // The remaining items keep their numbers: they now start one later.
        const attrs = first.type === ordered_list ? { order: (first.attrs.order as number) + 1 } : null;
        lifted.push(first.type.create(attrs, Fragment.fromArray(rest)));
      }
      children.splice(0, 1, ...lifted);
    } else {
      return;
    }
  }
}

function nodeChildren(node: Node): Node[] {
  const out: Node[] = [];
  node.forEach((child) => out.push(child));
  return out;
}
