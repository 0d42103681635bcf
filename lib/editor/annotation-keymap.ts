import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { removeAnnotation, selectNextAnnotation } from "./annotations/annotation-commands";
import { getAnnotationState } from "./annotations/annotation-plugin";
import type { AnnotationKind } from "./annotations/types";
import { redoLatest, undoLatest } from "./undo-order";

/** Shortcut labels shown beside the toolbar buttons, and the keys bound to them. */
export const TAG_SHORTCUTS: Record<AnnotationKind, string> = { claim: "Mod-Alt-1", hedge: "Mod-Alt-2", attribution: "Mod-Alt-3" };

/** Removes the selected annotation; Delete and Backspace edit the text, so untagging has its own key beside the tag keys. */
export const UNTAG_SHORTCUT = "Mod-Alt-0";

const deleteSelectedAnnotation: Command = (state, dispatch) => {
  const { selectedId } = getAnnotationState(state);
  return selectedId ? removeAnnotation(selectedId)(state, dispatch) : false;
};

/** The editor's keys: tag, undo and redo (text and annotations alike), move between and remove annotations. */
export function annotationKeymap(tag: (kind: AnnotationKind) => Command): Plugin {
  return keymap({
    [TAG_SHORTCUTS.claim]: tag("claim"),
    [TAG_SHORTCUTS.hedge]: tag("hedge"),
    [TAG_SHORTCUTS.attribution]: tag("attribution"),
    "Mod-z": undoLatest,
    "Mod-Shift-z": redoLatest,
    "Mod-y": redoLatest,
    "Alt-ArrowDown": selectNextAnnotation(1),
    "Alt-ArrowUp": selectNextAnnotation(-1),
    [UNTAG_SHORTCUT]: deleteSelectedAnnotation,
  });
}
