import { parseTextDraft, type TextDraft } from "../text-draft";
import { planAdoption, type AdoptionPlan, type Leftover } from "./plan-adoption";
import type { SyncOperation } from "./sync-operation";
import { adoptLockName, holdLockName, listUnsent, unsentKey } from "./unsent-keys";

/** The part of the Web Locks API this needs (injected, so tests need no browser). */
export type Locks = Pick<LockManager, "request" | "query">;

type ClaimStorage = Pick<Storage, "length" | "key" | "getItem" | "setItem" | "removeItem">;

/** Whose entries, and which page claims them. */
export interface Claimant {
  userId: string;
  articleId: string;
  tabId: string;
}

/** What a page found: what it took (already stored under its own entries) and which live pages it left alone. */
export interface Claimed extends AdoptionPlan {
  /** Other pages of the same user with this article open: their entries are theirs while they live. */
  livePages: string[];
}

const readOps = (raw: string | null): SyncOperation[] => {
  try {
    const ops = JSON.parse(raw ?? "[]") as unknown;
    return Array.isArray(ops) ? (ops as SyncOperation[]) : [];
  } catch {
    return [];
  }
};

/** Holds the lock that marks a page's entries as owned by a live page; `release` lets them be taken over. */
export function holdEntries(locks: Locks | undefined, claimant: Claimant): { granted: Promise<void>; release(): void } {
  if (!locks) return { granted: Promise.resolve(), release: () => {} };
  let release = () => {};
  let granted!: () => void;
  const whenGranted = new Promise<void>((resolve) => (granted = resolve));
  const held = new Promise<void>((resolve) => (release = resolve));
  void locks.request(holdLockName(claimant.userId, claimant.articleId, claimant.tabId), () => {
    granted();
    return held;
  });
  return { granted: whenGranted, release: () => release() };
}

/** Whether other pages left entries of this user for this article (a cheap, synchronous look). */
export function hasLeftovers(storage: ClaimStorage, claimant: Claimant): boolean {
  return listUnsent(storage, claimant.articleId).some((e) => e.userId === claimant.userId && e.tabId !== claimant.tabId);
}

/**
 * Takes over what closed pages of the same user left unsent for this article, and moves it under
 * this page's own entries. A page holds a Web Lock while it lives, so an entry whose lock nobody
 * holds belongs to a page that is gone; claims run under one lock per user and article, so two pages
 * opening at once never both take the same entry. Without Web Locks (an old browser, or a page not
 * served over HTTPS) liveness cannot be known, and every entry is taken, as before per-page entries:
 * a change sent twice is harmless for creates (client ids) and reported as a conflict otherwise.
 * Call it after this page's own lock is granted, so that nobody takes what it stores meanwhile.
 */
export async function claimLeftovers(
  storage: ClaimStorage,
  locks: Locks | undefined,
  claimant: Claimant,
  options: {
    /** This page's own unsent changes, which come first. */
    own: readonly SyncOperation[];
    /** Whether a draft may be taken (only before the page shows any text of its own). */
    drafts: boolean;
    /** Takes the plan in; false declines it and leaves every leftover in place. By default it is stored under this page's entries. */
    take?: (plan: AdoptionPlan) => boolean;
  },
): Promise<Claimed> {
  const claim = async (): Promise<Claimed> => {
    const held = new Set(locks ? ((await locks.query()).held ?? []).map((lock) => lock.name) : []);
    const byTab = new Map<string, { queue?: string; draft?: string }>();
    for (const entry of listUnsent(storage, claimant.articleId)) {
      if (entry.userId !== claimant.userId || entry.tabId === claimant.tabId) continue;
      byTab.set(entry.tabId, { ...byTab.get(entry.tabId), [entry.kind === "sync" ? "queue" : "draft"]: entry.key });
    }
    const livePages: string[] = [];
    const leftovers: (Leftover & { keys: { queue?: string; draft?: string } })[] = [];
    for (const [tabId, keys] of byTab) {
      if (held.has(holdLockName(claimant.userId, claimant.articleId, tabId))) {
        livePages.push(tabId);
        continue;
      }
      const draft: TextDraft | null = keys.draft ? parseTextDraft(storage.getItem(keys.draft)) : null;
      leftovers.push({ tabId, ops: keys.queue ? readOps(storage.getItem(keys.queue)) : [], draft, keys });
    }
    const plan = planAdoption(options.own, leftovers, options);
    const none = { ...plan, ops: [...options.own], draft: null, queuesTaken: [], draftTaken: null, left: leftovers.length, livePages };
    if (plan.queuesTaken.length === 0 && plan.draftTaken === null) return none;
    // Stored under this page first, removed from the closed page's entries after: a failure in
    // between leaves a copy (sent twice at worst), never nothing.
    const mine = (kind: "sync" | "draft") => unsentKey({ kind, ...claimant });
    const store = (taken: AdoptionPlan) => {
      if (taken.queuesTaken.length > 0) storage.setItem(mine("sync"), JSON.stringify(taken.ops));
      if (taken.draft) storage.setItem(mine("draft"), JSON.stringify(taken.draft));
      return true;
    };
    if (!(options.take ?? store)(plan)) return none;
    for (const leftover of leftovers) {
      if (plan.queuesTaken.includes(leftover.tabId) && leftover.keys.queue) storage.removeItem(leftover.keys.queue);
      if (plan.draftTaken === leftover.tabId && leftover.keys.draft) storage.removeItem(leftover.keys.draft);
      // An unreadable draft is of no use to anyone.
      if (leftover.keys.draft && !leftover.draft) storage.removeItem(leftover.keys.draft);
    }
    return { ...plan, livePages };
  };
  if (!locks) return claim();
  return locks.request(adoptLockName(claimant.userId, claimant.articleId), claim);
}

/**
 * Calls `released` once each of the given live pages closes (its lock is let go), so this page can
 * take over what it left. The lock is let go again at once: holding it would mark the entries live.
 */
export function whenPagesClose(locks: Locks | undefined, claimant: Claimant, tabIds: readonly string[], signal: AbortSignal, released: () => void): void {
  if (!locks) return;
  for (const tabId of tabIds) {
    locks.request(holdLockName(claimant.userId, claimant.articleId, tabId), { signal }, () => undefined).then(
      () => {
        if (!signal.aborted) released();
      },
      () => {
        // Aborted: this page closed first.
      },
    );
  }
}
