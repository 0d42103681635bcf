import { EditorState, NodeSelection, TextSelection } from "prosemirror-state";
import { afterEach, describe, expect, it, vi } from "vitest";
import { followPageSelectionOnKeys } from "@/lib/editor/follow-page-selection";
import { doc, p } from "./annotations/fixtures";
import { caretIn, mountOnPage } from "./page-view";

const plugin = followPageSelectionOnKeys();
const node = doc(p("The mayor said taxes will fall."), p("Second paragraph."));
const keyDown = new Event("keydown") as KeyboardEvent;

function press(view: Parameters<NonNullable<typeof plugin.props.handleKeyDown>>[0]): boolean {
  return plugin.props.handleKeyDown!.call(plugin, view, keyDown) === true;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("following the page's selection before a key", () => {
  it("takes the page's selection when the editor still holds the one before, and leaves the key to the bindings", () => {
    const state = EditorState.create({ doc: node, plugins: [plugin], selection: TextSelection.create(node, 1, 10) });
    const { view, page } = mountOnPage(state);
    const text = view.dom.querySelector("p")!.firstChild!;
    // Shift+End moved the page's selection from the start of "said" to the paragraph's end, backwards.
    Object.assign(page, { anchorNode: text, anchorOffset: text.textContent!.length, focusNode: text, focusOffset: 10, rangeCount: 1 });

    expect(press(view)).toBe(false);
    expect(view.state.selection).toBeInstanceOf(TextSelection);
    expect({ anchor: view.state.selection.anchor, head: view.state.selection.head }).toEqual({ anchor: 1 + text.textContent!.length, head: 11 });
    expect(view.state.doc.eq(node)).toBe(true);
    view.destroy();
  });

  it("changes nothing when the two agree, when the page's caret is outside the editor, or when it has none", () => {
    const state = EditorState.create({ doc: node, plugins: [plugin], selection: TextSelection.create(node, 5) });
    const { view, page } = mountOnPage(state);
    const dispatch = vi.spyOn(view, "dispatch");
    expect(press(view)).toBe(false);
    caretIn(page, view.dom.querySelector("p")!.firstChild!, 4);
    expect(press(view)).toBe(false);
    const outside = view.dom.ownerDocument.createTextNode("elsewhere");
    view.dom.ownerDocument.body.appendChild(outside);
    caretIn(page, outside, 3);
    expect(press(view)).toBe(false);
    expect(dispatch).not.toHaveBeenCalled();
    expect(view.state.selection.from).toBe(5);
    view.destroy();
  });

  it("keeps a selected node as ProseMirror set it", () => {
    const selected = NodeSelection.create(node, 0);
    const { view, page } = mountOnPage(EditorState.create({ doc: node, plugins: [plugin], selection: selected }));
    caretIn(page, view.dom.querySelector("p")!.firstChild!, 3);
    expect(press(view)).toBe(false);
    expect(view.state.selection.eq(selected)).toBe(true);
    view.destroy();
  });
});
