import { withAuth } from "@/lib/api/with-auth";
import { reviewQueue } from "@/lib/server/review/review-queue";
import { contractJson } from "@/lib/api/contract-json";
import { queuePageSchema } from "@/lib/contracts/review";

/** Pending and orphaned annotations across articles, oldest first: `?kind=&articleId=&authorId=&cursor=&limit=`. */
export const GET = withAuth(async ({ req, db, actor }) => contractJson(queuePageSchema, await reviewQueue(db, actor, Object.fromEntries(req.nextUrl.searchParams))));
