import { describe, expect, it } from "vitest";
import { legacyKey, listUnsent, parseUnsentKey, unownedKey, unsentKey } from "@/lib/editor/sync/unsent-keys";
import { othersWithUnsent } from "@/lib/editor/sync/others-unsent";
import { MemoryStorage } from "../../../helpers/browser-storage";

const entry = { kind: "sync" as const, userId: "user-a", articleId: "article-1", tabId: "tab-1" };

describe("unsent work keys", () => {
  it("name the user, the article and the page, and read back to the same parts", () => {
    const key = unsentKey(entry);
    expect(key).toContain("user-a");
    expect(key).not.toBe(unsentKey({ ...entry, userId: "user-b" }));
    expect(key).not.toBe(unsentKey({ ...entry, tabId: "tab-2" }));
    expect(key).not.toBe(unsentKey({ ...entry, kind: "draft" }));
    expect(parseUnsentKey(key)).toEqual(entry);
  });

  it("keep the parts apart even when an id contains the separator", () => {
    const odd = { ...entry, userId: "a:b", articleId: "c:d" };
    expect(parseUnsentKey(unsentKey(odd))).toEqual(odd);
    expect(unsentKey(odd)).not.toBe(unsentKey({ ...entry, userId: "a", articleId: "b:c:d" }));
  });

  it("never read the old article-only keys, nor the set-aside ones, as anybody's", () => {
    expect(parseUnsentKey(legacyKey("sync", "article-1"))).toBeNull();
    expect(parseUnsentKey(legacyKey("draft", "article-1"))).toBeNull();
    expect(parseUnsentKey(unownedKey("sync", "article-1"))).toBeNull();
    expect(parseUnsentKey("something:else:entirely:here:now")).toBeNull();
  });

  it("list an article's entries of every user, and count the other people who have some", () => {
    const storage = new MemoryStorage();
    storage.setItem(unsentKey(entry), "[]");
    storage.setItem(unsentKey({ ...entry, tabId: "tab-2", kind: "draft" }), "{}");
    storage.setItem(unsentKey({ ...entry, userId: "user-b" }), "[]");
    storage.setItem(unsentKey({ ...entry, userId: "user-c", kind: "draft" }), "{}");
    storage.setItem(unsentKey({ ...entry, userId: "user-d", articleId: "article-2" }), "[]");
    storage.setItem(legacyKey("sync", "article-1"), "[]");
    expect(listUnsent(storage, "article-1").map((e) => `${e.userId}/${e.tabId}/${e.kind}`).sort()).toEqual([
      "user-a/tab-1/sync",
      "user-a/tab-2/draft",
      "user-b/tab-1/sync",
      "user-c/tab-1/draft",
    ]);
    expect(othersWithUnsent(storage, "article-1", "user-a")).toBe(2);
    expect(othersWithUnsent(storage, "article-1", "user-b")).toBe(2);
    expect(othersWithUnsent(storage, "article-2", "user-d")).toBe(0);
  });
});
