import { parseHTML } from "linkedom";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import type { NodeBuilder } from "prosemirror-test-builder";
import { EditorView } from "prosemirror-view";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  addAnnotation,
  annotationAttrs,
  annotationPlugin,
  getAnnotationMeta,
  getAnnotationState,
  removeAnnotation,
  replaceAnnotations,
  selectAnnotation,
  updateAnnotation,
  type AnnotationPluginOptions,
} from "@/lib/editor/annotations";
import { schema } from "@/lib/editor/schema";
import { claim, doc, h2, p, run } from "./fixtures";

function create(node: ReturnType<NodeBuilder>, options: AnnotationPluginOptions = {}): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin(options)] });
}

/** Runs a command that must apply and returns the resulting state. */

/** The decorations drawn, as id and range, in document order. */
function drawn(state: EditorState) {
  return getAnnotationState(state)
    .decorations.find()
    .map((d) => ({ id: (d.spec as { id: string }).id, from: d.from, to: d.to }))
    .sort((x, y) => x.from - y.from || x.to - y.to);
}

/** Renders the state in a DOM-less test environment, using linkedom for the document. */
function mount(state: EditorState): EditorView {
  const { document, window } = parseHTML("<!doctype html><html><body></body></html>");
  vi.stubGlobal("document", document);
  vi.stubGlobal("window", window);
  const place = document.createElement("div");
  document.body.appendChild(place);
  return new EditorView(place, { state });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("annotation decorations", () => {
  it("draws an added annotation over its range with its attributes", () => {
    const node = doc(p("The mayor <a>said taxes<b> will fall."));
    const state = run(create(node), addAnnotation(claim("c1", node.tag.a!, node.tag.b!)));
    expect(drawn(state)).toEqual([{ id: "c1", from: node.tag.a, to: node.tag.b }]);

    const view = mount(state);
    const span = view.dom.querySelector('[data-annotation-id="c1"]');
    expect(span?.textContent).toBe("said taxes");
    expect(span?.getAttribute("data-kind")).toBe("claim");
    expect(span?.getAttribute("data-status")).toBe("pending");
    expect(span?.getAttribute("class")).toBe("annotation annotation-claim");
    view.destroy();
  });

  it("gives overlapping and nested annotations a span each", () => {
    const node = doc(p("<a>One <b>two <c>three<d> four<e> five"));
    const { a, b: bb, c, d, e } = node.tag as Record<string, number>;
    const state = create(node, {
      initial: [claim("outer", a!, e!), { ...claim("inner", c!, d!), kind: "hedge" }, claim("overlap", bb!, d! + 2)],
    });
    expect(drawn(state).map((x) => x.id)).toEqual(["outer", "overlap", "inner"]);

    const view = mount(state);
    const text = (id: string) =>
      [...view.dom.querySelectorAll(`[data-annotation-id="${id}"]`)].map((el) => el.textContent).join("");
    expect(text("outer")).toBe("One two three four");
    expect(text("overlap")).toBe("two three f");
    expect(text("inner")).toBe("three");
    // The inner annotation's span sits inside both others, so each stays addressable.
    const inner = view.dom.querySelector('[data-annotation-id="inner"]');
    expect(inner?.closest('[data-annotation-id="outer"]')).not.toBeNull();
    expect(inner?.closest('[data-annotation-id="overlap"]')).not.toBeNull();
    view.destroy();
  });

  it("draws one annotation across paragraphs as spans sharing its id", () => {
    const node = doc(h2("Head<a>line"), p("First para."), p("Sec<b>ond."));
    const state = create(node, { initial: [claim("x", node.tag.a!, node.tag.b!)] });
    expect(drawn(state)).toEqual([{ id: "x", from: node.tag.a, to: node.tag.b }]);

    const view = mount(state);
    const spans = [...view.dom.querySelectorAll('[data-annotation-id="x"]')];
    expect(spans.map((el) => el.textContent)).toEqual(["line", "First para.", "Sec"]);
    view.destroy();
  });

  it("removes an annotation's decoration and leaves the others", () => {
    const node = doc(p("<a>alpha<b> beta <c>gamma<d>"));
    const { a, b: bb, c, d } = node.tag as Record<string, number>;
    let state = create(node, { initial: [claim("one", a!, bb!), claim("two", c!, d!), claim("both", a!, d!)] });
    state = run(state, removeAnnotation("both"));
    expect(drawn(state)).toEqual([
      { id: "one", from: a, to: bb },
      { id: "two", from: c, to: d },
    ]);
    expect(getAnnotationState(state).annotations.has("both")).toBe(false);
  });

  it("redraws an annotation whose kind or status changes", () => {
    const node = doc(p("<a>Officials said<b> so."));
    let state = create(node, { initial: [claim("c1", node.tag.a!, node.tag.b!)] });
    state = run(state, updateAnnotation("c1", { kind: "attribution", status: "approved" }));
    expect(getAnnotationState(state).annotations.get("c1")).toMatchObject({ kind: "attribution", status: "approved" });
    expect(drawn(state)).toEqual([{ id: "c1", from: node.tag.a, to: node.tag.b }]);

    const view = mount(state);
    const span = view.dom.querySelector('[data-annotation-id="c1"]');
    expect(span?.getAttribute("class")).toBe("annotation annotation-attribution");
    expect(span?.getAttribute("data-kind")).toBe("attribution");
    expect(span?.getAttribute("data-status")).toBe("approved");
    view.destroy();
  });

  it("marks the selected annotation with is-selected", () => {
    const annotation = claim("c1", 1, 4);
    expect(annotationAttrs(annotation, true).class).toBe("annotation annotation-claim is-selected");
    const state = run(create(doc(p("text here")), { initial: [annotation] }), selectAnnotation("c1"));
    const view = mount(state);
    expect(view.dom.querySelector(".is-selected")?.getAttribute("data-annotation-id")).toBe("c1");
    view.destroy();
  });
});

describe("annotation commands", () => {
  const node = doc(p("<a>Some text<b> here."));

  it("refuses empty, reversed, out-of-document and duplicate annotations", () => {
    const state = create(node, { initial: [claim("c1", 1, 3)] });
    const size = state.doc.content.size;
    for (const bad of [claim("e", 3, 3), claim("r", 4, 2), claim("n", -1, 2), claim("o", 2, size + 1), claim("c1", 4, 6)]) {
      expect(addAnnotation(bad)(state)).toBe(false);
    }
    expect(addAnnotation(claim("ok", 0, size))(state)).toBe(true);
  });

  it("refuses changes to unknown ids and changes that change nothing", () => {
    const state = create(node, { initial: [claim("c1", 1, 3)] });
    expect(removeAnnotation("nope")(state)).toBe(false);
    expect(updateAnnotation("nope", { kind: "hedge" })(state)).toBe(false);
    expect(updateAnnotation("c1", { kind: "claim", status: "pending" })(state)).toBe(false);
    expect(selectAnnotation("nope")(state)).toBe(false);
    expect(selectAnnotation(null)(state)).toBe(false);
  });

  it("only sets a meta, which names the action for syncing", () => {
    const state = create(node);
    let meta;
    addAnnotation(claim("c1", node.tag.a!, node.tag.b!))(state, (tr) => {
      expect(tr.docChanged).toBe(false);
      meta = getAnnotationMeta(tr);
    });
    expect(meta).toEqual({ action: { type: "add", annotation: claim("c1", node.tag.a!, node.tag.b!) }, origin: "local" });
  });

  it("replaces every annotation, counting undrawable ones as collapsed", () => {
    let state = create(node, { initial: [claim("old", 1, 3)] });
    state = run(state, replaceAnnotations([claim("new", 2, 5), claim("empty", 4, 4), claim("far", 1, 999)]));
    expect(drawn(state)).toEqual([{ id: "new", from: 2, to: 5 }]);
    expect([...getAnnotationState(state).collapsed].sort()).toEqual(["empty", "far"]);
  });

  it("keeps only the fields it draws", () => {
    const extra = { ...claim("c1", 1, 3), note: "kept by the app" };
    const state = run(create(node), addAnnotation(extra));
    expect(getAnnotationState(state).annotations.get("c1")).toEqual(claim("c1", 1, 3));
  });
});

describe("annotation plugin state", () => {
  it("returns the same state object for a transaction with no meta and no doc change", () => {
    const node = doc(p("Some <a>text<b> here."));
    const state = create(node, { initial: [claim("c1", node.tag.a!, node.tag.b!)] });
    const before = getAnnotationState(state);
    const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    expect(getAnnotationState(next)).toBe(before);
    expect(getAnnotationState(state.apply(state.tr.setMeta("unrelated", true)))).toBe(before);
  });

  it("throws a clear error when the plugin is missing", () => {
    expect(() => getAnnotationState(EditorState.create({ schema }))).toThrow(/not installed/);
  });
});

describe("clicking annotations", () => {
  function click(view: EditorView, pos: number, target: EventTarget | null) {
    const event = { target } as unknown as MouseEvent;
    view.someProp("handleClick", (handle) => handle(view, pos, event));
  }

  it("selects the innermost annotation under the clicked character", () => {
    const node = doc(p("<a>One <b>two <c>three<d> four<e>"));
    const { a, b: bb, c, d, e } = node.tag as Record<string, number>;
    const onSelect = vi.fn();
    const view = mount(
      create(node, { initial: [claim("outer", a!, e!), claim("middle", bb!, d!), claim("inner", c!, d!)], onSelect }),
    );
    const span = (id: string) => view.dom.querySelector(`[data-annotation-id="${id}"]`);

    click(view, c! + 1, span("inner"));
    expect(getAnnotationState(view.state).selectedId).toBe("inner");
    expect(onSelect).toHaveBeenLastCalledWith("inner");

    // "two " is covered by outer and middle only.
    click(view, bb! + 1, span("middle"));
    expect(getAnnotationState(view.state).selectedId).toBe("middle");

    click(view, a! + 1, span("outer"));
    expect(getAnnotationState(view.state).selectedId).toBe("outer");

    click(view, a! + 1, view.dom.querySelector("p"));
    expect(getAnnotationState(view.state).selectedId).toBeNull();
    expect(onSelect).toHaveBeenLastCalledWith(null);
    view.destroy();
  });

  it("falls back to the click position, preferring the shortest annotation there", () => {
    const node = doc(p("<a>One <b>two <c>three<d> four<e>"));
    const { a, b: bb, c, d, e } = node.tag as Record<string, number>;
    const plugin = annotationPlugin({ initial: [claim("outer", a!, e!), claim("middle", bb!, d!), claim("inner", c!, d!)] });
    let state = EditorState.create({ doc: node, plugins: [plugin] });
    // A stand-in view: events built by hand have no DOM target to read spans from.
    const view = { state, dom: null, dispatch: (tr: Transaction) => (state = state.apply(tr)) } as unknown as EditorView;
    plugin.props.handleClick?.call(plugin, view, c! + 2, { target: null } as unknown as MouseEvent);
    expect(getAnnotationState(state).selectedId).toBe("inner");
  });
});

describe("plugin callbacks", () => {
  it("reports collapsed ids once, after the edit that deleted their text", () => {
    const node = doc(p("Keep <a>gone<b> keep <c>also<d>."));
    const onCollapsed = vi.fn();
    const view = mount(
      create(node, { initial: [claim("gone", node.tag.a!, node.tag.b!), claim("stay", node.tag.c!, node.tag.d!)], onCollapsed }),
    );
    view.dispatch(view.state.tr.delete(node.tag.a! - 1, node.tag.b! + 1));
    expect(onCollapsed).toHaveBeenCalledTimes(1);
    expect(onCollapsed).toHaveBeenCalledWith(["gone"]);
    view.dispatch(view.state.tr.insertText("x", 1));
    expect(onCollapsed).toHaveBeenCalledTimes(1);
    view.destroy();
  });
});
