import type { Node } from "prosemirror-model";
import { TextIndex } from "../anchoring/text-index";

// Documents are immutable, so an index stays valid for as long as its document lives. One tag
// anchors its selection twice (to trim it, then to quote it for the server), and building the
// index walks the whole article: about a third of a millisecond each time for 10,000 words.
const indexes = new WeakMap<Node, TextIndex>();

/** The text index of a document, built on first use and shared until the document is collected. */
export function textIndexOf(doc: Node): TextIndex {
  let index = indexes.get(doc);
  if (index === undefined) {
    index = new TextIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}
