import type { Node } from "prosemirror-model";
import type { Mappable } from "prosemirror-transform";
import type { EditorAnnotation } from "./types";

/**
 * Whether [from, to) is a range of whole positions inside the document that covers
 * some inline content. A range holding only block boundaries would draw nothing, so
 * it is treated like an empty one.
 */
export function isDrawableRange(from: number, to: number, doc: Node): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from >= to || to > doc.content.size) return false;
  let inline = false;
  doc.nodesBetween(from, to, (node) => {
    if (node.isInline) inline = true;
    return !inline;
  });
  return inline;
}

/**
 * Maps an annotation through a document change; null when its range became empty.
 * Text typed at either edge stays outside, matching how non-inclusive inline
 * decorations map, so the annotation and its decoration never drift apart.
 */
export function mapAnnotation(annotation: EditorAnnotation, mapping: Mappable): EditorAnnotation | null {
  const from = mapping.map(annotation.from, 1);
  const to = mapping.map(annotation.to, -1);
  if (from >= to) return null;
  if (from === annotation.from && to === annotation.to) return annotation;
  return { ...annotation, from, to };
}
