import { Plugin, TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { followPageSelection } from "./page-selection";

/** The text a `beforeinput` event is about to type, when it is plain typing outside a composition; else null. */
export function plainTypedText(event: InputEvent): string | null {
  if (event.inputType !== "insertText" || event.isComposing) return null;
  const text = event.data;
  // Line breaks split blocks: that stays with the editor's Enter handling.
  if (typeof text !== "string" || text.length === 0 || /[\r\n]/.test(text)) return null;
  return text;
}

/**
 * Applies plain typing to the document instead of letting the browser edit the page first.
 *
 * By default the browser inserts a typed character into the DOM and ProseMirror reads the change
 * back. When the character lands in text drawn with decorations (every highlight is one),
 * ProseMirror cannot trust the edited element and rebuilds it with all it contains, which makes the
 * browser lay the paragraph out again and puts the caret back by hand: in a heavily annotated
 * article that was most of each keystroke's time. Inserting the text through a transaction lets
 * ProseMirror change the text node in place, and the browser's own editing work is skipped.
 *
 * ProseMirror does the same itself for key presses over a selection that spans blocks. Compositions
 * (input methods, dead keys), line breaks and every other kind of input are left to the browser and
 * ProseMirror as before, and so is a selection that is not plain text within one block.
 */
export function insertTypedText(): Plugin {
  return new Plugin({
    props: {
      handleDOMEvents: {
        beforeinput(view: EditorView, event: InputEvent) {
          const text = plainTypedText(event);
          // Type where the browser would have, which ProseMirror may not have read yet.
          if (text === null || view.composing || !view.editable || !followPageSelection(view)) return false;
          const { selection } = view.state;
          // Node selections and selections across blocks stay with ProseMirror.
          if (!(selection instanceof TextSelection) || !selection.$from.sameParent(selection.$to) || !selection.$from.parent.inlineContent) return false;
          const { from, to } = selection;
          const typed = () => view.state.tr.insertText(text, from, to).scrollIntoView();
          event.preventDefault();
          if (!view.someProp("handleTextInput", (handle) => handle(view, from, to, text, typed))) view.dispatch(typed());
          return true;
        },
      },
    },
  });
}
