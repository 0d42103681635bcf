import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enqueue, type SyncOperation } from "@/lib/editor/sync/sync-operation";

const create = (id: string, body: Record<string, unknown> = { kind: "claim", from: 1, to: 5 }): SyncOperation => ({ type: "create", id, body });
const update = (id: string, patch: Record<string, unknown>): SyncOperation => ({ type: "update", id, patch });
const remove = (id: string): SyncOperation => ({ type: "delete", id });
const link = (id: string, targetId: string): SyncOperation => ({ type: "link", id, body: { type: "attributes", targetId } });

/** Pushes each operation in turn, as the queue does when nothing is on the wire. */
const enqueueAll = (ops: SyncOperation[], start: SyncOperation[] = [], inFlightId?: string) =>
  ops.reduce<SyncOperation[]>((pending, op) => enqueue(pending, op, inFlightId), start);

describe("enqueue", () => {
  it("appends to an empty list", () => {
    expect(enqueue([], create("a"))).toEqual([create("a")]);
  });

  it("folds an update into the unsent create of the same annotation", () => {
    const pending = [create("a", { kind: "claim", from: 1, to: 5, note: "" })];
    const next = enqueue(pending, update("a", { kind: "hedge", note: "check" }));
    expect(next).toEqual([create("a", { kind: "hedge", from: 1, to: 5, note: "check" })]);
  });

  it("merges consecutive updates, the later value of a field winning", () => {
    const next = enqueueAll([update("a", { kind: "hedge", note: "one" }), update("a", { note: "two" }), update("a", { attributes: { checkWorthy: true } })]);
    expect(next).toEqual([update("a", { kind: "hedge", note: "two", attributes: { checkWorthy: true } })]);
  });

  it("cancels an unsent create when the annotation is deleted", () => {
    expect(enqueue([create("a")], remove("a"))).toEqual([]);
  });

  it("cancels a create that already absorbed updates, leaving earlier operations alone", () => {
    const next = enqueueAll([create("b"), create("a"), update("a", { kind: "attribution" }), remove("a")]);
    expect(next).toEqual([create("b")]);
  });

  it("does not change the list it was given", () => {
    const pending = [create("a")];
    const copy = structuredClone(pending);
    enqueue(pending, update("a", { kind: "hedge" }));
    enqueue(pending, remove("a"));
    enqueue(pending, create("b"));
    expect(pending).toEqual(copy);
  });

  it("never folds an update into the create that is on the wire", () => {
    const pending = [create("a")];
    const next = enqueue(pending, update("a", { kind: "hedge" }), "a");
    expect(next).toEqual([create("a"), update("a", { kind: "hedge" })]);
  });

  it("never cancels the create that is on the wire: the delete is still sent after it", () => {
    const next = enqueue([create("a")], remove("a"), "a");
    expect(next).toEqual([create("a"), remove("a")]);
  });

  it("never merges into the update that is on the wire", () => {
    const next = enqueue([update("a", { kind: "hedge" })], update("a", { note: "later" }), "a");
    expect(next).toEqual([update("a", { kind: "hedge" }), update("a", { note: "later" })]);
  });

  it("still folds into later operations while the head is on the wire", () => {
    let pending = enqueue([create("a")], update("a", { kind: "hedge" }), "a");
    pending = enqueue(pending, update("a", { note: "n" }), "a");
    expect(pending).toEqual([create("a"), update("a", { kind: "hedge", note: "n" })]);

    const creates = enqueue([create("a"), create("b")], update("b", { kind: "attribution" }), "a");
    expect(creates).toEqual([create("a"), create("b", { kind: "attribution", from: 1, to: 5 })]);
  });

  it("does not fold operations of different annotations", () => {
    expect(enqueue([create("a")], update("b", { kind: "hedge" }))).toEqual([create("a"), update("b", { kind: "hedge" })]);
    expect(enqueue([create("a")], remove("b"))).toEqual([create("a"), remove("b")]);
    expect(enqueue([update("a", { kind: "hedge" })], update("b", { kind: "claim" }))).toEqual([
      update("a", { kind: "hedge" }),
      update("b", { kind: "claim" }),
    ]);
  });

  it("keeps a delete that follows an unsent update, so the server row goes away", () => {
    const next = enqueueAll([update("a", { kind: "hedge" }), remove("a")]);
    expect(next.at(-1)).toEqual(remove("a"));
  });

  it("keeps a create that follows a delete (undo of a delete) after the delete", () => {
    expect(enqueue([remove("a")], create("a"))).toEqual([remove("a"), create("a")]);
  });

  it("keeps links, in order, after the create they refer to", () => {
    const next = enqueueAll([create("a", { kind: "attribution", from: 1, to: 3 }), link("a", "c"), update("a", { note: "src" })]);
    expect(next.map((op) => op.type)).toEqual(["create", "link", "update"]);
    expect(next[1]).toEqual(link("a", "c"));
  });
});

