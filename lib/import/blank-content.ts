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

/** Removes blank textblocks and blank lines (and containers left empty); null when nothing remains. */
export function dropBlankBlocks(doc: Node): Node | null {
  return clean(doc)[0] ?? null;
}

function clean(node: Node): Node[] {
  if (node.isTextblock) return splitAtBlankLines(node);
  if (node.isInline || node.isLeaf) return [node];
  const children = nodeChildren(node).flatMap(clean);
  if (children.length === 0) return [];
  if (node.type === schema.nodes.list_item) liftLeadingBlocks(children);
  const content = Fragment.fromArray(children);
  // Should a repair ever fall short, the original node is still valid, just less tidy.
  return [node.type.validContent(content) ? node.copy(content) : node];
}

// Lines inside a textblock are the runs between hard breaks (or newlines that
// slipped into text nodes). A blank line there means a new block, exactly as in
// plain text; leading and trailing breaks are invisible. Left alone, they would
// put "\n\n\n" into the anchoring text next to the block separator.
function splitAtBlankLines(node: Node): Node[] {
  const blocks: Node[] = [];
  let block: Node[] = [];
  let line: Node[] = [];
  let pendingBreak: Node | null = null;

  const flushBlock = () => {
    if (block.length > 0) blocks.push(node.type.create(node.attrs, block, node.marks));
    block = [];
  };
  const endLine = (lineBreak: Node | null) => {
    if (isBlankText(line.map((child) => child.textContent).join(""))) {
      flushBlock();
    } else {
      if (block.length > 0 && pendingBreak) block.push(pendingBreak);
      block.push(...line);
    }
    pendingBreak = lineBreak;
    line = [];
  };

  node.forEach((child) => {
    if (child.type === schema.nodes.hard_break) {
      endLine(child);
    } else if (child.isText && /[\r\n]/.test(child.text ?? "")) {
      (child.text ?? "").split(/\r\n?|\n/).forEach((segment, index) => {
        if (index > 0) endLine(schema.nodes.hard_break.create(null, null, child.marks));
        if (segment !== "") line.push(schema.text(segment, child.marks));
      });
    } else {
      line.push(child);
    }
  });
  endLine(null);
  flushBlock();
  return blocks;
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
