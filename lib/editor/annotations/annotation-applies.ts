import type { Node } from "prosemirror-model";
import type { AnnotationAction, AnnotationOrigin } from "./annotation-action";
import { isDrawableRange } from "./annotation-range";
import type { AnnotationState } from "./annotation-state";
import type { AnnotationPatch, EditorAnnotation } from "./types";

// Commands ask this before dispatching, and the reducer asks the same questions before it builds
// anything, so the two cannot disagree. Asking here instead of running the reducer and comparing
// states saves a copy of every annotation and a decoration update on each command: a tag on an
// article with 2,000 annotations ran that work twice inside the key press.
/** Whether `action` (positions in `doc`) would change `state`: what the reducer does when it returns a new state. */
export function annotationActionApplies(state: AnnotationState, action: AnnotationAction, doc: Node, origin: AnnotationOrigin = "local"): boolean {
  if (origin === "undo") return state.history.undo.length > 0;
  if (origin === "redo") return state.history.redo.length > 0;
  switch (action.type) {
    case "add":
      return canAdd(state, action.annotation, doc);
    case "remove":
      return state.annotations.has(action.id);
    case "update":
      return changesSomething(state, action.id, action.patch);
    case "select":
      return canSelect(state, action.id);
    case "restore":
      return action.annotations.some((annotation) => canAdd(state, annotation, doc));
    case "replaceAll":
      return true;
    case "link":
    case "unlink":
      return state.annotations.has(action.id);
  }
}

/** Whether an annotation can be drawn as a new one: its id is not drawn yet and its range covers some text. */
export function canAdd(state: AnnotationState, annotation: EditorAnnotation, doc: Node): boolean {
  return !state.annotations.has(annotation.id) && isDrawableRange(annotation.from, annotation.to, doc);
}

/** Whether a patch changes the kind or status of a drawn annotation. */
export function changesSomething(state: AnnotationState, id: string, patch: AnnotationPatch): boolean {
  const annotation = state.annotations.get(id);
  if (annotation === undefined) return false;
  return (patch.kind !== undefined && patch.kind !== annotation.kind) || (patch.status !== undefined && patch.status !== annotation.status);
}

/** Whether selecting `id` (or nothing, with null) changes the selection. */
export function canSelect(state: AnnotationState, id: string | null): boolean {
  return id !== state.selectedId && (id === null || state.annotations.has(id));
}
