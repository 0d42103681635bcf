import { withAuth } from "@/lib/api/with-auth";
import { compareRevisions } from "@/lib/server/revisions/compare-revisions";
import { contractJson } from "@/lib/api/contract-json";
import { revisionComparisonResponse } from "@/lib/contracts/revisions";

/** Two revisions compared, `?from=&to=` (ids or numbers, either order): a word diff and what became of each annotation. */
export const GET = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  contractJson(revisionComparisonResponse, await compareRevisions(db, actor, params.id, Object.fromEntries(req.nextUrl.searchParams))),
);
