import { parseTextDraft } from "../text-draft";
import { legacyKey, unownedKey, type UnsentKind } from "./unsent-keys";

type UnownedStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** What entries of unknown authorship this browser keeps for an article. */
export interface UnownedSummary {
  /** Annotation changes and text saves that were never sent. */
  changes: number;
  /** Unsaved texts. */
  drafts: number;
}

const readList = (storage: UnownedStorage, key: string): string[] => {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? "[]") as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/**
 * Moves work stored under the old article-only keys aside, where nothing sends or opens it.
 *
 * Earlier versions kept unsent work under the article alone and sent it under whoever opened the
 * article next, so such an entry may be another person's: sending it now could put their words
 * under the current user's name, which is the very mistake the per-user keys exist to prevent.
 * Throwing it away unseen would lose someone's work just as silently. So it is kept, never sent,
 * and the editor says so and offers to discard it; nothing of its content is shown, since it may
 * not be the viewer's. Kept as the raw stored text, several set-asides of one article accumulate.
 */
export function setAsideLegacy(storage: UnownedStorage, articleId: string): void {
  for (const kind of ["sync", "draft"] as UnsentKind[]) {
    const old = storage.getItem(legacyKey(kind, articleId));
    if (old === null) continue;
    const aside = unownedKey(kind, articleId);
    // Written before the old key is removed: a failure in between leaves a copy, never nothing.
    storage.setItem(aside, JSON.stringify([...readList(storage, aside), old]));
    storage.removeItem(legacyKey(kind, articleId));
  }
}

/** How much set-aside work of unknown authorship this browser holds for an article. */
export function unownedSummary(storage: UnownedStorage, articleId: string): UnownedSummary {
  let changes = 0;
  for (const raw of readList(storage, unownedKey("sync", articleId))) {
    try {
      const ops = JSON.parse(raw) as unknown;
      if (Array.isArray(ops)) changes += ops.length;
    } catch {
      // Unreadable: nothing anyone could send.
    }
  }
  const drafts = readList(storage, unownedKey("draft", articleId)).filter((raw) => parseTextDraft(raw) !== null).length;
  return { changes, drafts };
}

/** Forgets the set-aside work of an article, when the user chooses to. */
export function discardUnowned(storage: UnownedStorage, articleId: string): void {
  storage.removeItem(unownedKey("sync", articleId));
  storage.removeItem(unownedKey("draft", articleId));
}
