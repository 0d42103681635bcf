import type { Command, EditorState } from "prosemirror-state";
import { anchorRange } from "../../anchoring/anchor-range";
import { textIndexOf } from "../text-index-cache";
import type { AnnotationAction, AnnotationOrigin } from "./annotation-action";
import { annotationKey } from "./annotation-key";
import { withAnnotationAction } from "./annotation-meta";
import { inDocumentOrder } from "./annotation-order";
import { annotationActionApplies } from "./annotation-applies";
import type { AnnotationState } from "./annotation-state";
import type { AnnotationKind, AnnotationLink, AnnotationPatch, EditorAnnotation } from "./types";

/**
 * A command that dispatches `action` when it would change something. Applicability is asked
 * of the predicates the reducer itself uses, so commands and state updates can never disagree.
 */
function actionCommand(action: AnnotationAction, origin: AnnotationOrigin = "local"): Command {
  return (state, dispatch) => {
    if (!applies(state, action, origin)) return false;
    dispatch?.(withAnnotationAction(state.tr, action, origin));
    return true;
  };
}

function applies(state: EditorState, action: AnnotationAction, origin: AnnotationOrigin): boolean {
  const current = annotationKey.getState(state);
  return current !== undefined && annotationActionApplies(current, action, state.doc, origin);
}

/** Adds an annotation; refuses an empty or out-of-document range and an id already drawn. */
export function addAnnotation(annotation: EditorAnnotation): Command {
  return actionCommand({ type: "add", annotation });
}

/**
 * Tags the current selection as an annotation of a kind, trimmed of surrounding whitespace: what
 * the tag keys and buttons run. When the selection cannot be tagged, nothing changes and
 * `onRefused` receives the reason to show.
 */
export function tagSelection(kind: AnnotationKind, newId: () => string, onRefused: (reason: string) => void): Command {
  return (state, dispatch) => {
    const { from, to } = state.selection;
    const span = anchorRange(state.doc, from, to, textIndexOf(state.doc));
    if (!span.ok) {
      onRefused(span.reason);
      return true; // Handled: the key press must not fall through to the browser.
    }
    return addAnnotation({ id: newId(), kind, from: span.from, to: span.to, status: "pending" })(state, dispatch);
  };
}

/** Removes an annotation; refuses an unknown id. */
export function removeAnnotation(id: string): Command {
  return actionCommand({ type: "remove", id });
}

/** Changes an annotation's kind or status; refuses an unknown id or a patch that changes nothing. */
export function updateAnnotation(id: string, patch: AnnotationPatch): Command {
  return actionCommand({ type: "update", id, patch });
}

/** Links an annotation to a claim, as an undoable change; refuses an annotation that is not drawn. */
export function linkAnnotation(id: string, link: AnnotationLink): Command {
  return actionCommand({ type: "link", id, link });
}

/** Removes an annotation's link to a claim, as an undoable change (undo links it again); refuses an annotation that is not drawn. */
export function unlinkAnnotation(id: string, link: AnnotationLink): Command {
  return actionCommand({ type: "unlink", id, link });
}

/** Selects an annotation, or clears the selection with null; refuses an unknown id or no change. */
export function selectAnnotation(id: string | null): Command {
  return actionCommand({ type: "select", id });
}

/** Replaces every annotation, as after loading or refetching; clears the annotation undo history. */
export function replaceAnnotations(annotations: readonly EditorAnnotation[]): Command {
  return (state, dispatch) => {
    if (annotationKey.getState(state) === undefined) return false;
    dispatch?.(withAnnotationAction(state.tr, { type: "replaceAll", annotations }));
    return true;
  };
}

/**
 * The annotation after (1) or before (-1) the selected one in document order that `include`
 * accepts, wrapping at either end; with nothing selected, forward starts at the first annotation
 * and backward at the last. Undefined when `include` accepts none.
 */
function nextAnnotation(current: AnnotationState, dir: 1 | -1, include: (a: EditorAnnotation) => boolean): EditorAnnotation | undefined {
  const ordered = inDocumentOrder(current.annotations.values());
  const index = current.selectedId === null ? -1 : ordered.findIndex((a) => a.id === current.selectedId);
  const start = index === -1 ? (dir === 1 ? 0 : ordered.length - 1) : (index + dir + ordered.length) % ordered.length;
  for (let step = 0; step < ordered.length; step++) {
    const candidate = ordered[(start + dir * step + ordered.length * ordered.length) % ordered.length]!;
    if (include(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Selects the next (1) or previous (-1) annotation in document order, wrapping at either end;
 * with `include`, the next one it accepts (say, the next unattributed claim), skipping the rest.
 */
export function selectNextAnnotation(dir: 1 | -1, include: (a: EditorAnnotation) => boolean = () => true): Command {
  return (state, dispatch) => {
    const current = annotationKey.getState(state);
    if (current === undefined || current.annotations.size === 0) return false;
    const target = nextAnnotation(current, dir, include);
    if (target === undefined) return false;
    if (target.id !== current.selectedId) {
      dispatch?.(withAnnotationAction(state.tr, { type: "select", id: target.id }));
    }
    // A lone selected annotation is still a handled key press, so focus does not jump away.
    return true;
  };
}

/** Reverts the last local annotation change; the transaction's meta says what was applied. */
export const undoAnnotation: Command = (state, dispatch) => {
  const entry = annotationKey.getState(state)?.history.undo.at(-1);
  return entry !== undefined && actionCommand(entry.inverse, "undo")(state, dispatch);
};

/** Reapplies the last undone annotation change. */
export const redoAnnotation: Command = (state, dispatch) => {
  const entry = annotationKey.getState(state)?.history.redo.at(-1);
  return entry !== undefined && actionCommand(entry.forward, "redo")(state, dispatch);
};
