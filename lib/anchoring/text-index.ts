import type { Node } from "prosemirror-model";
import { CodePointText, type Bias } from "./code-points";
import { docText } from "./doc-text";

/** docText puts "\n\n" between textblocks: two UTF-16 units and two code points. */
const BLOCK_SEPARATOR_LENGTH = 2;

/** Maps between ProseMirror positions and code point offsets in `docText(doc)`, built once in O(n). */
export class TextIndex {
  /** The document the index was built from. */
  readonly doc: Node;
  /** `docText(doc)` with code point arithmetic. */
  readonly codePoints: CodePointText;
  // One entry per textblock, in document order, empty ones included because
  // docText still separates them. Inside a textblock each position is one UTF-16
  // unit of the text (text nodes count UTF-16, a hard break is "\n" and size 1),
  // so a block needs only where its content starts in both coordinates.
  private readonly blockPos: Int32Array;
  private readonly blockUtf16: Int32Array;
  private readonly blockSize: Int32Array;

  /** Indexes `doc`; O(size of the document). */
  constructor(doc: Node) {
    this.doc = doc;
    const text = docText(doc);
    this.codePoints = new CodePointText(text);

    const pos: number[] = [];
    const utf16: number[] = [];
    const size: number[] = [];
    let next = 0;
    doc.descendants((node, at) => {
      if (!node.isTextblock) return true;
      if (pos.length > 0) next += BLOCK_SEPARATOR_LENGTH;
      pos.push(at + 1);
      utf16.push(next);
      size.push(node.content.size);
      next += node.content.size;
      // Inline content is covered by the block's size; no need to walk it.
      return false;
    });
    if (next !== text.length) {
      // Only an inline leaf whose text is not exactly one unit long could cause this;
      // the article schema has none, and silently wrong anchors would be worse.
      throw new Error("TextIndex: document positions do not line up with docText; an inline leaf must render as one character");
    }
    this.blockPos = Int32Array.from(pos);
    this.blockUtf16 = Int32Array.from(utf16);
    this.blockSize = Int32Array.from(size);
  }

  /** The plain text of the document, `docText(doc)`. */
  get text(): string {
    return this.codePoints.text;
  }

  /** The length of `text` in code points. */
  get length(): number {
    return this.codePoints.length;
  }

  /** The code point offset of `pos`; between blocks or inside a surrogate pair "start" rounds forward, "end" back. */
  offsetAt(pos: number, bias: Bias): number {
    const max = this.doc.content.size;
    if (!Number.isInteger(pos) || pos < 0 || pos > max) {
      throw new RangeError(`Position ${pos} is outside 0..${max}`);
    }
    const count = this.blockPos.length;
    // Last textblock whose content starts at or before `pos`.
    const block = lastAtOrBefore(this.blockPos, pos);
    let utf16: number;
    if (block < 0) {
      // Before the first textblock: the next text starts at 0, and there is no previous text.
      utf16 = 0;
    } else {
      const start = this.blockPos[block] as number;
      const size = this.blockSize[block] as number;
      const blockUtf16 = this.blockUtf16[block] as number;
      if (pos <= start + size) utf16 = blockUtf16 + (pos - start);
      else if (bias === "end" || block + 1 >= count) utf16 = blockUtf16 + size;
      else utf16 = this.blockUtf16[block + 1] as number;
    }
    return this.codePoints.fromUtf16(utf16, bias);
  }

  /** The position of `offset` in its textblock; inside a block separator "start" picks the next block, "end" the previous. */
  posAt(offset: number, bias: Bias): number {
    const utf16 = this.codePoints.toUtf16(offset);
    const block = lastAtOrBefore(this.blockUtf16, utf16);
    if (block < 0) {
      // Only an index without textblocks gets here; the article schema never makes one.
      return 0;
    }
    const start = this.blockUtf16[block] as number;
    const size = this.blockSize[block] as number;
    const pos = this.blockPos[block] as number;
    // The text edges of a block belong to it, so offsets there round-trip with offsetAt;
    // only the unit between the two separator newlines has no position of its own.
    if (utf16 <= start + size || bias === "end") return pos + Math.min(utf16 - start, size);
    return this.blockPos[block + 1] as number;
  }
}

/** Index of the last entry <= value in an ascending array, or -1. */
function lastAtOrBefore(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
