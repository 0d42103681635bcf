import type { Node } from "prosemirror-model";
import type { Mappable } from "prosemirror-transform";
import type { AnnotationAction } from "./annotation-action";
import { isDrawableRange, mapAnnotation } from "./annotation-range";

/** How many annotation changes can be undone, as in prosemirror-history. */
export const ANNOTATION_HISTORY_DEPTH = 100;

/** An undoable change to one annotation: the action that made it and the one that reverts it. */
export interface AnnotationHistoryEntry {
  readonly id: string;
  readonly forward: AnnotationAction;
  readonly inverse: AnnotationAction;
}

/** Undo and redo stacks of annotation changes; the last entry is the next to replay. */
export interface AnnotationHistory {
  readonly undo: readonly AnnotationHistoryEntry[];
  readonly redo: readonly AnnotationHistoryEntry[];
}

/** A history with nothing to undo or redo. */
export const emptyAnnotationHistory: AnnotationHistory = { undo: [], redo: [] };

/** Records a new local change; like any editor, a new change discards what could be redone. */
export function recordAnnotationChange(history: AnnotationHistory, entry: AnnotationHistoryEntry): AnnotationHistory {
  const undo = [...history.undo, entry];
  return { undo: undo.length > ANNOTATION_HISTORY_DEPTH ? undo.slice(-ANNOTATION_HISTORY_DEPTH) : undo, redo: [] };
}

// Each entry touches a single id, so the entries left behind stay valid; keeping the
// dropped ones would replay changes on an annotation deleted by an edit or changed by
// someone else.
/** Drops every history entry about the given annotations. */
export function forgetAnnotations(history: AnnotationHistory, ids: ReadonlySet<string>): AnnotationHistory {
  if (ids.size === 0) return history;
  const keep = (entry: AnnotationHistoryEntry) => !ids.has(entry.id);
  const undo = history.undo.filter(keep);
  const redo = history.redo.filter(keep);
  if (undo.length === history.undo.length && redo.length === history.redo.length) return history;
  return { undo, redo };
}

// An add whose range no longer covers text could only fail when replayed.
/** Maps the ranges stored in history through a document change, forgetting annotations whose text is gone. */
export function mapAnnotationHistory(history: AnnotationHistory, mapping: Mappable, doc: Node): AnnotationHistory {
  if (history.undo.length === 0 && history.redo.length === 0) return history;
  const lost = new Set<string>();
  const mapAction = (action: AnnotationAction): AnnotationAction => {
    if (action.type !== "add") return action;
    const annotation = mapAnnotation(action.annotation, mapping);
    if (annotation === null || !isDrawableRange(annotation.from, annotation.to, doc)) {
      lost.add(action.annotation.id);
      return action;
    }
    return annotation === action.annotation ? action : { type: "add", annotation };
  };
  const mapEntry = (entry: AnnotationHistoryEntry): AnnotationHistoryEntry => {
    const forward = mapAction(entry.forward);
    const inverse = mapAction(entry.inverse);
    return forward === entry.forward && inverse === entry.inverse ? entry : { ...entry, forward, inverse };
  };
  const mapped = { undo: history.undo.map(mapEntry), redo: history.redo.map(mapEntry) };
  return forgetAnnotations(mapped, lost);
}
