import { Node } from "prosemirror-model";
import type { Transaction } from "prosemirror-state";
import { Step } from "prosemirror-transform";
import { schema } from "@/lib/editor/schema";
import type { UnsentSteps } from "./unsent-steps";

/** What re-applying kept text as a draft did: paragraphs put back, and those whose text could not be found. */
export interface DraftOutcome {
  applied: number;
  /** The kept wording of paragraphs whose original is no longer in the article, to show the user. */
  leftOver: string[];
}

/**
 * Re-applies unsent text whose steps can no longer be rebased (the server dropped the steps it was
 * made after) as a draft, paragraph by paragraph: each paragraph the user changed replaces the
 * same original paragraph where the article still has it unchanged. Paragraphs whose original is
 * gone (someone else rewrote it meanwhile) are not forced in: their wording is handed back.
 */
export function reapplyAsDraft(unsent: UnsentSteps, tr: Transaction): DraftOutcome {
  let base: Node;
  let mine: Node;
  try {
    base = Node.fromJSON(schema, unsent.doc);
    mine = base;
    for (const json of unsent.steps) {
      const result = Step.fromJSON(schema, json).apply(mine);
      if (!result.doc) return { applied: 0, leftOver: [] };
      mine = result.doc;
    }
  } catch {
    return { applied: 0, leftOver: [] };
  }
  const outcome: DraftOutcome = { applied: 0, leftOver: [] };
  // Only paragraph-for-paragraph changes are matched; added or removed paragraphs go back as text.
  const count = Math.min(base.childCount, mine.childCount);
  for (let i = 0; i < count; i++) {
    const before = base.child(i);
    const after = mine.child(i);
    if (before.eq(after)) continue;
    let at = -1;
    tr.doc.forEach((node, offset) => {
      if (at < 0 && node.eq(before)) at = offset;
    });
    if (at < 0) {
      outcome.leftOver.push(after.textContent);
      continue;
    }
    tr.replaceWith(at, at + before.nodeSize, after);
    outcome.applied++;
  }
  for (let i = count; i < mine.childCount; i++) outcome.leftOver.push(mine.child(i).textContent);
  return outcome;
}
