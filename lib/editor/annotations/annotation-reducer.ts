import type { Node } from "prosemirror-model";
import type { AnnotationAction, AnnotationOrigin } from "./annotation-action";
import { annotationDecoration, redrawAnnotationDecoration, withoutAnnotationDecoration } from "./annotation-decorations";
import {
  forgetAnnotations,
  recordAnnotationChange,
  type AnnotationHistory,
  type AnnotationHistoryEntry,
} from "./annotation-history";
import { canAdd, canSelect, changesSomething } from "./annotation-applies";
import { copyAnnotation, createAnnotationState, type AnnotationState } from "./annotation-state";
import type { AnnotationLink, AnnotationPatch, EditorAnnotation } from "./types";

/** The result of applying one action, before history is updated. */
interface Applied {
  readonly state: AnnotationState;
  readonly entry: AnnotationHistoryEntry | null;
}

// Pure. Only the touched annotations' decorations are redrawn, except on replaceAll.
// With origin "undo" or "redo" the action must be the top entry's inverse or forward
// action (as undoAnnotation/redoAnnotation build it); that entry moves to the other stack.
/** Applies an action whose positions refer to `doc`; returns the same state when it does not apply. */
export function annotationReducer(
  state: AnnotationState,
  action: AnnotationAction,
  doc: Node,
  origin: AnnotationOrigin = "local",
): AnnotationState {
  if (origin === "undo" || origin === "redo") return replay(state, action, doc, origin);
  const applied = applyAction(state, action, doc);
  if (applied === null) return state;
  const { entry } = applied;
  if (entry === null) return applied.state;
  const history =
    origin === "local"
      ? recordAnnotationChange(state.history, entry)
      : forgetAnnotations(state.history, new Set([entry.id]));
  return history === applied.state.history ? applied.state : { ...applied.state, history };
}

function replay(state: AnnotationState, action: AnnotationAction, doc: Node, origin: "undo" | "redo"): AnnotationState {
  const from = origin === "undo" ? state.history.undo : state.history.redo;
  const entry = from.at(-1);
  if (entry === undefined) return state;
  const rest = from.slice(0, -1);
  const applied = applyAction(state, action, doc);
  // Every change to an annotation is either recorded or forgets its entries, so the
  // entry should always apply; if one ever does not, drop it rather than wedge the stack.
  const to = origin === "undo" ? state.history.redo : state.history.undo;
  const moved = applied === null ? to : [...to, entry];
  const history: AnnotationHistory = origin === "undo" ? { undo: rest, redo: moved } : { undo: moved, redo: rest };
  return { ...(applied?.state ?? state), history };
}

function applyAction(state: AnnotationState, action: AnnotationAction, doc: Node): Applied | null {
  switch (action.type) {
    case "add":
      return add(state, action.annotation, doc);
    case "remove":
      return remove(state, action.id, doc);
    case "update":
      return update(state, action.id, action.patch, doc);
    case "select":
      return select(state, action.id, doc);
    case "restore":
      return restore(state, action.annotations, doc);
    case "replaceAll":
      // A refetch is the server's word: old undo entries may name ids that are gone.
      return { state: createAnnotationState(doc, action.annotations, state.selectedId), entry: null };
    case "link":
    case "unlink":
      return linkChange(state, action.type, action.id, action.link);
  }
}

// The links themselves live with the app (the sidebar's details), which knows which exist; the
// plugin keeps only the undo entry, for an annotation it draws.
function linkChange(state: AnnotationState, type: "link" | "unlink", id: string, link: AnnotationLink): Applied | null {
  if (!state.annotations.has(id)) return null;
  const inverse = type === "link" ? "unlink" : "link";
  return { state, entry: { id, forward: { type, id, link }, inverse: { type: inverse, id, link } } };
}

function add(state: AnnotationState, input: EditorAnnotation, doc: Node): Applied | null {
  if (!canAdd(state, input, doc)) return null;
  const annotation = copyAnnotation(input);
  const annotations = new Map(state.annotations).set(annotation.id, annotation);
  const decorations = state.decorations.add(doc, [annotationDecoration(annotation, false)]);
  let collapsed = state.collapsed;
  if (collapsed.has(annotation.id)) {
    const next = new Set(collapsed);
    next.delete(annotation.id);
    collapsed = next;
  }
  return {
    state: { ...state, annotations, decorations, collapsed },
    entry: { id: annotation.id, forward: { type: "add", annotation }, inverse: { type: "remove", id: annotation.id } },
  };
}

function restore(state: AnnotationState, list: readonly EditorAnnotation[], doc: Node): Applied | null {
  let next = state;
  for (const annotation of list) next = add(next, annotation, doc)?.state ?? next;
  return next === state ? null : { state: next, entry: null };
}

function remove(state: AnnotationState, id: string, doc: Node): Applied | null {
  const annotation = state.annotations.get(id);
  if (annotation === undefined) return null;
  const annotations = new Map(state.annotations);
  annotations.delete(id);
  return {
    state: {
      ...state,
      annotations,
      decorations: withoutAnnotationDecoration(state.decorations, doc, annotation),
      selectedId: state.selectedId === id ? null : state.selectedId,
    },
    entry: { id, forward: { type: "remove", id }, inverse: { type: "add", annotation } },
  };
}

function update(state: AnnotationState, id: string, patch: AnnotationPatch, doc: Node): Applied | null {
  const annotation = state.annotations.get(id);
  if (annotation === undefined || !changesSomething(state, id, patch)) return null;
  // Only fields that really change go into history, so undo restores exactly those.
  const changed: { kind?: EditorAnnotation["kind"]; status?: EditorAnnotation["status"] } = {};
  const previous: { kind?: EditorAnnotation["kind"]; status?: EditorAnnotation["status"] } = {};
  if (patch.kind !== undefined && patch.kind !== annotation.kind) {
    changed.kind = patch.kind;
    previous.kind = annotation.kind;
  }
  if (patch.status !== undefined && patch.status !== annotation.status) {
    changed.status = patch.status;
    previous.status = annotation.status;
  }
  const next: EditorAnnotation = { ...annotation, ...changed };
  return {
    state: {
      ...state,
      annotations: new Map(state.annotations).set(id, next),
      decorations: redrawAnnotationDecoration(state.decorations, doc, annotation, next, state.selectedId === id),
    },
    entry: { id, forward: { type: "update", id, patch: changed }, inverse: { type: "update", id, patch: previous } },
  };
}

function select(state: AnnotationState, id: string | null, doc: Node): Applied | null {
  if (!canSelect(state, id)) return null;
  let decorations = state.decorations;
  const previous = state.selectedId === null ? undefined : state.annotations.get(state.selectedId);
  if (previous !== undefined) decorations = redrawAnnotationDecoration(decorations, doc, previous, previous, false);
  const next = id === null ? undefined : state.annotations.get(id);
  if (next !== undefined) decorations = redrawAnnotationDecoration(decorations, doc, next, next, true);
  return { state: { ...state, decorations, selectedId: id }, entry: null };
}
