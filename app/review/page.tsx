import type { Metadata } from "next";
import { ReviewQueue } from "@/components/review/review-queue";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { queueFilterOptions } from "@/lib/server/review/queue-filter-options";
import { reviewQueue } from "@/lib/server/review/review-queue";

export const metadata: Metadata = { title: "Review" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewPage({ searchParams }: Props) {
  const raw = await searchParams;
  const filters: Record<string, string> = {};
  for (const key of ["kind", "articleId", "authorId"]) {
    const value = raw[key];
    if (typeof value === "string" && value) filters[key] = value;
  }
  const { actor, queue, options } = await withPageActor("/review", async ({ actor, db }) => ({
    actor,
    // A hand-edited URL with a bad filter shows the whole queue rather than an error page.
    queue: await reviewQueue(db, actor, filters).catch(() => reviewQueue(db, actor, {})),
    options: await queueFilterOptions(db, actor),
  }));
  return (
    <section className="wide">
      <h1>Review queue</h1>
      <p className="muted">
        Oldest first. <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approves, <kbd>r</kbd> rejects with a reason, <kbd>x</kbd> selects for a bulk
        approval. Orphaned annotations lost their text in a correction: re-attach them in the editor, or reject them to dismiss them.
      </p>
      <ReviewQueue initial={queue} actor={actor} filters={filters} options={options} />
    </section>
  );
}
