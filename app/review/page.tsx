import type { Metadata } from "next";
import { ReviewQueue } from "@/components/review/review-queue";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getDatabase } from "@/lib/server/database/app-database";
import { queueFilterOptions } from "@/lib/server/review/queue-filter-options";
import { reviewQueue } from "@/lib/server/review/review-queue";

export const metadata: Metadata = { title: "Review" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewPage({ searchParams }: Props) {
  const actor = await requirePageActor("/review");
  const raw = await searchParams;
  const filters: Record<string, string> = {};
  for (const key of ["kind", "articleId", "authorId"]) {
    const value = raw[key];
    if (typeof value === "string" && value) filters[key] = value;
  }
  const { prisma } = await getDatabase();
  // A hand-edited URL with a bad filter shows the whole queue rather than an error page.
  const queue = await reviewQueue(prisma, actor, filters).catch(() => reviewQueue(prisma, actor, {}));
  const options = await queueFilterOptions(prisma, actor);
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
