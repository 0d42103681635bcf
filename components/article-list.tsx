import Link from "next/link";
import type { ArticleListItem } from "@/lib/contracts/articles";

const STATUS = { draft: "Draft", in_review: "In review", reviewed: "Reviewed" } as const;

/** The article table with annotation counts per kind; an empty state that says what to do. */
export function ArticleList({ items, filtered }: { items: ArticleListItem[]; filtered: boolean }) {
  if (items.length === 0) {
    return (
      <div className="empty-state">
        {filtered ? (
          <p>No article matches these filters.</p>
        ) : (
          <p>
            No articles yet. <Link href="/articles/new">Import the first one</Link> by pasting text, Markdown or HTML.
          </p>
        )}
      </div>
    );
  }
  return (
    <table className="article-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Export</span>
          </th>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Claims
          </th>
          <th scope="col" className="num">
            Hedges
          </th>
          <th scope="col" className="num">
            Attributions
          </th>
          <th scope="col" className="num">
            Pending
          </th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              {/* Belongs to the export form above the table, so ticking needs no script. */}
              <input type="checkbox" name="ids" value={a.id} form="bulk-export" aria-label={`Export “${a.title}”`} />
            </td>
            <td>
              <Link href={`/articles/${a.id}`} className="article-link">
                {a.title}
              </Link>
              {a.byline && <div className="muted small">{a.byline}</div>}
            </td>
            <td>
              <span className={`status-badge status-${a.status}`}>{STATUS[a.status]}</span>
            </td>
            <td className="num">
              {a.counts.claim}
              {a.counts.unattributedClaims > 0 && (
                <div className="muted small" data-testid="unattributed">
                  {a.counts.unattributedClaims} without attribution
                </div>
              )}
            </td>
            <td className="num">{a.counts.hedge}</td>
            <td className="num">{a.counts.attribution}</td>
            <td className="num">{a.counts.pending}</td>
            <td>
              <time dateTime={a.updatedAt}>{new Date(a.updatedAt).toISOString().slice(0, 16).replace("T", " ")}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
