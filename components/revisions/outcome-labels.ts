import type { RevisionOutcome } from "@/lib/contracts/revisions";

/** The name of each outcome, as a badge shows it. */
export const OUTCOME_LABELS: Record<RevisionOutcome, string> = { kept: "Kept", moved: "Moved", changed: "Changed", orphaned: "Orphaned" };

/** What each outcome means for an annotation, in a reader's words. */
export const OUTCOME_MEANINGS: Record<RevisionOutcome, string> = {
  kept: "same words, same place",
  moved: "same words, elsewhere in the text",
  changed: "its words were edited; a reviewed annotation goes back to review",
  orphaned: "its words were removed; it still points at the older text",
};
