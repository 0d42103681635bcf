import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ZodError } from "zod";
import { AnnotationOutcomeTable } from "@/components/revisions/annotation-outcome-table";
import { OutcomeCounts } from "@/components/revisions/outcome-counts";
import { OUTCOME_LABELS, OUTCOME_MEANINGS } from "@/components/revisions/outcome-labels";
import { RevisionPairForm } from "@/components/revisions/revision-pair-form";
import { RevisionTable } from "@/components/revisions/revision-table";
import { RevisionTime } from "@/components/revisions/revision-time";
import { WordDiffView } from "@/components/revisions/word-diff-view";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { REVISION_OUTCOMES } from "@/lib/contracts/revisions";
import { AppError } from "@/lib/server/errors";
import { compareRevisions, type RevisionComparison } from "@/lib/server/revisions/compare-revisions";
import { listRevisions } from "@/lib/server/revisions/list-revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The reader and the article's revisions; read once per request, for the page and for its title alike. */
const load = cache(async (id: string) => {
  return withPageActor(`/articles/${id}/history`, async ({ actor, db }) => {
    try {
      return { actor, db, list: await listRevisions(db, actor, id) };
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }
  });
});

// The window's title names the article, so tabs and screen readers tell one history from another.
export async function generateMetadata({ params }: { params: Props["params"] }): Promise<Metadata> {
  const { list } = await load((await params).id);
  return { title: `History: ${list.article.title}` };
}

/** Why a hand-edited pair cannot be shown, in the words the API would use. */
function problemOf(err: unknown): string | null {
  if (err instanceof AppError) return err.message;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return issue ? `${issue.path.join(".") || "query"}: ${issue.message}` : "Those revisions cannot be compared";
  }
  return null;
}

export default async function ArticleHistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { actor, db, list } = await load(id);
  const { article, revisions } = list;
  const [latest, previous] = revisions;

  let comparison: RevisionComparison | null = null;
  let problem: string | null = null;
  if (latest && previous) {
    const raw = await searchParams;
    const pick = (key: string) => (typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined);
    const to = pick("to") ?? String(latest.number);
    // Asked for one revision only: show what it changed, against the one before it.
    const from = pick("from") ?? (/^\d+$/.test(to) && Number(to) > 1 ? String(Number(to) - 1) : String(previous.number));
    try {
      comparison = await compareRevisions(db, actor, id, { from, to });
    } catch (err) {
      problem = problemOf(err);
      if (problem === null) throw err;
      // A bad pair in a hand-edited URL still shows the latest correction, with the reason above it.
      comparison = await compareRevisions(db, actor, id, { from: String(previous.number), to: String(latest.number) });
    }
  }

  return (
    <section className="wide revision-history">
      <p className="breadcrumbs">
        <Link href={`/articles/${article.id}`}>← {article.title}</Link>
      </p>
      <h1>Revision history</h1>
      {!comparison ? (
        <div className="empty-state">
          <p>No corrections yet: this article still has its original text{latest ? <> (revision 1, saved <RevisionTime at={latest.createdAt} /> by {latest.createdBy.name})</> : null}.</p>
          <p className="muted">Each time someone corrects the text, a new revision appears here with what changed and what became of the annotations.</p>
        </div>
      ) : (
        <>
          <h2>Revisions</h2>
          <RevisionTable articleId={article.id} revisions={revisions} compared={{ from: comparison.from.number, to: comparison.to.number }} />
          <h2 className="revision-compare-title">
            Revision {comparison.from.number} → revision {comparison.to.number}
          </h2>
          {problem && (
            <p className="form-error" role="alert">
              {problem}. Showing the latest correction instead.
            </p>
          )}
          <RevisionPairForm articleId={article.id} revisions={revisions} from={comparison.from.number} to={comparison.to.number} />
          <p className="muted small">
            Revision {comparison.from.number}: {comparison.from.words.toLocaleString("en")} words, saved <RevisionTime at={comparison.from.createdAt} /> by{" "}
            {comparison.from.createdBy.name}. Revision {comparison.to.number}: {comparison.to.words.toLocaleString("en")} words, saved{" "}
            <RevisionTime at={comparison.to.createdAt} /> by {comparison.to.createdBy.name}.
          </p>
          <h3>Text</h3>
          <WordDiffView segments={comparison.diff} />
          <h3>Annotations</h3>
          {comparison.annotations.length > 0 && (
            <div className="revision-outcome-summary">
              <OutcomeCounts counts={comparison.counts} />
              {comparison.to.number - comparison.from.number > 1 && (
                <p className="muted small">Across several revisions, each annotation shows the most disruptive thing that happened to it.</p>
              )}
            </div>
          )}
          <AnnotationOutcomeTable annotations={comparison.annotations} />
          <dl className="outcome-meanings small muted">
            {REVISION_OUTCOMES.map((outcome) => (
              <div key={outcome}>
                <dt>{OUTCOME_LABELS[outcome]}</dt>
                <dd>{OUTCOME_MEANINGS[outcome]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
