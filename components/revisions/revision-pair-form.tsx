import type { RevisionSummary } from "@/lib/contracts/revisions";

interface Props {
  articleId: string;
  revisions: RevisionSummary[];
  from: number;
  to: number;
}

function RevisionOptions({ revisions }: { revisions: RevisionSummary[] }) {
  return revisions.map((r) => (
    <option key={r.id} value={r.number}>
      {`Revision ${r.number}, ${r.createdAt.slice(0, 10)}, ${r.createdBy.name}`}
    </option>
  ));
}

/** Two selectors choosing any pair of revisions to compare; a plain GET form, so it works without script. */
export function RevisionPairForm({ articleId, revisions, from, to }: Props) {
  return (
    <form className="revision-pair" action={`/articles/${articleId}/history`} method="get" aria-label="Choose revisions to compare">
      <label>
        Older revision
        <select name="from" defaultValue={String(from)}>
          <RevisionOptions revisions={revisions} />
        </select>
      </label>
      <label>
        Newer revision
        <select name="to" defaultValue={String(to)}>
          <RevisionOptions revisions={revisions} />
        </select>
      </label>
      <button type="submit" className="button-primary">
        Compare
      </button>
    </form>
  );
}
