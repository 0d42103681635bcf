import type { Node } from "prosemirror-model";
import { Decoration, DecorationSet, type DecorationAttrs } from "prosemirror-view";
import type { EditorAnnotation } from "./types";

const KIND_LABELS = { claim: "Claim", hedge: "Hedge", attribution: "Attribution" } as const;

/** The spec every annotation decoration carries, so it can be found again by id. */
export interface AnnotationDecorationSpec {
  readonly id: string;
}

/** The DOM attributes of an annotation's highlight span. */
export function annotationAttrs(annotation: EditorAnnotation, selected: boolean): DecorationAttrs {
  return {
    // An explicit nodeName gives each annotation its own span; without it ProseMirror
    // merges overlapping decorations into one element and the data attributes collide.
    nodeName: "span",
    class: `annotation annotation-${annotation.kind}${selected ? " is-selected" : ""}`,
    "data-annotation-id": annotation.id,
    "data-kind": annotation.kind,
    "data-status": annotation.status,
    // Colour is never the only cue: the hover text names the kind and status too.
    title: `${KIND_LABELS[annotation.kind]} · ${annotation.status}`,
  };
}

/** The inline decoration that draws one annotation. */
export function annotationDecoration(annotation: EditorAnnotation, selected: boolean): Decoration {
  const spec: AnnotationDecorationSpec = { id: annotation.id };
  return Decoration.inline(annotation.from, annotation.to, annotationAttrs(annotation, selected), spec);
}

/** Removes an annotation's decoration, looking only where the annotation currently sits. */
export function withoutAnnotationDecoration(set: DecorationSet, doc: Node, annotation: EditorAnnotation): DecorationSet {
  const isIt = (spec: AnnotationDecorationSpec) => spec.id === annotation.id;
  // find() walks only the part of the tree touching the range, which keeps this
  // cheap with thousands of decorations; remove() then matches by position and attrs.
  const found = set.find(annotation.from, annotation.to, isIt);
  if (found.length === 0) return set;
  const removed = set.remove(found);
  if (removed.find(annotation.from, annotation.to, isIt).length === 0) return removed;
  // remove() only searches the node a decoration would be filed under if added now.
  // One that spanned several blocks and was mapped into a single block is still filed
  // higher up, out of its reach; rebuilding files every decoration where it belongs.
  return DecorationSet.create(
    doc,
    set.find().filter((decoration) => !isIt(decoration.spec as AnnotationDecorationSpec)),
  );
}

/** Replaces an annotation's decoration with a freshly drawn one. */
export function redrawAnnotationDecoration(
  set: DecorationSet,
  doc: Node,
  previous: EditorAnnotation,
  next: EditorAnnotation,
  selected: boolean,
): DecorationSet {
  return withoutAnnotationDecoration(set, doc, previous).add(doc, [annotationDecoration(next, selected)]);
}
