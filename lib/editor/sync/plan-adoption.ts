import type { TextDraft } from "../text-draft";
import type { SyncOperation } from "./sync-operation";

/** What a closed page of the same user left for an article: unsent changes and unsaved text. */
export interface Leftover {
  tabId: string;
  ops: SyncOperation[];
  draft: TextDraft | null;
}

/** Which leftovers a page takes over; the rest stay stored, for a later page load. */
export interface AdoptionPlan {
  /** The page's own changes, then those it takes, in the order to send them. */
  ops: SyncOperation[];
  /** The unsaved text it takes, if any. */
  draft: TextDraft | null;
  /** Pages whose changes were taken (their stored queues may go). */
  queuesTaken: string[];
  /** The page whose draft was taken. */
  draftTaken: string | null;
  /** Leftovers left in place, because combining them would put one text's positions in another. */
  left: number;
}

const savesText = (ops: readonly SyncOperation[]) => ops.some((op) => op.type === "revision");

/**
 * Decides which leftovers of closed pages to take over. Annotation changes made on the same text
 * combine freely (each carries its own ids), so they are merged rather than one list replacing
 * another. A text save is different: every position queued after it refers to that text, so a list
 * with one is only taken when nothing else is, and a draft only with the changes of its own page.
 * What is not taken stays stored and is offered to the next page that opens the article.
 */
export function planAdoption(own: readonly SyncOperation[], leftovers: readonly Leftover[], options: { drafts: boolean }): AdoptionPlan {
  let ops = [...own];
  const queuesTaken: string[] = [];
  let left = 0;
  for (const leftover of leftovers) {
    if (leftover.ops.length === 0) continue;
    if (ops.length === 0 || (!savesText(ops) && !savesText(leftover.ops))) {
      ops = [...ops, ...leftover.ops];
      queuesTaken.push(leftover.tabId);
    } else {
      left++;
    }
  }
  let draft: TextDraft | null = null;
  let draftTaken: string | null = null;
  for (const leftover of leftovers) {
    if (!leftover.draft) continue;
    // A draft's spans place the annotations of its own page; another page's unsent tags would fall off the text.
    const ownChangesTaken = leftover.ops.length === 0 || queuesTaken.includes(leftover.tabId);
    const fits = options.drafts && draft === null && own.length === 0 && ownChangesTaken && queuesTaken.every((tab) => tab === leftover.tabId);
    if (fits) {
      draft = leftover.draft;
      draftTaken = leftover.tabId;
    } else {
      left++;
    }
  }
  return { ops, draft, queuesTaken, draftTaken, left };
}
