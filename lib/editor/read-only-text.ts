import { Plugin } from "prosemirror-state";

/**
 * Keeps the article text unchanged while leaving the editor focusable, so the caret, keyboard
 * selection and copy work and shortcuts reach the editor. Correcting text will lift this plugin
 * rather than swap in a different editor.
 */
export function readOnlyText(): Plugin {
  return new Plugin({ filterTransaction: (tr) => !tr.docChanged });
}
