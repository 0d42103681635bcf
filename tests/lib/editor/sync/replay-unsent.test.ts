import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastUnsentText, placeAsSaved, replayUnsent } from "@/components/editor/replay-unsent";
import type { AnnotationKind, EditorAnnotation } from "@/lib/editor/annotations/types";
import { enqueue, type SyncOperation } from "@/lib/editor/sync/sync-operation";

const server: EditorAnnotation[] = [
  { id: "s1", kind: "claim", from: 1, to: 4, status: "approved" },
  { id: "s2", kind: "hedge", from: 6, to: 9, status: "pending" },
];

const create = (id: string, kind: AnnotationKind, from = 10, to = 12): SyncOperation => ({
  type: "create",
  id,
  body: { revisionId: "r1", kind, from, to },
});
const update = (id: string, patch: Record<string, unknown>): SyncOperation => ({ type: "update", id, patch });
const remove = (id: string): SyncOperation => ({ type: "delete", id });

const byId = (annotations: EditorAnnotation[]) => [...annotations].sort((a, b) => a.id.localeCompare(b.id));

describe("replayUnsent", () => {
  it("returns the server's annotations when nothing is unsent", () => {
    expect(replayUnsent(server, [])).toEqual(server);
  });

  it("adds unsent creates as pending annotations with the created kind and span", () => {
    const drawn = replayUnsent(server, [create("n1", "attribution", 20, 30)]);
    expect(byId(drawn)).toEqual(byId([...server, { id: "n1", kind: "attribution", from: 20, to: 30, status: "pending" }]));
  });

  it("removes annotations with an unsent delete", () => {
    expect(replayUnsent(server, [remove("s1")])).toEqual([server[1]]);
  });

  it("applies an unsent change of kind", () => {
    const drawn = replayUnsent(server, [update("s1", { kind: "attribution" })]);
    expect(drawn.find((a) => a.id === "s1")).toEqual({ ...server[0], kind: "attribution" });
    expect(drawn.find((a) => a.id === "s2")).toEqual(server[1]);
  });

  it("leaves the drawing alone for updates that do not change the kind", () => {
    expect(replayUnsent(server, [update("s1", { note: "checked" }), update("s2", { attributes: {} })])).toEqual(server);
  });

  it("ignores an update of an annotation that is not there", () => {
    expect(replayUnsent(server, [update("gone", { kind: "hedge" })])).toEqual(server);
  });

  it("ignores links", () => {
    const link: SyncOperation = { type: "link", id: "s1", body: { type: "attributes", targetId: "s2" } };
    expect(replayUnsent(server, [link])).toEqual(server);
  });

  it("applies a create, a change of kind and a delete of the same annotation in order", () => {
    expect(replayUnsent(server, [create("n1", "claim"), update("n1", { kind: "hedge" })]).find((a) => a.id === "n1")?.kind).toBe("hedge");
    expect(replayUnsent(server, [create("n1", "claim"), remove("n1")]).map((a) => a.id)).toEqual(["s1", "s2"]);
    // Undo of a delete: deleted, then created again with the same id.
    const undone = replayUnsent(server, [remove("s2"), create("s2", "hedge", 6, 9)]);
    expect(undone.find((a) => a.id === "s2")).toEqual({ id: "s2", kind: "hedge", from: 6, to: 9, status: "pending" });
  });

  it("shows a create whose annotation already reached the server once, not twice", () => {
    // After a reload, the create of s2 may still be unsent although the server already has it.
    const drawn = replayUnsent(server, [create("s2", "hedge", 6, 9)]);
    expect(drawn.filter((a) => a.id === "s2")).toHaveLength(1);
    expect(drawn).toHaveLength(2);
  });

  it("does not change the server list it was given", () => {
    const copy = structuredClone(server);
    replayUnsent(server, [remove("s1"), update("s2", { kind: "claim" }), create("n1", "claim")]);
    expect(server).toEqual(copy);
  });

  it("gives the same annotations whatever the order of operations on different annotations", () => {
    const ops = [remove("s1"), update("s2", { kind: "attribution" }), create("n1", "claim"), create("n2", "hedge", 30, 33)];
    const expected = byId(replayUnsent(server, ops));
    expect(expected.map((a) => a.id)).toEqual(["n1", "n2", "s2"]);
    fc.assert(
      fc.property(fc.shuffledSubarray(ops, { minLength: ops.length }), (shuffled) => {
        expect(byId(replayUnsent(server, shuffled))).toEqual(expected);
      }),
    );
  });

  it("gives the same annotations whatever the order of the server's list", () => {
    const ops = [update("s1", { kind: "hedge" }), remove("s2"), create("n1", "claim")];
    expect(byId(replayUnsent([...server].reverse(), ops))).toEqual(byId(replayUnsent(server, ops)));
  });
});