// A model of what the server ends up with when operations are applied one by one.
type Model = Map<string, Record<string, unknown>>;

function apply(model: Model, op: SyncOperation): void {
  if (op.type === "create") model.set(op.id, { ...op.body });
  else if (op.type === "update") {
    const current = model.get(op.id);
    if (current) model.set(op.id, { ...current, ...op.patch });
  } else if (op.type === "delete") model.delete(op.id);
}

const ids = ["a", "b", "c"];
interface Intent {
  id: string;
  remove: boolean;
  kind: string;
  note: string | undefined;
}
const intent: fc.Arbitrary<Intent> = fc.record({
  id: fc.constantFrom(...ids),
  remove: fc.boolean(),
  kind: fc.constantFrom("claim", "hedge", "attribution"),
  note: fc.option(fc.constantFrom("", "x", "y"), { nil: undefined }),
});

/** Turns random intents into a sequence the editor can produce: creates only for absent ids. */
function operations(initial: readonly string[], intents: Intent[]): SyncOperation[] {
  const present = new Set(initial);
  return intents.map(({ id, remove: del, kind, note }) => {
    if (!present.has(id)) {
      present.add(id);
      return create(id, { kind, from: 0, to: 1, ...(note === undefined ? {} : { note }) });
    }
    if (del) {
      present.delete(id);
      return remove(id);
    }
    return update(id, note === undefined ? { kind } : { note });
  });
}

describe("enqueue folding (property)", () => {
  it("sends fewer or as many operations and leaves the server in the same state as the raw sequence", () => {
    fc.assert(
      fc.property(fc.subarray(ids), fc.array(intent, { maxLength: 25 }), (initial, intents) => {
        const ops = operations(initial, intents);
        const folded = enqueueAll(ops);
        expect(folded.length).toBeLessThanOrEqual(ops.length);

        const direct: Model = new Map(initial.map((id) => [id, { kind: "claim", from: 0, to: 1 }]));
        const viaQueue: Model = new Map(direct);
        for (const op of ops) apply(direct, op);
        for (const op of folded) apply(viaQueue, op);
        expect(viaQueue).toEqual(direct);
      }),
    );
  });

  it("never touches the operation on the wire", () => {
    fc.assert(
      fc.property(fc.subarray(ids), fc.array(intent, { minLength: 1, maxLength: 25 }), (initial, intents) => {
        const ops = operations(initial, intents);
        const head = ops[0]!;
        const folded = enqueueAll(ops.slice(1), [head], head.id);
        expect(folded[0]).toBe(head);

        // The head is sent as it was; everything after it still reaches the same state.
        const direct: Model = new Map(initial.map((id) => [id, { kind: "claim", from: 0, to: 1 }]));
        const viaQueue: Model = new Map(direct);
        for (const op of ops) apply(direct, op);
        for (const op of folded) apply(viaQueue, op);
        expect(viaQueue).toEqual(direct);
      }),
    );
  });
});

describe("enqueue: text saves", () => {
  const save = (v: number): SyncOperation => ({ type: "revision", id: "revision", body: { doc: { v }, annotations: [] } });

  it("replaces an unsent text save by the newer one", () => {
    expect(enqueueAll([create("a"), save(1), save(2)])).toEqual([create("a"), save(2)]);
  });

  it("keeps two text saves apart when a change came between them", () => {
    expect(enqueueAll([save(1), create("a"), save(2)])).toEqual([save(1), create("a"), save(2)]);
  });

  it("never replaces a text save that is on the wire", () => {
    expect(enqueue([save(1)], save(2), "revision")).toEqual([save(1), save(2)]);
  });
});
