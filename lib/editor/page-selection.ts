import type { EditorView } from "prosemirror-view";

/**
 * The page's selection in the editor, as document positions: where the browser acts on the next
 * key. ProseMirror reads a moved selection on the browser's selectionchange event, which Chrome
 * runs after key events already waiting, so a key pressed right after the selection moved (Shift+End
 * and then a shortcut, an arrow key and then a letter) finds ProseMirror's own selection still the
 * one before.
 *
 * `undefined` when the page has no selection to go by (a document that is not shown): ProseMirror's
 * is then the only one. `null` when the page's selection is outside the editor, or on something
 * ProseMirror does not map to a position (inside a widget, say).
 */
export function pageSelection(view: EditorView): { anchor: number; head: number } | null | undefined {
  const page = view.dom.ownerDocument.getSelection();
  if (!page?.anchorNode || !page.focusNode) return undefined;
  if (!view.dom.contains(page.anchorNode) || !view.dom.contains(page.focusNode)) return null;
  try {
    return { anchor: view.posAtDOM(page.anchorNode, page.anchorOffset), head: view.posAtDOM(page.focusNode, page.focusOffset) };
  } catch {
    return null;
  }
}
