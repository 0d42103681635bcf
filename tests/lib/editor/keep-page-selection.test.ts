import { EditorState, TextSelection } from "prosemirror-state";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keepPageSelection } from "@/lib/editor/page-selection";
import { doc, p } from "./annotations/fixtures";
import { caretIn, mountOnPage } from "./page-view";

const node = doc(p("The minister said unemployment fell."), p("Second paragraph."));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a change made elsewhere keeps the page's selection", () => {
  it("carries the caret the user just moved to, mapped through the change, instead of ProseMirror's older selection", () => {
    // ProseMirror still holds "The minister said" selected; an arrow key has put the page's caret after it.
    const { view, page } = mountOnPage(EditorState.create({ doc: node, selection: TextSelection.create(node, 1, 18) }));
    caretIn(page, view.dom.querySelector("p")!.firstChild!, 17);
    // Someone else inserts a word at the start of the paragraph.
    const remote = view.state.tr.insertText("Today ", 1);
    view.dispatch(keepPageSelection(view, remote));
    expect(view.state.selection.empty).toBe(true);
    expect(view.state.selection.head).toBe(18 + "Today ".length);
    // Typing now goes after the words, and does not replace them.
    view.dispatch(view.state.tr.insertText(" during the outage"));
    expect(view.state.doc.firstChild!.textContent).toBe("Today The minister said during the outage unemployment fell.");
    view.destroy();
  });

  it("leaves the change as it is when the two selections agree, or the page's caret is outside the editor", () => {
    const { view, page } = mountOnPage(EditorState.create({ doc: node, selection: TextSelection.create(node, 5) }));
    caretIn(page, view.dom.querySelector("p")!.firstChild!, 4);
    const agreed = view.state.tr.insertText("X", 20);
    expect(keepPageSelection(view, agreed).selectionSet).toBe(false);
    const outside = view.dom.ownerDocument.createTextNode("elsewhere");
    view.dom.ownerDocument.body.appendChild(outside);
    caretIn(page, outside, 3);
    const change = view.state.tr.insertText("Y", 20);
    expect(keepPageSelection(view, change).selectionSet).toBe(false);
    view.destroy();
  });
});
