import { Plugin } from "prosemirror-state";
import { followPageSelection } from "./page-selection";

/**
 * Before any key binding runs, takes the page's selection when ProseMirror has not read it yet
 * (`followPageSelection`): otherwise Shift+End and Ctrl+Alt+1 pressed at once tag the words
 * selected before, and Backspace deletes them. Must come before every keymap.
 */
export function followPageSelectionOnKeys(): Plugin {
  return new Plugin({
    props: {
      handleKeyDown(view) {
        followPageSelection(view);
        // Only brought the selection up to date: the key itself is for the bindings after this one.
        return false;
      },
    },
  });
}
