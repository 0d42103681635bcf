import { describe, expect, it } from "vitest";
import { discardUnowned, setAsideLegacy, unownedSummary } from "@/lib/editor/sync/unowned-unsent";
import { legacyKey, listUnsent } from "@/lib/editor/sync/unsent-keys";
import { MemoryStorage } from "../../../helpers/browser-storage";

const ops = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ type: "create", id: `a${i}`, body: { kind: "claim", from: 1, to: 5 } })));
const draft = JSON.stringify({ baseRevisionId: "r1", doc: { type: "doc", content: [] }, annotations: [] });

describe("work stored under the old article-only keys", () => {
  it("is moved aside, where no user's queue or draft picks it up", () => {
    const storage = new MemoryStorage();
    storage.setItem(legacyKey("sync", "article-1"), ops(2));
    storage.setItem(legacyKey("draft", "article-1"), draft);
    storage.setItem(legacyKey("sync", "article-2"), ops(1));
    setAsideLegacy(storage, "article-1");
    expect(storage.getItem(legacyKey("sync", "article-1"))).toBeNull();
    expect(storage.getItem(legacyKey("draft", "article-1"))).toBeNull();
    expect(listUnsent(storage, "article-1")).toEqual([]);
    expect(unownedSummary(storage, "article-1")).toEqual({ changes: 2, drafts: 1 });
    // Another article's old entry waits for that article to open.
    expect(storage.getItem(legacyKey("sync", "article-2"))).toBe(ops(1));
    expect(unownedSummary(storage, "article-2")).toEqual({ changes: 0, drafts: 0 });
  });

  it("accumulates when an old page writes again, and is gone only when discarded", () => {
    const storage = new MemoryStorage();
    storage.setItem(legacyKey("sync", "article-1"), ops(2));
    setAsideLegacy(storage, "article-1");
    storage.setItem(legacyKey("sync", "article-1"), ops(3));
    setAsideLegacy(storage, "article-1");
    setAsideLegacy(storage, "article-1");
    expect(unownedSummary(storage, "article-1")).toEqual({ changes: 5, drafts: 0 });
    discardUnowned(storage, "article-1");
    expect(unownedSummary(storage, "article-1")).toEqual({ changes: 0, drafts: 0 });
    expect(storage.items.size).toBe(0);
  });

  it("counts nothing for what cannot be read", () => {
    const storage = new MemoryStorage();
    storage.setItem(legacyKey("sync", "article-1"), "{not json");
    storage.setItem(legacyKey("draft", "article-1"), "[]");
    setAsideLegacy(storage, "article-1");
    expect(unownedSummary(storage, "article-1")).toEqual({ changes: 0, drafts: 0 });
  });
});
