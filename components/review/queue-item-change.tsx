import Link from "next/link";
import type { QueueItem } from "@/lib/contracts/review";

interface Props {
  item: QueueItem;
  /** Whether the viewer may re-attach it (reviewers, admins, and its own author). */
  canReattach: boolean;
}

/** What a correction did to an item's words: lost them (orphaned) or changed them, so the reviewer knows what they are deciding on. */
export function QueueItemChange({ item, canReattach }: Props) {
  if (item.status === "orphaned") {
    return (
      <div className="queue-orphaned">
        <span className="status-badge status-orphaned" data-testid="orphaned-badge">
          Orphaned: its text was removed in a correction
        </span>
        {canReattach && (
          <Link href={`/articles/${item.article.id}?annotation=${item.id}`} className="queue-reattach">
            Re-attach in the editor
          </Link>
        )}
      </div>
    );
  }
  if (item.previousQuote === null) return null;
  return (
    <p className="queue-corrected small" data-testid="corrected-quote">
      Text corrected: was <del>“{item.previousQuote}”</del>, now <ins>“{item.quote.exact}”</ins>
    </p>
  );
}
