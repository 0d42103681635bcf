import { whenPagesClose, type Locks } from "@/lib/editor/sync/claim-leftovers";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import { parseUnsentKey } from "@/lib/editor/sync/unsent-keys";
import { parseUnsentStepsKey } from "@/lib/editor/session/unsent-steps";
import type { DraftOwner } from "@/lib/editor/text-draft";

/**
 * Calls `closed` whenever another open tab of this user on this article closes: the tabs known when
 * the page opened, and those that announce themselves later through the storage event their first
 * stored change (annotation changes or text) fires. Returns how to stop listening (the signal ends the lock waits).
 */
export function watchOtherTabs(locks: Locks | undefined, owner: DraftOwner, known: readonly string[], signal: AbortSignal, closed: () => void): () => void {
  const watched = new Set(known);
  whenPagesClose(locks, owner, known, signal, closed);
  const stored = (event: StorageEvent) => {
    const entry = event.key && event.newValue !== null ? (parseUnsentKey(event.key) ?? parseUnsentStepsKey(event.key)) : null;
    if (!entry || entry.userId !== owner.userId || entry.articleId !== owner.articleId || entry.tabId === owner.tabId || watched.has(entry.tabId)) return;
    watched.add(entry.tabId);
    whenPagesClose(locks, owner, [entry.tabId], signal, closed);
  };
  window.addEventListener("storage", stored);
  return () => window.removeEventListener("storage", stored);
}

/**
 * A queue stopped because someone else's session took over resumes when its author is signed in
 * again: checked when the tab comes back into view, and the server, not this page, says who that is.
 * Returns how to stop listening.
 */
export function resumeWhenAuthorReturns(queue: SyncQueue, userId: string): () => void {
  const returned = () => {
    if (!queue.isSignedOut || document.visibilityState !== "visible") return;
    void fetch("/api/me").then(async (res) => {
      const me = res.ok ? ((await res.json()) as { id?: unknown }) : null;
      if (me?.id === userId) queue.resumeSignedIn();
    }, () => undefined);
  };
  window.addEventListener("focus", returned);
  document.addEventListener("visibilitychange", returned);
  return () => {
    window.removeEventListener("focus", returned);
    document.removeEventListener("visibilitychange", returned);
  };
}
