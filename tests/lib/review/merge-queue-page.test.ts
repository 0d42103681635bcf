import { describe, expect, it } from "vitest";
import type { QueueItem, QueuePage } from "@/lib/contracts/review";
import { currentAfterMerge, mergeQueuePage } from "@/lib/review/merge-queue-page";

/** A queue item created `minute` minutes into the hour; its id sorts like the minute. */
function item(name: string, minute: number, version = 1): QueueItem {
  const at = new Date(Date.UTC(2026, 0, 15, 9, minute)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(minute).padStart(12, "0")}`,
    articleId: "a",
    revisionId: "r",
    kind: "claim",
    from: 1,
    to: 2,
    start: 0,
    end: 1,
    quote: { exact: name, prefix: "", suffix: "" },
    note: "",
    attributes: {},
    status: "pending",
    version,
    createdBy: { id: "u", name: "Eddie" },
    createdAt: at,
    updatedAt: at,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    substanceBy: { id: "u", name: "Eddie" },
    substanceAt: at,
    links: [],
    article: { id: "a", title: "Story" },
    previousQuote: null,
  };
}

const page = (items: QueueItem[], nextCursor: string | null = null): QueuePage => ({ items, nextCursor, total: items.length, orphaned: 0 });
const names = (items: QueueItem[]) => items.map((i) => i.quote.exact);

const [a, b, c, d, e] = [item("a", 1), item("b", 2), item("c", 3), item("d", 4), item("e", 5)];

describe("merging a fresh read into the shown queue", () => {
  it("takes the fresh page as the whole queue when it has no more: new ones appear, gone ones go, changed ones are replaced", () => {
    const changedB = item("b", 2, 2);
    const merged = mergeQueuePage({ items: [a, b, c], nextCursor: null }, page([changedB, d]));
    expect(names(merged.items)).toEqual(["b", "d"]);
    expect(merged.items[0]!.version).toBe(2);
    expect(merged).toMatchObject({ nextCursor: null, added: 1, removed: 2, changed: 1 });
  });

  it("says nothing changed when nothing did", () => {
    expect(mergeQueuePage({ items: [a, b], nextCursor: null }, page([a, b]))).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });

  it("keeps what the reviewer loaded beyond the fresh page, with the cursor after it", () => {
    const merged = mergeQueuePage({ items: [a, b, c, d, e], nextCursor: "after-e" }, page([b, c], "after-c"));
    expect(names(merged.items)).toEqual(["b", "c", "d", "e"]);
    expect(merged).toMatchObject({ nextCursor: "after-e", added: 0, removed: 1 });
  });

  it("follows the fresh cursor when nothing was loaded beyond the fresh page", () => {
    const merged = mergeQueuePage({ items: [a, b], nextCursor: "after-b" }, page([a, b, c], "after-c"));
    expect(names(merged.items)).toEqual(["a", "b", "c"]);
    expect(merged).toMatchObject({ nextCursor: "after-c", added: 1, removed: 0 });
  });
});

describe("where the reviewer is after a merge", () => {
  it("stays on the same item wherever it moved", () => {
    expect(currentAfterMerge([a, b, c], [b, c, d], 2)).toBe(1);
  });

  it("goes to the next item still there when theirs is gone, as after deciding it", () => {
    expect(currentAfterMerge([a, b, c, d], [a, d, e], 1)).toBe(1);
  });

  it("stays at the same place, or the last item, when nothing after theirs is left", () => {
    expect(currentAfterMerge([a, b, c], [a, b, e], 2)).toBe(2);
    expect(currentAfterMerge([a, b, c], [a], 2)).toBe(0);
    expect(currentAfterMerge([a, b], [], 1)).toBe(0);
  });
});
