import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { removeAnnotation, selectNextAnnotation } from "./annotations/annotation-commands";
import { getAnnotationState } from "./annotations/annotation-plugin";
import type { AnnotationKind, EditorAnnotation } from "./annotations/types";
import { redoLatest, undoLatest } from "./undo-order";
import { TAG_SHORTCUTS } from "../contracts/vocabulary";

/** Removes the selected annotation; Delete and Backspace edit the text, so untagging has its own key beside the tag keys. */
export const UNTAG_SHORTCUT = "Mod-Alt-0";

/**
 * The next and previous unattributed claim: Alt+↓ / Alt+↑ move between all annotations, and Shift
 * narrows the walk to the claims still missing a source. No browser or ProseMirror binding uses it.
 */
export const UNATTRIBUTED_SHORTCUTS = { next: "Alt-Shift-ArrowDown", previous: "Alt-Shift-ArrowUp" } as const;

/** How the page names those keys (title texts and hints). */
export const UNATTRIBUTED_KEY_LABELS = { next: "Alt+Shift+↓", previous: "Alt+Shift+↑" } as const;

const deleteSelectedAnnotation: Command = (state, dispatch) => {
  const { selectedId } = getAnnotationState(state);
  return selectedId ? removeAnnotation(selectedId)(state, dispatch) : false;
};

/**
 * The editor's keys: tag, undo and redo (text and annotations alike), move between and remove
 * annotations, and jump between unattributed claims. Which claims those are is the page's
 * knowledge (links live with the details it shows), so it is asked at each key press.
 */
export function annotationKeymap(tag: (kind: AnnotationKind) => Command, unattributedClaims: () => ReadonlySet<string> = () => new Set()): Plugin {
  const unattributed = (a: EditorAnnotation) => unattributedClaims().has(a.id);
  return keymap({
    [TAG_SHORTCUTS.claim]: tag("claim"),
    [TAG_SHORTCUTS.hedge]: tag("hedge"),
    [TAG_SHORTCUTS.attribution]: tag("attribution"),
    "Mod-z": undoLatest,
    "Mod-Shift-z": redoLatest,
    "Mod-y": redoLatest,
    "Alt-ArrowDown": selectNextAnnotation(1),
    "Alt-ArrowUp": selectNextAnnotation(-1),
    [UNATTRIBUTED_SHORTCUTS.next]: selectNextAnnotation(1, unattributed),
    [UNATTRIBUTED_SHORTCUTS.previous]: selectNextAnnotation(-1, unattributed),
    [UNTAG_SHORTCUT]: deleteSelectedAnnotation,
  });
}
