import { history, redo, undo } from "prosemirror-history";
import { EditorState, type Command, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  ANNOTATION_HISTORY_DEPTH,
  addAnnotation,
  annotationPlugin,
  getAnnotationMeta,
  getAnnotationState,
  redoAnnotation,
  removeAnnotation,
  replaceAnnotations,
  undoAnnotation,
  updateAnnotation,
  withAnnotationAction,
  type EditorAnnotation,
} from "@/lib/editor/annotations";
import { claim, doc, p } from "./fixtures";

const node = doc(p("The <a>council<b> voted <c>yesterday<d>."));
const { a, b: bb, c, d } = node.tag as Record<string, number>;

function create(initial: EditorAnnotation[] = []): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin({ initial })] });
}

/** Runs a command that must apply; returns the new state and the transaction it dispatched. */
function step(state: EditorState, command: Command): { state: EditorState; tr: Transaction } {
  let tr: Transaction | undefined;
  expect(command(state, (t) => (tr = t))).toBe(true);
  if (tr === undefined) throw new Error("command did not dispatch");
  return { state: state.apply(tr), tr };
}

function run(state: EditorState, command: Command): EditorState {
  return step(state, command).state;
}

function annotations(state: EditorState) {
  return [...getAnnotationState(state).annotations.values()].sort((x, y) => x.id.localeCompare(y.id));
}

function drawnIds(state: EditorState) {
  return getAnnotationState(state)
    .decorations.find()
    .map((deco) => (deco.spec as { id: string }).id)
    .sort();
}

