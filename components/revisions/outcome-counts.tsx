import { REVISION_OUTCOMES } from "@/lib/contracts/revisions";
import type { OutcomeCounts as Counts } from "@/lib/contracts/revisions";
import { OUTCOME_LABELS, OUTCOME_MEANINGS } from "./outcome-labels";

/** How many annotations had each outcome, leaving out the outcomes nobody had. */
export function OutcomeCounts({ counts, none = "No annotations" }: { counts: Counts; none?: string }) {
  const present = REVISION_OUTCOMES.filter((outcome) => counts[outcome] > 0);
  if (present.length === 0) return <span className="muted">{none}</span>;
  return (
    <ul className="outcome-counts">
      {present.map((outcome) => (
        <li key={outcome} className={`outcome-badge outcome-${outcome}`} title={OUTCOME_MEANINGS[outcome]}>
          {counts[outcome]} {OUTCOME_LABELS[outcome].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
