import type { Node } from "prosemirror-model";

/** The plain text of a document: textblocks joined by "\n\n", hard breaks as "\n". */
export function docText(doc: Node): string {
  // The separator is emitted per textblock, not per block, so wrappers such as
  // blockquote or list_item never double it; hard_break supplies "\n" via leafText.
  return doc.textBetween(0, doc.content.size, "\n\n");
}
