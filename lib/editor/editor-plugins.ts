import { baseKeymap } from "prosemirror-commands";
import { history } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { annotationKeymap } from "./annotation-keymap";
import { annotationPlugin } from "./annotations/annotation-plugin";
import type { AnnotationKind, EditorAnnotation } from "./annotations/types";
import { followPageSelectionOnKeys } from "./follow-page-selection";
import { insertTypedText } from "./insert-typed-text";
import { modifierKeys } from "./modifier-keys";
import { restoreOnUndo } from "./restore-on-undo";
import { undoOrderPlugin } from "./undo-order";

/** What the article editor's plugins need from the page around them. */
export interface EditorPluginOptions {
  /** The annotations drawn when the editor opens. */
  initial: readonly EditorAnnotation[];
  /** Called when the selected annotation changes. */
  onSelect(id: string | null): void;
  /** The command that tags the selection with a kind. */
  tag(kind: AnnotationKind): Command;
  /** Saves the text (Ctrl+S or ⌘S). */
  saveText(): void;
  /** The ids of the claims no attribution is linked to, for the keys that jump between them. */
  unattributedClaims?(): ReadonlySet<string>;
}

/**
 * The article editor's ProseMirror plugins. Order matters where they handle the same input: the
 * page's selection is taken before any key binding sees a key; the annotation keys and Ctrl+S come
 * before the base keymap, which would otherwise take some of those keys; and every keymap before
 * the typing and modifier-key handlers, which only see what no key binding took.
 */
export function editorPlugins({ initial, onSelect, tag, saveText, unattributedClaims }: EditorPluginOptions): Plugin[] {
  return [
    followPageSelectionOnKeys(),
    annotationPlugin({ initial, onSelect }),
    history(),
    undoOrderPlugin(),
    restoreOnUndo(),
    annotationKeymap(tag, unattributedClaims),
    keymap({
      "Mod-s": () => {
        saveText();
        return true;
      },
    }),
    keymap(baseKeymap),
    modifierKeys(),
    insertTypedText(),
  ];
}
