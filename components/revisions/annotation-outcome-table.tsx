import { KIND_LABELS, STATUS_LABELS } from "@/lib/contracts/vocabulary";
import type { AnnotationChange } from "@/lib/contracts/revisions";
import { OutcomeBadge } from "./outcome-badge";

/** The words an annotation covered before and after; only changed and orphaned ones show both. */
function Words({ change }: { change: AnnotationChange }) {
  const { oldQuote, newQuote, quote } = change;
  // Revisions after the pair may have moved it again; its words now are worth knowing too.
  const now = quote !== (newQuote ?? oldQuote) ? quote : null;
  return (
    <>
      {oldQuote !== null ? (
        <span className="quote-change">
          <del className="diff-del">
            <span className="visually-hidden">Before: </span>“{oldQuote}”
          </del>
          <span aria-hidden="true"> → </span>
          {newQuote !== null ? (
            <ins className="diff-ins">
              <span className="visually-hidden">After: </span>“{newQuote}”
            </ins>
          ) : (
            <em className="muted">no longer in the text</em>
          )}
        </span>
      ) : (
        newQuote !== null && <q className="quote-text">{newQuote}</q>
      )}
      {now !== null && <div className="muted small">Now: “{now}”</div>}
    </>
  );
}

/** What became of each annotation between two revisions, most disruptive first. */
export function AnnotationOutcomeTable({ annotations }: { annotations: AnnotationChange[] }) {
  if (annotations.length === 0) {
    return <p className="empty-hint">No annotations were carried through these revisions.</p>;
  }
  return (
    <table className="article-table outcome-table" data-testid="annotation-outcomes">
      <caption className="visually-hidden">Annotations and what became of them</caption>
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Words</th>
        </tr>
      </thead>
      <tbody>
        {annotations.map((a) => (
          <tr key={a.id} data-annotation-id={a.id}>
            <td>
              <OutcomeBadge outcome={a.outcome} />
            </td>
            <td>
              <span className={`kind-label kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
            </td>
            <td>
              <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
              {a.deleted && <div className="muted small">Deleted since</div>}
            </td>
            <td className="outcome-words">
              <Words change={a} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
