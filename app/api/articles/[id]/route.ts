import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { getArticle } from "@/lib/server/articles/get-article";

/** One article with its current revision and annotations. */
export const GET = withAuth<{ id: string }>(async ({ db, actor, params }) =>
  NextResponse.json(await getArticle(db, actor, params.id)),
);
