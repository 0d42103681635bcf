import { memo } from "react";
import { KIND_LABELS } from "@/lib/contracts/vocabulary";
import type { AnnotationDetails } from "./annotation-types";

interface Props {
  orphans: AnnotationDetails[];
  /** Whether text is selected in the article, so re-attaching has somewhere to go. */
  hasSelection: boolean;
  highlightedId: string | null;
  canReattach(orphan: AnnotationDetails): boolean;
  onReattach(id: string): void;
}

/**
 * Annotations whose words a correction removed. They are never drawn on other text by guesswork;
 * a person re-attaches each one by selecting the words it belongs to.
 */
export const OrphanedAnnotations = memo(function OrphanedAnnotations({ orphans, hasSelection, highlightedId, canReattach, onReattach }: Props) {
  if (orphans.length === 0) return null;
  return (
    <section className="orphaned-annotations" aria-label="Orphaned annotations">
      <h3>
        Orphaned <span className="muted">({orphans.length})</span>
      </h3>
      <p className="muted small">A correction removed their text. Select the words they belong to, then re-attach.</p>
      <ul>
        {orphans.map((o) => (
          <li key={o.id} data-orphan-id={o.id} className={`orphan-entry${o.id === highlightedId ? " is-selected" : ""}`}>
            <span className={`kind-label kind-${o.kind}`}>{KIND_LABELS[o.kind]}</span>
            <span className="entry-quote">
              Was: <del>“{o.quote.exact}”</del>
            </span>
            {canReattach(o) && (
              <button
                type="button"
                // Keep the text selection that says where the annotation goes.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onReattach(o.id)}
                disabled={!hasSelection}
                title={hasSelection ? "Attach this annotation to the selected text" : "Select text in the article first"}
              >
                Re-attach to selection
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
