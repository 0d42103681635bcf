import { isHistoryTransaction, redo, redoDepth, undo, undoDepth } from "prosemirror-history";
import { Plugin, PluginKey, type Command, type EditorState, type Transaction } from "prosemirror-state";
import { redoAnnotation, undoAnnotation } from "./annotations/annotation-commands";
import { getAnnotationMeta } from "./annotations/annotation-meta";
import { getAnnotationState } from "./annotations/annotation-plugin";

/** Which history holds a change: prosemirror-history (text) or the annotation plugin's own. */
type ChangeKind = "text" | "annotation";

/** The order of undoable changes across both histories, most recent last. */
interface UndoOrder {
  readonly undo: readonly ChangeKind[];
  readonly redo: readonly ChangeKind[];
}

const undoOrderKey = new PluginKey<UndoOrder>("newsmark-undo-order");

const depths = (state: EditorState) => {
  const { history } = getAnnotationState(state);
  return { text: undoDepth(state), textRedo: redoDepth(state), annotation: history.undo.length, annotationRedo: history.redo.length };
};

/** Moves the most recent `kind` from one stack to the other. */
function moveLast(from: readonly ChangeKind[], to: readonly ChangeKind[], kind: ChangeKind): [ChangeKind[], ChangeKind[]] {
  const at = from.lastIndexOf(kind);
  if (at === -1) return [[...from], [...to]];
  return [[...from.slice(0, at), ...from.slice(at + 1)], [...to, kind]];
}

// Either history may drop entries on its own (depth limits, annotations whose text was deleted):
// the oldest markers of that kind go, so the order never promises more than the histories hold.
function trim(stack: ChangeKind[], kind: ChangeKind, max: number): ChangeKind[] {
  let extra = stack.filter((k) => k === kind).length - max;
  if (extra <= 0) return stack;
  return stack.filter((k) => k !== kind || extra-- <= 0);
}

function apply(tr: Transaction, order: UndoOrder, before: EditorState, after: EditorState): UndoOrder {
  const was = depths(before);
  const now = depths(after);
  if (was.text === now.text && was.textRedo === now.textRedo && was.annotation === now.annotation && was.annotationRedo === now.annotationRedo) {
    return order;
  }
  let undoStack = [...order.undo];
  let redoStack = [...order.redo];
  if (isHistoryTransaction(tr)) {
    if (now.text < was.text) [undoStack, redoStack] = moveLast(undoStack, redoStack, "text");
    else if (now.textRedo < was.textRedo) [redoStack, undoStack] = moveLast(redoStack, undoStack, "text");
  } else if (now.text > was.text) {
    undoStack.push("text");
  }
  const origin = getAnnotationMeta(tr)?.origin;
  if (origin === "undo") [undoStack, redoStack] = moveLast(undoStack, redoStack, "annotation");
  else if (origin === "redo") [redoStack, undoStack] = moveLast(redoStack, undoStack, "annotation");
  else if (origin === "local" && now.annotation > was.annotation) undoStack.push("annotation");
  undoStack = trim(trim(undoStack, "text", now.text), "annotation", now.annotation);
  redoStack = trim(trim(redoStack, "text", now.textRedo), "annotation", now.annotationRedo);
  return { undo: undoStack, redo: redoStack };
}

/**
 * Keeps one undo order across text edits and annotation changes, so Ctrl+Z reverts whatever the
 * user did last, whichever history holds it. Needs the history and annotation plugins.
 */
export function undoOrderPlugin(): Plugin<UndoOrder> {
  return new Plugin<UndoOrder>({
    key: undoOrderKey,
    state: { init: () => ({ undo: [], redo: [] }), apply },
  });
}

function latest(stackOf: (order: UndoOrder) => readonly ChangeKind[], text: Command, annotation: Command): Command {
  return (state, dispatch, view) => {
    const order = undoOrderKey.getState(state);
    const last = order ? stackOf(order).at(-1) : undefined;
    const [first, second] = last === "annotation" ? [annotation, text] : [text, annotation];
    return first(state, dispatch, view) || second(state, dispatch, view);
  };
}

/** Undoes the most recent change, text or annotation. */
export const undoLatest: Command = latest((o) => o.undo, undo, undoAnnotation);

/** Redoes the most recently undone change, text or annotation. */
export const redoLatest: Command = latest((o) => o.redo, redo, redoAnnotation);

/** Whether there is anything to undo and to redo, for the toolbar buttons. */
export function undoAvailability(state: EditorState): { canUndo: boolean; canRedo: boolean } {
  const d = depths(state);
  return { canUndo: d.text > 0 || d.annotation > 0, canRedo: d.textRedo > 0 || d.annotationRedo > 0 };
}