// What the user sees after a reload must equal what they did: the server has the operations the queue
// sent, and replaying the rest (as folded by the queue) on top gives the state of applying all of them.
describe("replayUnsent with the queue's folding (property)", () => {
  const kinds: AnnotationKind[] = ["claim", "hedge", "attribution"];
  const ids = ["a", "b", "c", "d"];

  function applyOp(state: Map<string, EditorAnnotation>, op: SyncOperation): void {
    if (op.type === "create") {
      const body = op.body as { kind: AnnotationKind; from: number; to: number };
      state.set(op.id, { id: op.id, kind: body.kind, from: body.from, to: body.to, status: "pending" });
    } else if (op.type === "delete") state.delete(op.id);
    else if (op.type === "update" && op.patch.kind) {
      const current = state.get(op.id);
      if (current) state.set(op.id, { ...current, kind: op.patch.kind as AnnotationKind });
    }
  }

  it("server state after the sent prefix plus the replayed rest equals applying every operation", () => {
    const step = fc.record({ id: fc.constantFrom(...ids), remove: fc.boolean(), kind: fc.constantFrom(...kinds), noteOnly: fc.boolean() });
    fc.assert(
      fc.property(fc.subarray(ids), fc.array(step, { maxLength: 20 }), fc.nat(), (initialIds, steps, cut) => {
        const initial = initialIds.map((id, i): EditorAnnotation => ({ id, kind: "claim", from: i * 10, to: i * 10 + 5, status: "approved" }));
        const present = new Set(initialIds);
        const ops = steps.map(({ id, remove: del, kind, noteOnly }, i): SyncOperation => {
          if (!present.has(id)) {
            present.add(id);
            return create(id, kind, 100 + i, 105 + i);
          }
          if (del) {
            present.delete(id);
            return remove(id);
          }
          return update(id, noteOnly ? { note: `n${i}` } : { kind });
        });

        const expected = new Map(initial.map((a) => [a.id, a]));
        for (const op of ops) applyOp(expected, op);

        const sent = cut % (ops.length + 1);
        const onServer = new Map(initial.map((a) => [a.id, a]));
        for (const op of ops.slice(0, sent)) applyOp(onServer, op);
        const unsent = ops.slice(sent).reduce<SyncOperation[]>((pending, op) => enqueue(pending, op), []);

        expect(byId(replayUnsent([...onServer.values()], unsent))).toEqual(byId([...expected.values()]));
      }),
    );
  });
});

describe("replayUnsent with text saves", () => {
  const save = (annotations: Array<{ id: string; from: number; to: number }>, doc: unknown = { v: 2 }): SyncOperation => ({
    type: "revision",
    id: "revision",
    body: { doc, annotations },
  });

  it("moves annotations to the spans an unsent text save recorded and drops those it lacks", () => {
    const drawn = replayUnsent(server, [save([{ id: "s2", from: 16, to: 19 }])]);
    expect(drawn).toEqual([{ ...server[1], from: 16, to: 19 }]);
  });

  it("keeps creates made after the text save at their own positions", () => {
    const drawn = replayUnsent(server, [create("n0", "claim", 2, 3), save([{ id: "s1", from: 1, to: 4 }, { id: "n0", from: 7, to: 8 }]), create("n1", "hedge", 30, 33)]);
    expect(byId(drawn)).toEqual(
      byId([
        { ...server[0]! },
        { id: "n0", kind: "claim", from: 7, to: 8, status: "pending" },
        { id: "n1", kind: "hedge", from: 30, to: 33, status: "pending" },
      ]),
    );
  });

  it("applies an unsent move (a re-attached annotation) to the annotation's span", () => {
    expect(replayUnsent(server, [update("s1", { from: 20, to: 25 })]).find((a) => a.id === "s1")).toEqual({ ...server[0], from: 20, to: 25 });
  });

  it("lastUnsentText gives the newest unsent document, or null", () => {
    expect(lastUnsentText([create("n1", "claim")])).toBeNull();
    expect(lastUnsentText([save([], { v: 2 }), create("n1", "claim"), save([], { v: 3 })])).toEqual({ v: 3 });
  });

  it("placeAsSaved keeps the annotations a draft names, at the draft's spans, in the draft's order", () => {
    expect(placeAsSaved(server, { annotations: [{ id: "s2", from: 1, to: 2 }, { id: "gone", from: 3, to: 4 }, { id: "s1", from: 5, to: 9 }] })).toEqual([
      { ...server[1], from: 1, to: 2 },
      { ...server[0], from: 5, to: 9 },
    ]);
  });
});
