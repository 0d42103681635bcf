import { closeHistory, history } from "prosemirror-history";
import { EditorState, type Command, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { addAnnotation, annotationPlugin, getAnnotationState, type EditorAnnotation } from "@/lib/editor/annotations";
import { redoLatest, undoAvailability, undoLatest, undoOrderPlugin } from "@/lib/editor/undo-order";
import { claim, doc, p, run } from "./annotations/fixtures";

const node = doc(p("The <a>council<b> voted yesterday."));
const { a, b } = node.tag as Record<string, number>;

function create(initial: EditorAnnotation[] = []): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin({ initial }), history(), undoOrderPlugin()] });
}

/** Types text at a position as its own undo step (as if the user paused before typing). */
const type = (text: string, at: number): Command => (state, dispatch) => {
  dispatch?.(closeHistory(state.tr.insertText(text, at)) as Transaction);
  return true;
};

const text = (state: EditorState) => state.doc.textContent;
const ids = (state: EditorState) => [...getAnnotationState(state).annotations.keys()];

describe("undo order across text and annotations", () => {
  it("undoes the latest change first: text typed after a tag goes before the tag", () => {
    const tagged = run(create(), addAnnotation(claim("x", a!, b!)));
    const typed = run(tagged, type("local ", a!));
    expect(text(typed)).toBe("The local council voted yesterday.");

    const first = run(typed, undoLatest);
    expect(text(first)).toBe("The council voted yesterday.");
    expect(ids(first)).toEqual(["x"]);
    const second = run(first, undoLatest);
    expect(ids(second)).toEqual([]);
    expect(undoAvailability(second)).toEqual({ canUndo: false, canRedo: true });
  });

  it("undoes a tag made after typing before the typing", () => {
    const typed = run(create(), type("Big ", 1));
    const tagged = run(typed, addAnnotation(claim("x", a! + 4, b! + 4)));
    const first = run(tagged, undoLatest);
    expect(ids(first)).toEqual([]);
    expect(text(first)).toBe("Big The council voted yesterday.");
    const second = run(first, undoLatest);
    expect(text(second)).toBe("The council voted yesterday.");
  });

  it("redoes in the order the changes were undone", () => {
    let state = run(create(), addAnnotation(claim("x", a!, b!)));
    state = run(state, type("local ", a!));
    state = run(run(state, undoLatest), undoLatest);
    const once = run(state, redoLatest);
    expect(ids(once)).toEqual(["x"]);
    expect(text(once)).toBe("The council voted yesterday.");
    const twice = run(once, redoLatest);
    expect(text(twice)).toBe("The local council voted yesterday.");
    // The highlight followed the typing: it still covers "council".
    const x = getAnnotationState(twice).annotations.get("x")!;
    expect(twice.doc.textBetween(x.from, x.to)).toBe("council");
    expect(undoAvailability(twice)).toEqual({ canUndo: true, canRedo: false });
  });

  it("has nothing to undo in a fresh editor", () => {
    const state = create([claim("x", a!, b!)]);
    expect(undoAvailability(state)).toEqual({ canUndo: false, canRedo: false });
    expect(undoLatest(state)).toBe(false);
    expect(redoLatest(state)).toBe(false);
  });
});
