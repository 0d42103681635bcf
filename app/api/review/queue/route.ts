import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { reviewQueue } from "@/lib/server/review/review-queue";

/** Pending and orphaned annotations across articles, oldest first: `?kind=&articleId=&authorId=&cursor=&limit=`. */
export const GET = withAuth(async ({ req, db, actor }) => NextResponse.json(await reviewQueue(db, actor, Object.fromEntries(req.nextUrl.searchParams))));
