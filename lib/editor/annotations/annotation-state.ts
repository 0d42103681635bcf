import type { Node } from "prosemirror-model";
import { DecorationSet } from "prosemirror-view";
import { annotationDecoration } from "./annotation-decorations";
import { emptyAnnotationHistory, type AnnotationHistory } from "./annotation-history";
import { isDrawableRange } from "./annotation-range";
import type { EditorAnnotation } from "./types";

/** The annotation plugin's state. Never mutated: every change yields a new object. */
export interface AnnotationState {
  /** The annotations drawn in the document, by id, with their current ranges. */
  readonly annotations: ReadonlyMap<string, EditorAnnotation>;
  /** One inline decoration per annotation, kept in step with `annotations`. */
  readonly decorations: DecorationSet;
  /** The annotation highlighted as selected, if any. */
  readonly selectedId: string | null;
  /** Ids whose text was deleted (or that could not be drawn) since the last replaceAll, for the app to orphan. */
  readonly collapsed: ReadonlySet<string>;
  /** Undo and redo stacks for annotation changes. */
  readonly history: AnnotationHistory;
}

/** A fresh state drawing the given annotations; ids that cannot be drawn count as collapsed. */
export function createAnnotationState(
  doc: Node,
  list: readonly EditorAnnotation[],
  selectedId: string | null = null,
): AnnotationState {
  const annotations = new Map<string, EditorAnnotation>();
  const collapsed = new Set<string>();
  for (const annotation of list) {
    // Later duplicates win, as they would in any keyed refetch.
    if (isDrawableRange(annotation.from, annotation.to, doc)) {
      annotations.set(annotation.id, copyAnnotation(annotation));
      collapsed.delete(annotation.id);
    } else {
      annotations.delete(annotation.id);
      collapsed.add(annotation.id);
    }
  }
  const selected = selectedId !== null && annotations.has(selectedId) ? selectedId : null;
  const decorations = DecorationSet.create(
    doc,
    [...annotations.values()].map((annotation) => annotationDecoration(annotation, annotation.id === selected)),
  );
  return { annotations, decorations, selectedId: selected, collapsed, history: emptyAnnotationHistory };
}

/** Keeps only the fields the plugin owns, so app-side objects are never held on to. */
export function copyAnnotation(annotation: EditorAnnotation): EditorAnnotation {
  const { id, kind, from, to, status } = annotation;
  return { id, kind, from, to, status };
}
