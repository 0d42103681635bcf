import { TextSelection, type Transaction } from "prosemirror-state";
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

/**
 * Brings ProseMirror's selection up to the page's (`pageSelection`) when it has not read a moved
 * one yet, so that what acts on it next acts where the user is. Only between text selections: a
 * selected node, or a selection the page cannot show, stays as ProseMirror set it. Returns false
 * when the page's selection is outside the editor's text, where nothing typed belongs to the editor.
 */
export function followPageSelection(view: EditorView): boolean {
  const page = pageSelection(view);
  if (page === null) return false;
  const current = view.state.selection;
  if (page === undefined || view.composing || !(current instanceof TextSelection)) return true;
  if (page.anchor === current.anchor && page.head === current.head) return true;
  const { doc } = view.state;
  if (!doc.resolve(page.anchor).parent.inlineContent || !doc.resolve(page.head).parent.inlineContent) return true;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, page.anchor, page.head)));
  return true;
}

/**
 * A change made elsewhere (another person's text, an annotation event, carets) carrying the page's
 * selection (`pageSelection`), mapped through the change, in place of ProseMirror's. Drawing a
 * change writes ProseMirror's selection back to the page: when the user has just moved theirs (an
 * arrow key whose selectionchange has not run yet), the old one would come back under their next
 * key, and typing would replace the words they had selected a moment before.
 */
export function keepPageSelection(view: EditorView, tr: Transaction): Transaction {
  const page = pageSelection(view);
  const current = view.state.selection;
  if (!page || view.composing || !(current instanceof TextSelection)) return tr;
  if (page.anchor === current.anchor && page.head === current.head) return tr;
  // Mapped as prosemirror-collab maps the selection of a page receiving steps: text inserted at
  // the caret goes after it.
  const anchor = tr.mapping.map(page.anchor, -1);
  const head = tr.mapping.map(page.head, -1);
  if (!tr.doc.resolve(anchor).parent.inlineContent || !tr.doc.resolve(head).parent.inlineContent) return tr;
  return tr.setSelection(TextSelection.create(tr.doc, anchor, head));
}
