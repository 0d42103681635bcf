import { parseHTML } from "linkedom";
import type { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { vi } from "vitest";

/** The page's selection as a test sets it: empty unless the test puts it somewhere. */
export interface PageSelection {
  anchorNode: Node | null;
  anchorOffset: number;
  focusNode: Node | null;
  focusOffset: number;
  rangeCount: number;
}

/**
 * An editor view on a linkedom document standing in for the browser's (undo with
 * `vi.unstubAllGlobals`). linkedom has no selection; the editor, which is not focused here, only
 * asks it where the caret is (to scroll it into view), and the plugins where the browser would act:
 * `page`, a plain object the test can point at the editor's text, does.
 */
export function mountOnPage(state: EditorState, editable = true): { view: EditorView; page: PageSelection } {
  const { document, window } = parseHTML("<!doctype html><html><body></body></html>");
  const page: PageSelection = { anchorNode: null, anchorOffset: 0, focusNode: null, focusOffset: 0, rangeCount: 0 };
  Object.assign(document, { getSelection: () => page });
  vi.stubGlobal("document", document);
  vi.stubGlobal("window", window);
  const place = document.createElement("div");
  document.body.appendChild(place);
  return { view: new EditorView(place, { state, editable: () => editable }), page };
}

/** Points the page's selection at a collapsed caret in a text node. */
export function caretIn(page: PageSelection, node: Node, offset: number): void {
  Object.assign(page, { anchorNode: node, anchorOffset: offset, focusNode: node, focusOffset: offset, rangeCount: 1 });
}
