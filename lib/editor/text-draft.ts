import type { RevisionBody } from "./sync/sync-operation";
import { unsentKey } from "./sync/unsent-keys";

/** Edited text not saved as a revision yet, kept in the browser so a reload or a crash loses nothing. */
export interface TextDraft extends RevisionBody {
  /** The revision the text was edited from: if the article moved on meanwhile, saving it is a conflict. */
  baseRevisionId: string;
}

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Whose draft, of which article, written by which page: one user's text never opens for another. */
export interface DraftOwner {
  userId: string;
  articleId: string;
  tabId: string;
}

const keyOf = (owner: DraftOwner) => unsentKey({ kind: "draft", ...owner });

/** Reads a stored draft, or null when it is not one (an unreadable entry is of no use to anyone). */
export function parseTextDraft(raw: string | null): TextDraft | null {
  try {
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<TextDraft>;
    if (typeof draft.baseRevisionId !== "string" || typeof draft.doc !== "object" || draft.doc === null || !Array.isArray(draft.annotations)) return null;
    return draft as TextDraft;
  } catch {
    return null;
  }
}

/** The unsaved text of an article, or null when there is none (or it cannot be read). */
export function loadTextDraft(storage: DraftStorage, owner: DraftOwner): TextDraft | null {
  try {
    return parseTextDraft(storage.getItem(keyOf(owner)));
  } catch {
    return null;
  }
}

/** Keeps unsaved text; returns false when storage refused it (full or disabled), so the editor can say so. */
export function saveTextDraft(storage: DraftStorage, owner: DraftOwner, draft: TextDraft): boolean {
  try {
    storage.setItem(keyOf(owner), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the unsaved text once it is queued as a revision (or discarded by the user). */
export function clearTextDraft(storage: DraftStorage, owner: DraftOwner): void {
  storage.removeItem(keyOf(owner));
}