describe("annotation undo and redo", () => {
  it("undoes an add by removing it, and redoes it", () => {
    const added = run(create(), addAnnotation(claim("x", a!, bb!)));
    const undone = step(added, undoAnnotation);
    expect(annotations(undone.state)).toEqual([]);
    expect(drawnIds(undone.state)).toEqual([]);
    expect(getAnnotationMeta(undone.tr)).toEqual({ action: { type: "remove", id: "x" }, origin: "undo" });

    const redone = step(undone.state, redoAnnotation);
    expect(annotations(redone.state)).toEqual([claim("x", a!, bb!)]);
    expect(drawnIds(redone.state)).toEqual(["x"]);
    expect(getAnnotationMeta(redone.tr)).toEqual({ action: { type: "add", annotation: claim("x", a!, bb!) }, origin: "redo" });
  });

  it("undoes a remove by re-adding the same id, fields and range", () => {
    const original = { ...claim("x", c!, d!), kind: "hedge" as const, status: "approved" as const };
    const removed = run(create([original]), removeAnnotation("x"));
    const undone = step(removed, undoAnnotation);
    expect(annotations(undone.state)).toEqual([original]);
    expect(getAnnotationMeta(undone.tr)?.action).toEqual({ type: "add", annotation: original });
    expect(annotations(run(undone.state, redoAnnotation))).toEqual([]);
  });

  it("re-adds a removed annotation at its range mapped through later edits", () => {
    const removed = run(create([claim("x", c!, d!)]), removeAnnotation("x"));
    const edited = removed.apply(removed.tr.insertText("Big ", 1));
    expect(annotations(run(edited, undoAnnotation))).toEqual([claim("x", c! + 4, d! + 4)]);
  });

  it("undoes an update by restoring only the fields it changed", () => {
    let state = run(create([claim("x", a!, bb!)]), updateAnnotation("x", { kind: "attribution" }));
    state = run(state, updateAnnotation("x", { status: "rejected", kind: "attribution" }));
    const undone = step(state, undoAnnotation);
    expect(getAnnotationMeta(undone.tr)?.action).toEqual({ type: "update", id: "x", patch: { status: "pending" } });
    expect(annotations(undone.state)).toEqual([{ ...claim("x", a!, bb!), kind: "attribution" }]);
    const twice = run(undone.state, undoAnnotation);
    expect(annotations(twice)).toEqual([claim("x", a!, bb!)]);
    expect(annotations(run(run(twice, redoAnnotation), redoAnnotation))).toEqual([
      { ...claim("x", a!, bb!), kind: "attribution", status: "rejected" },
    ]);
  });

  it("has nothing to undo or redo at first, and a new change clears redo", () => {
    const state = create([claim("x", a!, bb!)]);
    expect(undoAnnotation(state)).toBe(false);
    expect(redoAnnotation(state)).toBe(false);
    const undone = run(run(state, removeAnnotation("x")), undoAnnotation);
    expect(redoAnnotation(undone)).toBe(true);
    expect(redoAnnotation(run(undone, addAnnotation(claim("y", c!, d!))))).toBe(false);
  });

  it("keeps a bounded history", () => {
    let state = create([claim("x", a!, bb!)]);
    for (let i = 0; i < ANNOTATION_HISTORY_DEPTH + 5; i++) {
      state = run(state, updateAnnotation("x", { status: i % 2 === 0 ? "approved" : "pending" }));
    }
    let undone = 0;
    while (undoAnnotation(state)) {
      state = run(state, undoAnnotation);
      undone++;
    }
    expect(undone).toBe(ANNOTATION_HISTORY_DEPTH);
  });

  it("forgets undo entries for an annotation whose text is deleted", () => {
    const added = run(run(create(), addAnnotation(claim("x", a!, bb!))), addAnnotation(claim("y", c!, d!)));
    const deleted = added.apply(added.tr.delete(c!, d!));
    expect(getAnnotationState(deleted).collapsed.has("y")).toBe(true);
    // Only "x" is left to undo; re-drawing "y" over nothing is impossible.
    const undone = step(deleted, undoAnnotation);
    expect(getAnnotationMeta(undone.tr)?.action).toEqual({ type: "remove", id: "x" });
    expect(undoAnnotation(undone.state)).toBe(false);
  });

  it("applies remote changes without an undo entry, forgetting local ones for that id", () => {
    let state = run(create([claim("x", a!, bb!), claim("y", c!, d!)]), updateAnnotation("x", { kind: "hedge" }));
    state = run(state, updateAnnotation("y", { kind: "hedge" }));
    state = state.apply(withAnnotationAction(state.tr, { type: "update", id: "x", patch: { status: "approved" } }, "remote"));
    expect(getAnnotationState(state).annotations.get("x")?.status).toBe("approved");
    const undone = step(state, undoAnnotation);
    expect(getAnnotationMeta(undone.tr)?.action).toEqual({ type: "update", id: "y", patch: { kind: "claim" } });
    expect(undoAnnotation(undone.state)).toBe(false);
  });

  it("starts a fresh history after replacing all annotations", () => {
    const state = run(create(), addAnnotation(claim("x", a!, bb!)));
    expect(undoAnnotation(run(state, replaceAnnotations([claim("y", c!, d!)])))).toBe(false);
  });
});

describe("alongside prosemirror-history", () => {
  it("leaves text undo to prosemirror-history and maps annotations both ways", () => {
    let state = EditorState.create({ doc: node, plugins: [history(), annotationPlugin({ initial: [claim("x", c!, d!)] })] });
    state = state.apply(state.tr.insertText("Big ", 1));
    expect(annotations(state)).toEqual([claim("x", c! + 4, d! + 4)]);
    state = run(state, undo);
    expect(state.doc.eq(node)).toBe(true);
    expect(annotations(state)).toEqual([claim("x", c!, d!)]);
    state = run(state, redo);
    expect(annotations(state)).toEqual([claim("x", c! + 4, d! + 4)]);
  });

  it("keeps annotation changes out of the text history", () => {
    const state = run(
      EditorState.create({ doc: node, plugins: [history(), annotationPlugin()] }),
      addAnnotation(claim("x", a!, bb!)),
    );
    expect(undo(state)).toBe(false);
    expect(undoAnnotation(state)).toBe(true);
  });
});
