import type { RevisionOutcome } from "@/lib/contracts/revisions";
import { OUTCOME_LABELS, OUTCOME_MEANINGS } from "./outcome-labels";

/** An outcome as a labelled badge: the word carries the meaning, the colour only repeats it. */
export function OutcomeBadge({ outcome }: { outcome: RevisionOutcome }) {
  return (
    <span className={`outcome-badge outcome-${outcome}`} title={OUTCOME_MEANINGS[outcome]}>
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
