import fc from "fast-check";
import { parseHTML } from "linkedom";
import { canSplit, insertPoint } from "prosemirror-transform";
import { EditorState, Selection, type Command, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  addAnnotation,
  annotationPlugin,
  getAnnotationMeta,
  getAnnotationState,
  redoAnnotation,
  removeAnnotation,
  selectAnnotation,
  undoAnnotation,
  updateAnnotation,
  withAnnotationAction,
  annotationReducer,
  type AnnotationAction,
  type AnnotationKind,
  type AnnotationOrigin,
  type AnnotationStatus,
  type EditorAnnotation,
} from "@/lib/editor/annotations";
import { annotationActionApplies } from "@/lib/editor/annotations/annotation-applies";
import { schema } from "@/lib/editor/schema";

const kinds: AnnotationKind[] = ["claim", "hedge", "attribution"];
const statuses: AnnotationStatus[] = ["pending", "approved", "rejected", "orphaned"];

// Built directly: the test builder would read "<name>" in text as a position tag.
const { paragraph, heading, blockquote, doc } = schema.nodes;
const startDoc = doc.create(null, [
  heading.create({ level: 2 }, schema.text("Council votes on budget")),
  paragraph.create(null, schema.text("The council said on Monday that taxes would fall.")),
  blockquote.create(null, paragraph.create(null, schema.text("We expect a surplus, probably."))),
  paragraph.create(null, schema.text("Critics disagreed.")),
]);

type Op =
  | { type: "add"; at: number; length: number; kind: AnnotationKind }
  | { type: "remove"; pick: number }
  | { type: "update"; pick: number; kind: AnnotationKind; status: AnnotationStatus }
  | { type: "select"; pick: number }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "insert"; at: number; text: string }
  | { type: "delete"; at: number; length: number }
  | { type: "split"; at: number }
  | { type: "compound"; at: number; length: number; insertAt: number }
  | { type: "remote"; pick: number; remove: boolean; status: AnnotationStatus };

const annotationOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("add" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }), kind: fc.constantFrom(...kinds) }),
  fc.record({ type: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ type: fc.constant("update" as const), pick: fc.nat(), kind: fc.constantFrom(...kinds), status: fc.constantFrom(...statuses) }),
  fc.record({ type: fc.constant("select" as const), pick: fc.nat() }),
  fc.constant({ type: "undo" as const }),
  fc.constant({ type: "redo" as const }),
);

const editOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom("x", "new ", "quite a lot more") }),
  fc.record({ type: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ type: fc.constant("split" as const), at: fc.nat() }),
  fc.record({
    type: fc.constant("compound" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 25 }),
    insertAt: fc.nat(),
  }),
);

// Another editor's change arriving from the server.
const remoteOp: fc.Arbitrary<Op> = fc.record({
  type: fc.constant("remote" as const),
  pick: fc.nat(),
  remove: fc.boolean(),
  status: fc.constantFrom(...statuses),
});

/** Applies one random operation; returns the same state when it does not apply. */
function applyOp(state: EditorState, op: Op, nextId: () => string): { state: EditorState; tr?: Transaction } {
  const size = state.doc.content.size;
  const ids = [...getAnnotationState(state).annotations.keys()];
  const picked = (pick: number) => ids[pick % Math.max(ids.length, 1)];
  const run = (command: Command) => {
    let result: { state: EditorState; tr?: Transaction } = { state };
    command(state, (tr: Transaction) => (result = { state: state.apply(tr), tr }));
    return result;
  };
  const apply = (tr: Transaction) => ({ state: state.apply(tr), tr });
  const textPos = (at: number) => Selection.near(state.doc.resolve(at % (size + 1))).from;
  switch (op.type) {
    case "add": {
      const from = op.at % size;
      const annotation: EditorAnnotation = { id: nextId(), kind: op.kind, from, to: Math.min(from + op.length, size), status: "pending" };
      return run(addAnnotation(annotation));
    }
    case "remove": {
      const id = picked(op.pick);
      return id === undefined ? { state } : run(removeAnnotation(id));
    }
    case "update": {
      const id = picked(op.pick);
      return id === undefined ? { state } : run(updateAnnotation(id, { kind: op.kind, status: op.status }));
    }
    case "select":
      return run(selectAnnotation(picked(op.pick) ?? null));
    case "undo":
      return run(undoAnnotation);
    case "redo":
      return run(redoAnnotation);
    case "remote": {
      const id = picked(op.pick);
      if (id === undefined) return { state };
      const action: AnnotationAction = op.remove ? { type: "remove", id } : { type: "update", id, patch: { status: op.status } };
      return apply(withAnnotationAction(state.tr, action, "remote"));
    }
    case "insert":
      return apply(state.tr.insertText(op.text, textPos(op.at)));
    case "delete": {
      const from = textPos(op.at);
      const to = Math.min(from + op.length, size - 1);
      return from < to ? apply(state.tr.delete(from, to)) : { state };
    }
    case "split": {
      const pos = textPos(op.at);
      return canSplit(state.doc, pos) ? apply(state.tr.split(pos)) : { state };
    }
    case "compound": {
      // Several steps in one transaction: a deletion, then an empty paragraph and some text elsewhere.
      const tr = state.tr;
      const from = textPos(op.at);
      tr.delete(from, Math.max(from, Math.min(from + op.length, size - 1)));
      const empty = schema.nodes.paragraph.create();
      const point = insertPoint(tr.doc, op.insertAt % (tr.doc.content.size + 1), empty.type);
      if (point !== null) tr.insert(point, empty);
      tr.insertText("typed", Selection.near(tr.doc.resolve(op.insertAt % (tr.doc.content.size + 1))).from);
      return apply(tr);
    }
  }
}

