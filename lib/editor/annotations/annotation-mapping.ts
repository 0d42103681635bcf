import type { Node } from "prosemirror-model";
import type { Mapping } from "prosemirror-transform";
import { withoutAnnotationDecoration } from "./annotation-decorations";
import { forgetAnnotations, mapAnnotationHistory } from "./annotation-history";
import { isDrawableRange, mapAnnotation } from "./annotation-range";
import type { AnnotationState } from "./annotation-state";
import type { EditorAnnotation } from "./types";

// Untouched annotations keep their identity so the app can diff states cheaply.
/** Maps annotations, decorations and undo entries through a document change; deleted ones move to `collapsed`. */
export function mapAnnotationState(state: AnnotationState, mapping: Mapping, doc: Node): AnnotationState {
  // DecorationSet.map only rebuilds the parts of the tree the change touched, and
  // drops inline decorations that become empty, exactly when mapAnnotation returns null.
  let decorations = state.decorations.map(mapping, doc);
  const changed = changedRanges(mapping);
  const annotations = new Map<string, EditorAnnotation>();
  const lost = new Set<string>();
  let moved = false;
  for (const [id, annotation] of state.annotations) {
    const mapped = mapAnnotation(annotation, mapping);
    if (mapped === null) {
      lost.add(id);
    } else if (touches(changed, mapped) && !isDrawableRange(mapped.from, mapped.to, doc)) {
      // Only block boundaries are left (say, the text on both sides of a paragraph
      // break was deleted): the decoration survives mapping but would draw nothing.
      decorations = withoutAnnotationDecoration(decorations, doc, mapped);
      lost.add(id);
    } else {
      annotations.set(id, mapped);
    }
    if (mapped !== annotation) moved = true;
  }
  const history = mapAnnotationHistory(state.history, mapping, doc);
  if (lost.size === 0) {
    return { ...state, annotations: moved ? annotations : state.annotations, decorations, history };
  }
  const collapsed = new Set(state.collapsed);
  for (const id of lost) collapsed.add(id);
  return {
    ...state,
    annotations,
    decorations,
    selectedId: state.selectedId !== null && lost.has(state.selectedId) ? null : state.selectedId,
    collapsed,
    history: forgetAnnotations(history, lost),
  };
}

// The ranges of the new document that a change rewrote. Anything outside them is old
// content moved as a whole, so only annotations touching them can have lost their text.
function changedRanges(mapping: Mapping): [number, number][] {
  const ranges: [number, number][] = [];
  mapping.maps.forEach((map, index) => {
    const later = mapping.slice(index + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      ranges.push([later.map(newStart, -1), later.map(newEnd, 1)]);
    });
  });
  return ranges;
}

function touches(ranges: readonly [number, number][], annotation: EditorAnnotation): boolean {
  return ranges.some(([from, to]) => from <= annotation.to && to >= annotation.from);
}
