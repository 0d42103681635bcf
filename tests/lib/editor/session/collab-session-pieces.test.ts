import { collab, getVersion, receiveTransaction, sendableSteps } from "prosemirror-collab";
import { EditorState } from "prosemirror-state";
import { describe, expect, it, vi } from "vitest";
import type { ArticleEvent, PresenceEvent } from "@/lib/contracts/collab";
import { schema } from "@/lib/editor/schema";
import { EventQueue } from "@/lib/editor/session/event-queue";
import { PresenceRoster, PRESENCE_TIMEOUT_MS, colourOf, initialsOf } from "@/lib/editor/session/presence-roster";
import { reapplyAsDraft } from "@/lib/editor/session/reapply-as-draft";
import { rebaseUnsentSteps } from "@/lib/editor/session/rebase-unsent-steps";
import { VersionMaps } from "@/lib/editor/session/version-maps";
import { withTextStatus } from "@/components/editor/with-text-status";

const doc = (...paragraphs: string[]) => schema.node("doc", null, paragraphs.map((p) => schema.node("paragraph", null, p ? [schema.text(p)] : [])));

/** A page's state at a version, with its own typing applied as unconfirmed steps. */
function page(version: number, base = doc("Officials confirmed the figures.", "Critics doubted them.")) {
  return EditorState.create({ doc: base, plugins: [collab({ version, clientID: `page-${version}` })] });
}

describe("VersionMaps", () => {
  it("maps a position from an older version through the steps since, and refuses versions it no longer has", () => {
    let state = page(0);
    const maps = new VersionMaps(0);
    // Two steps: insert at 1 ("X"), then at the end of the first paragraph.
    state = state.apply(state.tr.insertText("X", 1));
    state = state.apply(state.tr.insertText("!", 33));
    const steps = sendableSteps(state)!.steps;
    maps.record(0, steps.map((s) => s.getMap()));
    expect(maps.version).toBe(2);
    expect(maps.map(10, 0, 1)).toBe(11);
    expect(maps.map(10, 1, 1)).toBe(10);
    expect(maps.map(10, 3, 1)).toBeNull();
    // Steps already recorded are not recorded twice.
    maps.record(1, steps.slice(1).map((s) => s.getMap()));
    expect(maps.version).toBe(2);
  });
});

describe("rebaseUnsentSteps", () => {
  it("rebases text kept from before a reload over the steps others made since, keeping both", () => {
    const base = page(3);
    // This page typed, then reloaded: its steps are kept with the text they apply to.
    // Just before the final full stop of the second paragraph.
    const mine = base.apply(base.tr.insertText(" loudly", base.doc.content.size - 2));
    const kept = { version: 3, doc: base.doc.toJSON(), steps: sendableSteps(mine)!.steps.map((s) => s.toJSON()) };
    // Someone else inserted at the start meanwhile (version 3 → 4).
    const theirs = base.apply(base.tr.insertText("Today ", 1));
    const over = { steps: sendableSteps(theirs)!.steps.map((s) => s.toJSON()), clientIds: ["other"] };

    const rebased = rebaseUnsentSteps(kept, over, "closed-page")!;
    expect(rebased).toHaveLength(1);
    let server = theirs.doc;
    for (const step of rebased) server = step.apply(server).doc!;
    expect(server.textBetween(0, server.content.size, "\n")).toBe("Today Officials confirmed the figures.\nCritics doubted them loudly.");
  });

  it("gives null for kept steps that do not apply", () => {
    expect(rebaseUnsentSteps({ version: 0, doc: doc("short").toJSON(), steps: [{ stepType: "replace", from: 90, to: 95 }] }, { steps: [], clientIds: [] }, "closed-page")).toBeNull();
  });

  it("confirms, not replays, the kept steps the server accepted before the page closed without seeing the answer", () => {
    const base = page(3);
    const typed = base.apply(base.tr.insertText(" loudly", base.doc.content.size - 2));
    const more = typed.apply(typed.tr.insertText(" again", typed.doc.content.size - 2));
    // Kept: both insertions. The server accepted the first (sent by this page) before it closed.
    const kept = { version: 3, doc: base.doc.toJSON(), steps: sendableSteps(more)!.steps.map((s) => s.toJSON()) };
    const accepted = sendableSteps(typed)!.steps.map((s) => s.toJSON());
    const rebased = rebaseUnsentSteps(kept, { steps: accepted, clientIds: accepted.map(() => "closed-page") }, "closed-page")!;
    let server = typed.doc;
    for (const step of rebased) server = step.apply(server).doc!;
    expect(server.textBetween(0, server.content.size, "\n")).toBe("Officials confirmed the figures.\nCritics doubted them loudly again.");
  });
});

