import type { RevisionBody } from "./sync/sync-operation";

/** Edited text not saved as a revision yet, kept in the browser so a reload or a crash loses nothing. */
export interface TextDraft extends RevisionBody {
  /** The revision the text was edited from: if the article moved on meanwhile, saving it is a conflict. */
  baseRevisionId: string;
}

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const keyOf = (articleId: string) => `newsmark:draft:${articleId}`;

/** The unsaved text of an article, or null when there is none (or it cannot be read). */
export function loadTextDraft(storage: DraftStorage, articleId: string): TextDraft | null {
  try {
    const raw = storage.getItem(keyOf(articleId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<TextDraft>;
    if (typeof draft.baseRevisionId !== "string" || typeof draft.doc !== "object" || draft.doc === null || !Array.isArray(draft.annotations)) return null;
    return draft as TextDraft;
  } catch {
    return null;
  }
}

/** Keeps unsaved text; returns false when storage refused it (full or disabled), so the editor can say so. */
export function saveTextDraft(storage: DraftStorage, articleId: string, draft: TextDraft): boolean {
  try {
    storage.setItem(keyOf(articleId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the unsaved text once it is queued as a revision (or discarded by the user). */
export function clearTextDraft(storage: DraftStorage, articleId: string): void {
  storage.removeItem(keyOf(articleId));
}
