import { describe, expect, it } from "vitest";
import { claimLeftovers, hasLeftovers, holdEntries, whenPagesClose, type Claimant } from "@/lib/editor/sync/claim-leftovers";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import { holdLockName, unsentKey } from "@/lib/editor/sync/unsent-keys";
import { FakeLocks, MemoryStorage } from "../../../helpers/browser-storage";

const tag = (id: string): SyncOperation => ({ type: "create", id, body: { kind: "claim", from: 1, to: 5 } });
const draft = { baseRevisionId: "r1", doc: { type: "doc", content: [] }, annotations: [] };
const page = (tabId: string, userId = "user-a"): Claimant => ({ userId, articleId: "article-1", tabId });
const store = (storage: MemoryStorage, who: Claimant, ops: SyncOperation[]) => storage.setItem(unsentKey({ kind: "sync", ...who }), JSON.stringify(ops));
const stored = (storage: MemoryStorage, who: Claimant) => JSON.parse(storage.getItem(unsentKey({ kind: "sync", ...who })) ?? "null") as SyncOperation[] | null;

describe("claiming what closed pages left", () => {
  it("takes a closed page's changes and draft under the new page's entries, and leaves a live page's alone", async () => {
    const storage = new MemoryStorage();
    const locks = new FakeLocks();
    const closed = page("closed");
    const live = page("live");
    store(storage, closed, [tag("a")]);
    storage.setItem(unsentKey({ kind: "draft", ...closed }), JSON.stringify(draft));
    store(storage, live, [tag("b")]);
    const liveHold = holdEntries(locks, live);
    await liveHold.granted;

    const me = page("me");
    expect(hasLeftovers(storage, me)).toBe(true);
    const claimed = await claimLeftovers(storage, locks, me, { own: [], drafts: true });
    expect(claimed.livePages).toEqual(["live"]);
    expect(claimed.ops).toEqual([tag("a")]);
    expect(stored(storage, me)).toEqual([tag("a")]);
    expect(JSON.parse(storage.getItem(unsentKey({ kind: "draft", ...me }))!)).toEqual(draft);
    expect(stored(storage, closed)).toBeNull();
    expect(storage.getItem(unsentKey({ kind: "draft", ...closed }))).toBeNull();
    expect(stored(storage, live)).toEqual([tag("b")]);
    liveHold.release();
  });

  it("never takes another user's entries", async () => {
    const storage = new MemoryStorage();
    store(storage, page("t1", "user-b"), [tag("theirs")]);
    const me = page("me");
    expect(hasLeftovers(storage, me)).toBe(false);
    const claimed = await claimLeftovers(storage, new FakeLocks(), me, { own: [], drafts: true });
    expect(claimed.ops).toEqual([]);
    expect(stored(storage, page("t1", "user-b"))).toEqual([tag("theirs")]);
    expect(stored(storage, me)).toBeNull();
  });

  it("lets only one of two pages opening at once take a closed page's changes", async () => {
    const storage = new MemoryStorage();
    const locks = new FakeLocks();
    store(storage, page("closed"), [tag("a"), tag("b")]);
    const one = page("one");
    const two = page("two");
    const holds = [holdEntries(locks, one), holdEntries(locks, two)];
    await Promise.all(holds.map((h) => h.granted));
    const [first, second] = await Promise.all([
      claimLeftovers(storage, locks, one, { own: [], drafts: true }),
      claimLeftovers(storage, locks, two, { own: [], drafts: true }),
    ]);
    expect([...first.ops, ...second.ops].map((op) => op.id)).toEqual(["a", "b"]);
    expect([stored(storage, one), stored(storage, two)].filter(Boolean)).toHaveLength(1);
  });

  it("leaves everything in place when the taker declines", async () => {
    const storage = new MemoryStorage();
    store(storage, page("closed"), [tag("a")]);
    const claimed = await claimLeftovers(storage, new FakeLocks(), page("me"), { own: [tag("own")], drafts: false, take: () => false });
    expect(claimed.queuesTaken).toEqual([]);
    expect(claimed.left).toBe(1);
    expect(stored(storage, page("closed"))).toEqual([tag("a")]);
  });

  it("hands a closed page's changes to an open page once the other page lets go", async () => {
    const storage = new MemoryStorage();
    const locks = new FakeLocks();
    const other = page("other");
    const me = page("me");
    const otherHold = holdEntries(locks, other);
    await otherHold.granted;
    const released: string[] = [];
    const stop = new AbortController();
    whenPagesClose(locks, me, ["other"], stop.signal, () => released.push("other"));
    store(storage, other, [tag("late")]);
    expect(released).toEqual([]);

    let taken: SyncOperation[] = [];
    const done = new Promise<void>((resolve) => {
      whenPagesClose(locks, me, ["other"], stop.signal, () => {
        void claimLeftovers(storage, locks, me, { own: [], drafts: false, take: (plan) => ((taken = plan.ops), true) }).then(() => resolve());
      });
    });
    otherHold.release();
    await done;
    expect(released).toEqual(["other"]);
    expect(taken).toEqual([tag("late")]);
    expect(stored(storage, other)).toBeNull();
    // The lock is not kept: holding it would mark the entries of a closed page as live.
    expect(locks.isHeld(holdLockName("user-a", "article-1", "other"))).toBe(false);
  });

  it("stops waiting for a page once this one closes", async () => {
    const locks = new FakeLocks();
    const otherHold = holdEntries(locks, page("other"));
    await otherHold.granted;
    const stop = new AbortController();
    let called = false;
    whenPagesClose(locks, page("me"), ["other"], stop.signal, () => (called = true));
    stop.abort();
    otherHold.release();
    // Long enough for a granted request's callback and its continuation to have run.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(locks.isHeld(holdLockName("user-a", "article-1", "other"))).toBe(false);
    expect(called).toBe(false);
  });

  it("takes everything without Web Locks, when no page's liveness can be known", async () => {
    const storage = new MemoryStorage();
    store(storage, page("t1"), [tag("a")]);
    const claimed = await claimLeftovers(storage, undefined, page("me"), { own: [], drafts: true });
    expect(claimed.ops).toEqual([tag("a")]);
    expect(claimed.livePages).toEqual([]);
  });
});
