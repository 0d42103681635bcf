import { Plugin, TextSelection } from "prosemirror-state";
import { pageSelection } from "./page-selection";

/**
 * Before any key binding runs, takes the page's selection when ProseMirror has not read it yet
 * (`pageSelection`): otherwise Shift+End and Ctrl+Alt+1 pressed at once tag the words selected
 * before, and Backspace deletes them. Only between text selections: a selected node, or a selection
 * the page cannot show, stays as ProseMirror set it. Must come before every keymap.
 */
export function followPageSelection(): Plugin {
  return new Plugin({
    props: {
      handleKeyDown(view) {
        const current = view.state.selection;
        if (view.composing || !(current instanceof TextSelection)) return false;
        const page = pageSelection(view);
        if (!page || (page.anchor === current.anchor && page.head === current.head)) return false;
        const { doc } = view.state;
        const $anchor = doc.resolve(page.anchor);
        const $head = doc.resolve(page.head);
        if (!$anchor.parent.inlineContent || !$head.parent.inlineContent) return false;
        view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, page.anchor, page.head)));
        // Only brought the selection up to date: the key itself is for the bindings after this one.
        return false;
      },
    },
  });
}
