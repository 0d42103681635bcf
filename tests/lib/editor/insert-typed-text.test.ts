import { EditorState, NodeSelection, Plugin, TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addAnnotation, annotationPlugin, getAnnotationState } from "@/lib/editor/annotations";
import { insertTypedText, plainTypedText } from "@/lib/editor/insert-typed-text";
import { claim, doc, p, run } from "./annotations/fixtures";
import { caretIn, mountOnPage, type PageSelection } from "./page-view";

interface FakeInput {
  inputType: string;
  data: string | null;
  isComposing: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function input(init: Partial<Pick<FakeInput, "inputType" | "data" | "isComposing">>): FakeInput {
  return {
    inputType: "insertText",
    data: "x",
    isComposing: false,
    ...init,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

function mount(state: EditorState, editable = true): EditorView {
  const mounted = mountOnPage(state, editable);
  page = mounted.page;
  return mounted.view;
}
let page: PageSelection;

/** Hands a beforeinput event to the plugin as ProseMirror would; returns whether it was handled. */
function type(view: EditorView, plugin: Plugin, event: FakeInput): boolean {
  const handler = plugin.props.handleDOMEvents!.beforeinput!;
  return handler.call(plugin, view, event as unknown as InputEvent) === true;
}

/** The plugin did not take the event: the browser's default stands and the document is as it was. */
function expectLeftAlone(view: EditorView, plugin: Plugin, event: FakeInput, doc: EditorState["doc"]): void {
  expect(type(view, plugin, event)).toBe(false);
  expect(event.defaultPrevented).toBe(false);
  expect(view.state.doc.eq(doc)).toBe(true);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("plain typed text", () => {
  it("is the data of an insertText input outside a composition", () => {
    expect(plainTypedText(input({ data: "k" }) as unknown as InputEvent)).toBe("k");
    expect(plainTypedText(input({ data: "é" }) as unknown as InputEvent)).toBe("é");
  });

  it("is not a composition, a line break, an empty insertion or any other kind of input", () => {
    expect(plainTypedText(input({ isComposing: true }) as unknown as InputEvent)).toBeNull();
    expect(plainTypedText(input({ data: "a\nb" }) as unknown as InputEvent)).toBeNull();
    expect(plainTypedText(input({ data: "" }) as unknown as InputEvent)).toBeNull();
    expect(plainTypedText(input({ data: null }) as unknown as InputEvent)).toBeNull();
    expect(plainTypedText(input({ inputType: "insertFromPaste" }) as unknown as InputEvent)).toBeNull();
    expect(plainTypedText(input({ inputType: "deleteContentBackward", data: null }) as unknown as InputEvent)).toBeNull();
  });
});

describe("typing applied by the editor", () => {
  const node = doc(p("The mayor <a>said taxes<b> will fall."), p("Second paragraph."));
  const plugin = insertTypedText();
  // linkedom lays nothing out: with the page's selection in the editor, scrolling to it would measure text.
  const noLayout = new Plugin({ props: { handleScrollToSelection: () => true } });
  const annotated = () =>
    run(EditorState.create({ doc: node, plugins: [annotationPlugin(), plugin, noLayout] }), addAnnotation(claim("c1", node.tag.a!, node.tag.b!)));

  it("inserts the text at the caret, inside the highlight, keeping the highlight's element", () => {
    const start = annotated();
    const caret = node.tag.a! + 4; // "said| taxes"
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, caret))));
    const highlight = view.dom.querySelector('[data-annotation-id="c1"]');
    const event = input({ data: "," });

    expect(type(view, plugin, event)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(view.state.doc.textBetween(0, view.state.doc.content.size, "\n")).toBe("The mayor said, taxes will fall.\nSecond paragraph.");
    expect(view.state.selection.from).toBe(caret + 1);
    const { from, to } = getAnnotationState(view.state).annotations.get("c1")!;
    expect(view.state.doc.textBetween(from, to)).toBe("said, taxes");
    // The same element, changed in place: rebuilding it made every keystroke lay the paragraph out again.
    expect(view.dom.querySelector('[data-annotation-id="c1"]')).toBe(highlight);
    expect(highlight?.textContent).toBe("said, taxes");
    view.destroy();
  });

  it("replaces selected text within one paragraph", () => {
    const start = annotated();
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, 1, 4))));
    expect(type(view, plugin, input({ data: "A" }))).toBe(true);
    expect(view.state.doc.firstChild!.textContent).toBe("A mayor said taxes will fall.");
    view.destroy();
  });

  it("types where the page's caret is when the editor has not read its move yet", () => {
    // The state still holds the selection of "said taxes"; the browser has already moved the caret
    // to the end of "mayor" (an arrow key whose selectionchange has not been handled).
    const start = annotated();
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, node.tag.a!, node.tag.b!))));
    const mayor = [...view.dom.querySelectorAll("p")][0]!.firstChild!;
    expect(mayor.textContent).toBe("The mayor ");
    caretIn(page, mayor, 9);

    expect(type(view, plugin, input({ data: "," }))).toBe(true);
    expect(view.state.doc.firstChild!.textContent).toBe("The mayor, said taxes will fall.");
    expect(view.state.selection.empty).toBe(true);
    expect(view.state.selection.from).toBe(1 + "The mayor,".length);
    view.destroy();
  });

  it("leaves typing with the page's caret outside the editor's text to the browser", () => {
    const start = annotated();
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, 3))));
    const outside = view.dom.ownerDocument.createTextNode("elsewhere");
    view.dom.ownerDocument.body.appendChild(outside);
    caretIn(page, outside, 2);
    expectLeftAlone(view, plugin, input({ data: "x" }), start.doc);
    view.destroy();
  });

  it("leaves compositions, line breaks and other input to the browser", () => {
    const start = annotated();
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, 3))));
    for (const event of [input({ isComposing: true }), input({ data: "\n" }), input({ inputType: "insertFromPaste" })]) {
      expectLeftAlone(view, plugin, event, start.doc);
    }
    view.destroy();
  });

  it("leaves selections across paragraphs, or of a whole node, to ProseMirror", () => {
    const start = annotated();
    const across = node.child(0).nodeSize + 3;
    for (const selection of [TextSelection.create(start.doc, 3, across), NodeSelection.create(start.doc, 0)]) {
      const view = mount(start.apply(start.tr.setSelection(selection)));
      expectLeftAlone(view, plugin, input({ data: "x" }), start.doc);
      view.destroy();
    }
  });

  it("does not type into a read-only editor", () => {
    const start = annotated();
    const view = mount(start.apply(start.tr.setSelection(TextSelection.create(start.doc, 3))), false);
    expectLeftAlone(view, plugin, input({ data: "x" }), start.doc);
    view.destroy();
  });
});
