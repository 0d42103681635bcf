import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  addAnnotation,
  annotationPlugin,
  getAnnotationState,
  removeAnnotation,
  selectAnnotation,
  updateAnnotation,
} from "@/lib/editor/annotations";
import { claim, doc, p, run } from "./fixtures";

// "Before <a>target<b> after" with one annotation over "target".
const node = doc(p("Before <a>target<b> after"), p("Second <c>paragraph<d>."));
const a = node.tag.a!;
const end = node.tag.b!;

function create(): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin({ initial: [claim("t", a, end)] })] });
}

/** The annotation's range in state and its decoration's range, which must agree. */
function ranges(state: EditorState, id = "t") {
  const plugin = getAnnotationState(state);
  const annotation = plugin.annotations.get(id);
  const decorations = plugin.decorations.find(undefined, undefined, (spec: { id: string }) => spec.id === id);
  return {
    annotation: annotation && { from: annotation.from, to: annotation.to },
    decorations: decorations.map((d) => ({ from: d.from, to: d.to })),
  };
}

function expectRange(state: EditorState, from: number, to: number, id = "t") {
  expect(ranges(state, id)).toEqual({ annotation: { from, to }, decorations: [{ from, to }] });
}

describe("mapping annotations through edits", () => {
  it("shifts an annotation when text is inserted before it", () => {
    const state = create();
    expectRange(state.apply(state.tr.insertText("Big ", 1)), a + 4, end + 4);
  });

  it("grows an annotation when text is inserted inside it", () => {
    const state = create();
    expectRange(state.apply(state.tr.insertText("XY", a + 2)), a, end + 2);
  });

  it("leaves an annotation alone when text is inserted after it", () => {
    const state = create();
    const before = getAnnotationState(state).annotations.get("t");
    const next = state.apply(state.tr.insertText("!", end + 3));
    expectRange(next, a, end);
    // Unmoved annotations keep their identity, so the app can tell nothing changed.
    expect(getAnnotationState(next).annotations.get("t")).toBe(before);
  });

  it("keeps text typed at either edge outside the annotation", () => {
    const state = create();
    expectRange(state.apply(state.tr.insertText("x", a)), a + 1, end + 1);
    expectRange(state.apply(state.tr.insertText("x", end)), a, end);
  });

  it("shrinks an annotation when a deletion covers part of it", () => {
    const state = create();
    expectRange(state.apply(state.tr.delete(a - 3, a + 2)), a - 3, end - 5);
  });

  it("follows an annotation across a paragraph join", () => {
    const start = EditorState.create({
      doc: node,
      plugins: [annotationPlugin({ initial: [claim("x", a, node.tag.d!)] })],
    });
    // Deleting "after" through the start of the next paragraph joins the two.
    const next = start.apply(start.tr.delete(end, node.tag.c!));
    expectRange(next, a, node.tag.d! - (node.tag.c! - end), "x");
    expect(next.doc.childCount).toBe(1);
  });

  it("drops an annotation whose text is deleted and reports it as collapsed", () => {
    const state = run(create(), selectAnnotation("t"));
    const next = state.apply(state.tr.delete(a - 1, end + 1));
    const plugin = getAnnotationState(next);
    expect(plugin.annotations.has("t")).toBe(false);
    expect(plugin.decorations.find()).toEqual([]);
    expect([...plugin.collapsed]).toEqual(["t"]);
    expect(plugin.selectedId).toBeNull();
  });

  it("collapses an annotation deleted exactly, not one merely touching the deletion", () => {
    const state = EditorState.create({
      doc: node,
      plugins: [annotationPlugin({ initial: [claim("t", a, end), claim("left", a - 3, a), claim("right", end, end + 3)] })],
    });
    const plugin = getAnnotationState(state.apply(state.tr.delete(a, end)));
    expect([...plugin.collapsed]).toEqual(["t"]);
    expect([...plugin.annotations.keys()].sort()).toEqual(["left", "right"]);
  });

  it("keeps collapsed ids across later edits, so the app can still read them", () => {
    const state = create();
    const collapsed = state.apply(state.tr.delete(a, end));
    const later = collapsed.apply(collapsed.tr.insertText("more", 1));
    expect([...getAnnotationState(later).collapsed]).toEqual(["t"]);
    expect(getAnnotationState(later).collapsed).toBe(getAnnotationState(collapsed).collapsed);
  });

  it("can still redraw and remove an annotation mapped from several blocks into one", () => {
    // A decoration spanning blocks is stored with the document, not inside a paragraph,
    // and stays there when an edit leaves it within one paragraph. Once that paragraph
    // holds decorations of its own ("y"), removal looks for it there.
    const start = doc(p("One <a>two<b>"), p("three<c> four"));
    const state = EditorState.create({
      doc: start,
      plugins: [annotationPlugin({ initial: [claim("x", start.tag.a!, start.tag.c!)] })],
    });
    const joined = run(state.apply(state.tr.delete(start.tag.b!, start.tag.c!)), addAnnotation(claim("y", 1, 3)));
    expect(joined.doc.childCount).toBe(1);
    expectRange(joined, start.tag.a!, start.tag.b!, "x");

    const updated = run(joined, updateAnnotation("x", { kind: "hedge" }));
    expectRange(updated, start.tag.a!, start.tag.b!, "x");
    const removed = getAnnotationState(run(updated, removeAnnotation("x")));
    expect(removed.decorations.find().map((d) => (d.spec as { id: string }).id)).toEqual(["y"]);
  });
});
