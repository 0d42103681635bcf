import { describe, expect, it } from "vitest";
import { planAdoption, type Leftover } from "@/lib/editor/sync/plan-adoption";
import { REVISION_OPERATION_ID, type SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { TextDraft } from "@/lib/editor/text-draft";

const tag = (id: string): SyncOperation => ({ type: "create", id, body: { kind: "claim", from: 1, to: 5 } });
const textSave = (label: string): SyncOperation => ({ type: "revision", id: REVISION_OPERATION_ID, body: { doc: { label }, annotations: [] } });
const draft = (label: string): TextDraft => ({ baseRevisionId: "r1", doc: { label }, annotations: [] });
const left = (tabId: string, ops: SyncOperation[], d: TextDraft | null = null): Leftover => ({ tabId, ops, draft: d });

describe("taking over what closed tabs left", () => {
  it("merges annotation changes of several tabs behind the page's own, rather than one replacing another", () => {
    const plan = planAdoption([tag("own")], [left("t1", [tag("a"), tag("b")]), left("t2", [tag("c")])], { drafts: false });
    expect(plan.ops.map((op) => op.id)).toEqual(["own", "a", "b", "c"]);
    expect(plan.queuesTaken).toEqual(["t1", "t2"]);
    expect(plan.left).toBe(0);
  });

  it("takes a list with a text save only when nothing else is taken, and leaves the rest stored", () => {
    const first = planAdoption([], [left("t1", [textSave("one"), tag("a")]), left("t2", [tag("b")]), left("t3", [textSave("three")])], { drafts: true });
    expect(first.ops).toEqual([textSave("one"), tag("a")]);
    expect(first.queuesTaken).toEqual(["t1"]);
    expect(first.left).toBe(2);

    const behindOwn = planAdoption([tag("own")], [left("t1", [textSave("one")])], { drafts: false });
    expect(behindOwn.ops).toEqual([tag("own")]);
    expect(behindOwn.queuesTaken).toEqual([]);
    expect(behindOwn.left).toBe(1);

    const ownText = planAdoption([textSave("mine")], [left("t1", [tag("a")])], { drafts: false });
    expect(ownText.queuesTaken).toEqual([]);
    expect(ownText.left).toBe(1);
  });

  it("takes one draft, with its own tab's changes only, and never into a page already open", () => {
    const single = planAdoption([], [left("t1", [tag("a")], draft("one"))], { drafts: true });
    expect(single.draft).toEqual(draft("one"));
    expect(single.draftTaken).toBe("t1");

    const two = planAdoption([], [left("t1", [], draft("one")), left("t2", [], draft("two"))], { drafts: true });
    expect(two.draft).toEqual(draft("one"));
    expect(two.left).toBe(1);

    // Another tab's tags would fall off a draft that does not know them.
    const mixed = planAdoption([], [left("t1", [tag("a")]), left("t2", [tag("b")], draft("two"))], { drafts: true });
    expect(mixed.draft).toBeNull();
    expect(mixed.queuesTaken).toEqual(["t1", "t2"]);
    expect(mixed.left).toBe(1);

    // A draft sits on its tab's unsent text save: without that save it would be on the wrong text.
    const withoutItsSave = planAdoption([], [left("t1", [textSave("one")]), left("t2", [textSave("two")], draft("two"))], { drafts: true });
    expect(withoutItsSave.queuesTaken).toEqual(["t1"]);
    expect(withoutItsSave.draft).toBeNull();

    const open = planAdoption([], [left("t1", [], draft("one"))], { drafts: false });
    expect(open.draft).toBeNull();
    expect(open.left).toBe(1);
  });
});
