import { collab, sendableSteps } from "prosemirror-collab";
import { EditorState, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { schema } from "@/lib/editor/schema";
import { EditorSession } from "@/lib/editor/session/editor-session";
import { listUnsentSteps, saveUnsentSteps } from "@/lib/editor/session/unsent-steps";
import type { Locks } from "@/lib/editor/sync/claim-leftovers";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import { holdLockName } from "@/lib/editor/sync/unsent-keys";

const base = schema.node("doc", null, [
  schema.node("paragraph", null, [schema.text("The minister said unemployment fell.")]),
  schema.node("paragraph", null, [schema.text("Critics doubted it.")]),
]);

/** localStorage's interface over a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** The steps a page typed on version 0: `text` inserted at `at`. */
function typedSteps(text: string, at: number) {
  const state = EditorState.create({ doc: base, plugins: [collab({ version: 0 })] });
  return { version: 0, doc: base.toJSON(), steps: sendableSteps(state.apply(state.tr.insertText(text, at)))!.steps.map((s) => s.toJSON()) };
}

/** Web Locks where the named pages hold their locks; requests run at once (nothing else competes here). */
function locksHeldBy(userId: string, articleId: string, tabIds: string[]): Locks {
  return {
    query: async () => ({ held: tabIds.map((tab) => ({ name: holdLockName(userId, articleId, tab), mode: "exclusive" as const })), pending: [] }),
    request: (async (_name: string, callback: () => Promise<unknown>) => callback()) as unknown as Locks["request"],
  };
}

describe("EditorSession.restoreUnsentText", () => {
  it("replays what each closed page of the user left, once, and leaves an open page's steps to that page", async () => {
    const storage = memoryStorage();
    const owner = { userId: "user-1", articleId: "article-1" };
    saveUnsentSteps(storage, { ...owner, tabId: "closed-a" }, typedSteps(" (first tab)", 18));
    saveUnsentSteps(storage, { ...owner, tabId: "closed-b" }, typedSteps(" (second tab)", 58));
    saveUnsentSteps(storage, { ...owner, tabId: "still-open" }, typedSteps(" (open tab)", 1));
    saveUnsentSteps(storage, { userId: "someone-else", articleId: "article-1", tabId: "closed-c" }, typedSteps(" (not mine)", 1));

    let state = EditorState.create({ doc: base, plugins: [collab({ version: 0, clientID: "this-page" })] });
    const session = new EditorSession({
      ...owner,
      user: { id: owner.userId, name: "Eddie Editor", role: "editor" },
      clientId: "this-page",
      version: 0,
      doc: base,
      lastEvent: 0,
      getState: () => state,
      // As the editor's view does: every change of the text is reported to the session.
      dispatch: (tr: Transaction) => {
        state = state.apply(tr);
        if (tr.docChanged) session.textChanged();
      },
      queue: { retryNow: () => undefined } as unknown as SyncQueue,
      // Nothing is sent in this test: the requests never answer.
      fetch: (() => new Promise<Response>(() => undefined)) as typeof fetch,
      storage,
      locks: locksHeldBy(owner.userId, owner.articleId, ["still-open"]),
    });
    // This page typed something of its own before the restore ran.
    state = state.apply(state.tr.insertText("Today ", 1));

    await session.restoreUnsentText();

    expect(state.doc.textBetween(0, state.doc.content.size, "\n")).toBe("Today The minister said (first tab) unemployment fell.\nCritics doubted it. (second tab)");
    // The replayed steps are this page's to send now; the closed pages' entries are gone.
    expect(listUnsentSteps(storage, owner.userId, owner.articleId).map((e) => e.tabId).sort()).toEqual(["still-open", "this-page"]);
    expect(listUnsentSteps(storage, "someone-else", owner.articleId)).toHaveLength(1);
    session.stop();
  });
});
