import type { Node } from "prosemirror-model";
import type { Mappable } from "prosemirror-transform";
import type { EditorAnnotation } from "./types";

// A range holding only block boundaries would draw nothing, so it counts as empty.
/** Whether [from, to) lies inside the document and covers some inline content. */
export function isDrawableRange(from: number, to: number, doc: Node): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from >= to || to > doc.content.size) return false;
  let inline = false;
  doc.nodesBetween(from, to, (node) => {
    if (node.isInline) inline = true;
    return !inline;
  });
  return inline;
}

// Text typed at either edge stays outside (from maps forward, to backward), exactly
// as non-inclusive inline decorations map, so annotation and decoration never drift.
/** Maps an annotation through a document change; null when its range became empty. */
export function mapAnnotation(annotation: EditorAnnotation, mapping: Mappable): EditorAnnotation | null {
  const from = mapping.map(annotation.from, 1);
  const to = mapping.map(annotation.to, -1);
  if (from >= to) return null;
  if (from === annotation.from && to === annotation.to) return annotation;
  return { ...annotation, from, to };
}
