import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { redoAnnotation, removeAnnotation, selectNextAnnotation, undoAnnotation } from "./annotations/annotation-commands";
import { getAnnotationState } from "./annotations/annotation-plugin";
import type { AnnotationKind } from "./annotations/types";

/** Shortcut labels shown beside the toolbar buttons, and the keys bound to them. */
export const TAG_SHORTCUTS: Record<AnnotationKind, string> = { claim: "Mod-Alt-1", hedge: "Mod-Alt-2", attribution: "Mod-Alt-3" };

const deleteSelectedAnnotation: Command = (state, dispatch) => {
  const { selectedId } = getAnnotationState(state);
  return selectedId ? removeAnnotation(selectedId)(state, dispatch) : false;
};

/** The editor's keys: tag, undo and redo annotation actions, move between and delete annotations. */
export function annotationKeymap(tag: (kind: AnnotationKind) => Command): Plugin {
  return keymap({
    [TAG_SHORTCUTS.claim]: tag("claim"),
    [TAG_SHORTCUTS.hedge]: tag("hedge"),
    [TAG_SHORTCUTS.attribution]: tag("attribution"),
    "Mod-z": undoAnnotation,
    "Mod-Shift-z": redoAnnotation,
    "Mod-y": redoAnnotation,
    "Alt-ArrowDown": selectNextAnnotation(1),
    "Alt-ArrowUp": selectNextAnnotation(-1),
    Delete: deleteSelectedAnnotation,
    Backspace: deleteSelectedAnnotation,
  });
}
