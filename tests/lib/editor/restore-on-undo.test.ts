import { history, undo } from "prosemirror-history";
import { EditorState, type Command } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { annotationPlugin, getAnnotationState, type EditorAnnotation } from "@/lib/editor/annotations";
import { restoreOnUndo } from "@/lib/editor/restore-on-undo";
import { claim, doc, p, run } from "./annotations/fixtures";

const node = doc(p("Intro."), p("<a>Steve<b> Witkoff said <c>the talks<d> would resume."), p("End."));
const { a, b, c, d } = node.tag as Record<string, number>;
const annotations = [claim("name", a!, b!), { ...claim("talks", c!, d!), status: "approved" as const }];

function create(initial: EditorAnnotation[] = annotations): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin({ initial }), history(), restoreOnUndo()] });
}

const remove = (from: number, to: number): Command => (state, dispatch) => {
  dispatch?.(state.tr.delete(from, to));
  return true;
};
const insert = (text: string, at: number): Command => (state, dispatch) => {
  dispatch?.(state.tr.insertText(text, at));
  return true;
};

const drawn = (state: EditorState) =>
  [...getAnnotationState(state).annotations.values()].map((x) => ({ id: x.id, status: x.status, text: state.doc.textBetween(x.from, x.to) })).sort((x, y) => x.id.localeCompare(y.id));

describe("restoreOnUndo", () => {
  it("brings back an annotation whose words were deleted whole when the deletion is undone", () => {
    const deleted = run(create(), remove(c! - 1, d!));
    expect(drawn(deleted).map((x) => x.id)).toEqual(["name"]);
    const undone = run(deleted, undo);
    expect(drawn(undone)).toEqual([
      { id: "name", status: "pending", text: "Steve" },
      { id: "talks", status: "approved", text: "the talks" },
    ]);
  });

  it("brings back every annotation of a deleted paragraph, each on its own words", () => {
    const deleted = run(create(), remove(a! - 1, d! + " would resume.".length + 1));
    expect(deleted.doc.childCount).toBe(2);
    expect(drawn(deleted)).toEqual([]);
    const undone = run(deleted, undo);
    expect(undone.doc.eq(node)).toBe(true);
    expect(drawn(undone).map((x) => x.text)).toEqual(["Steve", "the talks"]);
  });

  it("finds the words again after later edits elsewhere moved them", () => {
    let state = run(create(), remove(c!, d!));
    // A separate undo event: an edit before the deleted words shifts every position after it.
    state = state.apply(state.tr.insertText("Breaking: ", 1).setMeta("addToHistory", false));
    state = run(state, undo);
    expect(drawn(state).find((x) => x.id === "talks")).toEqual({ id: "talks", status: "approved", text: "the talks" });
  });

  it("does not bring an annotation back when the same words are typed again", () => {
    const deleted = run(create(), remove(a!, b!));
    const retyped = run(deleted, insert("Steve", a!));
    expect(retyped.doc.eq(node)).toBe(true);
    expect(drawn(retyped).map((x) => x.id)).toEqual(["talks"]);
  });
});