describe("reapplyAsDraft", () => {
  it("puts changed paragraphs back where the original still stands, and hands back those it cannot place", () => {
    const base = doc("First paragraph.", "Second paragraph.", "Third paragraph.");
    let mine = EditorState.create({ doc: base });
    mine = mine.apply(mine.tr.insertText(" Edited", 17));
    const secondEnd = 17 + 2 + 17;
    mine = mine.apply(mine.tr.insertText(" Also edited", secondEnd + 7));
    const steps: unknown[] = [];
    // Rebuild the steps the page kept, from its two transactions.
    let state = EditorState.create({ doc: base, plugins: [collab({ version: 0 })] });
    state = state.apply(state.tr.insertText(" Edited", 17));
    state = state.apply(state.tr.insertText(" Also edited", secondEnd + 7));
    for (const s of sendableSteps(state)!.steps) steps.push(s.toJSON());
    expect(state.doc.eq(mine.doc)).toBe(true);

    // Meanwhile the second paragraph was rewritten by someone else; the first is as it was.
    const now = EditorState.create({ doc: doc("First paragraph.", "Second paragraph, rewritten.", "Third paragraph.") });
    const tr = now.tr;
    const outcome = reapplyAsDraft({ version: 0, doc: base.toJSON(), steps }, tr);
    expect(outcome.applied).toBe(1);
    expect(outcome.leftOver).toEqual(["Second paragraph. Also edited"]);
    expect(tr.doc.textBetween(0, tr.doc.content.size, "\n")).toBe("First paragraph. Edited\nSecond paragraph, rewritten.\nThird paragraph.");
  });
});

describe("EventQueue", () => {
  const event = (seq: number, version: number): ArticleEvent => ({ seq, action: "annotation.create", entityId: `a${seq}`, version, actor: null });

  it("holds an event until the text has reached its version, asking for the steps meanwhile, and keeps the order", () => {
    let version = 1;
    const catchUp = vi.fn();
    const handled: number[] = [];
    const queue = new EventQueue(() => version, catchUp, (e) => handled.push(e.seq));
    queue.push(event(1, 1));
    queue.push(event(2, 3));
    queue.push(event(3, 1));
    expect(handled).toEqual([1]);
    expect(catchUp).toHaveBeenCalled();
    version = 3;
    queue.drain();
    expect(handled).toEqual([1, 2, 3]);
  });
});

describe("PresenceRoster", () => {
  const beat = (clientId: string, user: string, activity: PresenceEvent["activity"] = "editing"): PresenceEvent => ({
    clientId,
    version: 0,
    from: 1,
    to: 1,
    activity,
    user: { id: `00000000-0000-4000-8000-00000000000${user.length}`, name: user },
    at: 0,
  });

  it("lists each other person once, says what they do, leaves out this page, and forgets the silent", () => {
    const roster = new PresenceRoster("me");
    expect(roster.hear(beat("me", "Eddie Editor"), 0)).toBe(false);
    roster.hear(beat("tab-1", "Rita Reviewer", "reviewing"), 0);
    roster.hear(beat("tab-2", "Rita Reviewer", "editing"), 10);
    expect(roster.people).toEqual([expect.objectContaining({ name: "Rita Reviewer", initials: "RR", activity: "reviewing" })]);
    expect(roster.forget(PRESENCE_TIMEOUT_MS + 5)).toBe(true);
    expect(roster.pages.map((p) => p.clientId)).toEqual(["tab-2"]);
  });

  it("gives a person the same colour every time, and initials from first and last names", () => {
    expect(colourOf("abc")).toBe(colourOf("abc"));
    expect(initialsOf("Ada")).toBe("AD");
    expect(initialsOf("Sam van der Second")).toBe("SS");
  });
});

describe("withTextStatus", () => {
  it("counts unsent text as one change and never says Saved while text is on its way", () => {
    expect(withTextStatus({ state: "saved" }, "sending")).toEqual({ state: "saving", pending: 1 });
    expect(withTextStatus({ state: "saving", pending: 2 }, "offline")).toEqual({ state: "offline", pending: 3 });
    expect(withTextStatus({ state: "saved" }, "signed-out")).toEqual({ state: "signed-out", pending: 1 });
    expect(withTextStatus({ state: "saving", pending: 1 }, "saved")).toEqual({ state: "saving", pending: 1 });
  });
});

describe("prosemirror-collab round trip used by the channel", () => {
  it("confirms a page's own steps by client id and rebases them over others'", () => {
    let a = page(0);
    a = a.apply(a.tr.insertText("A", 1));
    const mine = sendableSteps(a)!;
    let other = page(0);
    other = other.apply(other.tr.insertText("B", 10));
    const theirs = sendableSteps(other)!.steps;
    a = a.apply(receiveTransaction(a, theirs, theirs.map(() => "other")));
    expect(getVersion(a)).toBe(1);
    expect(sendableSteps(a)!.steps).toHaveLength(mine.steps.length);
    expect(a.doc.textContent).toContain("AOfficials");
  });
});
