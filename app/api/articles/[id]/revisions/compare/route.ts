import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { compareRevisions } from "@/lib/server/revisions/compare-revisions";

/** Two revisions compared, `?from=&to=` (ids or numbers, either order): a word diff and what became of each annotation. */
export const GET = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  NextResponse.json(await compareRevisions(db, actor, params.id, Object.fromEntries(req.nextUrl.searchParams))),
);