/** Every annotation has exactly one decoration over its current range, and nothing else is drawn. */
function expectDecorationsMatch(state: EditorState) {
  const plugin = getAnnotationState(state);
  const drawn = plugin.decorations
    .find()
    .map((d) => ({ id: (d.spec as { id: string }).id, from: d.from, to: d.to }))
    .sort((x, y) => x.id.localeCompare(y.id));
  const expected = [...plugin.annotations.values()]
    .map(({ id, from, to }) => ({ id, from, to }))
    .sort((x, y) => x.id.localeCompare(y.id));
  expect(drawn).toEqual(expected);
  for (const { from, to } of expected) {
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThan(to);
    expect(to).toBeLessThanOrEqual(state.doc.content.size);
  }
  for (const id of plugin.collapsed) expect(plugin.annotations.has(id)).toBe(false);
  if (plugin.selectedId !== null) expect(plugin.annotations.has(plugin.selectedId)).toBe(true);
}

/**
 * Runs the operations, checking the drawing after each one. Also keeps the app's
 * view of the server, fed only by transaction metas and collapse reports, and checks
 * that it always agrees with the editor: every change is visible to the app.
 */
function sequence(ops: Op[]) {
  let counter = 0;
  const nextId = () => `n${counter++}`;
  let state = EditorState.create({ doc: startDoc, plugins: [annotationPlugin()] });
  const server = new Map<string, { kind: AnnotationKind; status: AnnotationStatus }>();
  for (const op of ops) {
    const result = applyOp(state, op, nextId);
    const before = getAnnotationState(state);
    state = result.state;
    const after = getAnnotationState(state);
    const action = result.tr && getAnnotationMeta(result.tr)?.action;
    if (action?.type === "add") server.set(action.annotation.id, { kind: action.annotation.kind, status: action.annotation.status });
    if (action?.type === "remove") server.delete(action.id);
    if (action?.type === "update") {
      const current = server.get(action.id);
      if (current !== undefined) server.set(action.id, { ...current, ...action.patch });
    }
    for (const id of after.collapsed) if (!before.collapsed.has(id)) server.delete(id);
    expectDecorationsMatch(state);
    expect(new Map([...after.annotations.values()].map(({ id, kind, status }) => [id, { kind, status }]))).toEqual(server);
  }
  return state;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("annotation state under random changes", () => {
  it("keeps every decoration exactly on its annotation through annotation changes and edits", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(annotationOp, annotationOp, editOp, remoteOp), { maxLength: 60, size: "max" }), (ops) => {
        sequence(ops);
      }),
      { numRuns: 300 },
    );
  });

  it("never draws annotations that were removed or whose text was deleted", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(annotationOp, editOp, remoteOp), { maxLength: 40, size: "max" }), (ops) => {
        const state = sequence(ops);
        const plugin = getAnnotationState(state);
        const drawnIds = new Set(plugin.decorations.find().map((d) => (d.spec as { id: string }).id));
        for (const id of plugin.collapsed) expect(drawnIds.has(id)).toBe(false);
        expect(drawnIds).toEqual(new Set(plugin.annotations.keys()));
      }),
      { numRuns: 200 },
    );
  });

  it("returns to the starting annotations after undoing every annotation change", () => {
    fc.assert(
      fc.property(fc.array(annotationOp, { maxLength: 40, size: "max" }), (ops) => {
        let state = sequence(ops);
        while (undoAnnotation(state)) state = applyOp(state, { type: "undo" }, () => "unused").state;
        expect(getAnnotationState(state).annotations.size).toBe(0);
        expect(getAnnotationState(state).decorations.find()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("undo then redo restores the same annotations", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(annotationOp, editOp), { maxLength: 40, size: "max" }), (ops) => {
        const state = sequence(ops);
        if (!undoAnnotation(state)) return;
        const undone = applyOp(state, { type: "undo" }, () => "unused").state;
        const redone = applyOp(undone, { type: "redo" }, () => "unused").state;
        const sorted = (s: EditorState) => [...getAnnotationState(s).annotations.values()].sort((x, y) => x.id.localeCompare(y.id));
        expect(sorted(redone)).toEqual(sorted(state));
      }),
      { numRuns: 200 },
    );
  });

  it("commands apply exactly when the reducer would change the state", () => {
    const origins: AnnotationOrigin[] = ["local", "remote", "undo", "redo"];
    const candidate = fc.record({
      type: fc.constantFrom("add", "remove", "update", "select", "restore", "replaceAll"),
      pick: fc.nat(),
      at: fc.nat(),
      length: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom(...kinds),
      status: fc.constantFrom(...statuses),
      origin: fc.constantFrom(...origins),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(annotationOp, editOp, remoteOp), { maxLength: 30, size: "max" }), fc.array(candidate, { maxLength: 20 }), (ops, candidates) => {
        const state = sequence(ops);
        const plugin = getAnnotationState(state);
        const drawnAnnotations = [...plugin.annotations.values()];
        // Ids of drawn annotations, one unknown id, and (for select) null.
        const pickId = (pick: number) => (pick % (drawnAnnotations.length + 1) === drawnAnnotations.length ? "unknown" : drawnAnnotations[pick % (drawnAnnotations.length + 1)]!.id);
        for (const c of candidates) {
          const size = state.doc.content.size;
          const from = c.at % (size + 1);
          const fresh: EditorAnnotation = { id: c.pick % 3 === 0 && drawnAnnotations.length > 0 ? pickId(c.pick) : `c${c.pick}`, kind: c.kind, from, to: Math.min(from + c.length, size + 2), status: c.status };
          const action: AnnotationAction =
            c.type === "add"
              ? { type: "add", annotation: fresh }
              : c.type === "remove"
                ? { type: "remove", id: pickId(c.pick) }
                : c.type === "update"
                  ? { type: "update", id: pickId(c.pick), patch: c.pick % 2 === 0 ? { kind: c.kind } : { status: c.status } }
                  : c.type === "select"
                    ? { type: "select", id: c.pick % 5 === 0 ? null : pickId(c.pick) }
                    : c.type === "restore"
                      ? { type: "restore", annotations: [fresh, ...drawnAnnotations.slice(0, c.pick % 3)] }
                      : { type: "replaceAll", annotations: drawnAnnotations };
          const changes = annotationReducer(plugin, action, state.doc, c.origin) !== plugin;
          expect(annotationActionApplies(plugin, action, state.doc, c.origin)).toBe(changes);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("renders each annotation's attributes and text after any sequence", () => {
    const { document, window } = parseHTML("<!doctype html><html><body></body></html>");
    vi.stubGlobal("document", document);
    vi.stubGlobal("window", window);
    fc.assert(
      fc.property(fc.array(fc.oneof(annotationOp, annotationOp, editOp), { maxLength: 30, size: "max" }), (ops) => {
        const state = sequence(ops);
        const place = document.createElement("div");
        const view = new EditorView(place, { state });
        const plugin = getAnnotationState(state);
        for (const annotation of plugin.annotations.values()) {
          const spans = [...view.dom.querySelectorAll(`[data-annotation-id="${annotation.id}"]`)];
          expect(spans.length).toBeGreaterThan(0);
          const selected = plugin.selectedId === annotation.id ? " is-selected" : "";
          for (const span of spans) {
            expect(span.getAttribute("class")).toBe(`annotation annotation-${annotation.kind}${selected}`);
            expect(span.getAttribute("data-kind")).toBe(annotation.kind);
            expect(span.getAttribute("data-status")).toBe(annotation.status);
          }
          expect(spans.map((span) => span.textContent).join("")).toBe(state.doc.textBetween(annotation.from, annotation.to));
        }
        expect(view.dom.querySelectorAll("[data-annotation-id]").length).toBeGreaterThanOrEqual(plugin.annotations.size);
        view.destroy();
      }),
      { numRuns: 100 },
    );
  });
});
