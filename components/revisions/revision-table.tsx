import Link from "next/link";
import type { RevisionSummary } from "@/lib/contracts/revisions";
import { OutcomeCounts } from "./outcome-counts";
import { RevisionTime } from "./revision-time";

interface Props {
  articleId: string;
  /** Newest first. */
  revisions: RevisionSummary[];
  /** The numbers of the pair on show, highlighted in the table. */
  compared: { from: number; to: number } | null;
}

/** The revisions of an article, newest first, each with a link comparing it with the one before. */
export function RevisionTable({ articleId, revisions, compared }: Props) {
  const latest = revisions[0]?.number;
  return (
    <table className="article-table revision-table">
      <caption className="visually-hidden">Revisions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Saved</th>
          <th scope="col">By</th>
          <th scope="col" className="num">
            Words
          </th>
          <th scope="col">Annotations</th>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => {
          const inPair = compared !== null && (r.number === compared.from || r.number === compared.to);
          const showsPrevious = compared !== null && compared.to === r.number && compared.from === r.number - 1;
          return (
            <tr key={r.id} className={inPair ? "is-compared" : undefined} data-testid={`revision-${r.number}`}>
              <th scope="row">
                {r.number}
                {r.number === latest && <span className="status-badge revision-current">current</span>}
              </th>
              <td>
                <RevisionTime at={r.createdAt} />
              </td>
              <td>{r.createdBy.name}</td>
              <td className="num">{r.words.toLocaleString("en")}</td>
              <td>{r.outcomes ? <OutcomeCounts counts={r.outcomes} none="None carried over" /> : <span className="muted">Original text</span>}</td>
              <td>
                {r.number > 1 &&
                  (showsPrevious ? (
                    <span className="muted small">Shown below</span>
                  ) : (
                    <Link href={`/articles/${articleId}/history?from=${r.number - 1}&to=${r.number}`}>
                      Compare with {r.number - 1}
                      <span className="visually-hidden"> (revision {r.number} against revision {r.number - 1})</span>
                    </Link>
                  ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
