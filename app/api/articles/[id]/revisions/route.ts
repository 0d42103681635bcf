import { BODY_LIMIT, readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createRevision } from "@/lib/server/revisions/create-revision";
import { listRevisions } from "@/lib/server/revisions/list-revisions";
import { contractJson } from "@/lib/api/contract-json";
import { createRevisionResponse, revisionListResponse } from "@/lib/contracts/revisions";

/** The article's revisions, newest first: `{article, revisions: [{id, number, createdAt, createdBy, length, words, outcomes}]}`. */
export const GET = withAuth<{ id: string }>(async ({ db, actor, params }) => contractJson(revisionListResponse, await listRevisions(db, actor, params.id)));

/** Saves edited text: 201 with the new revision and where each annotation went, or 200 when nothing changed. */
export const POST = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  const { created, ...result } = await createRevision(db, actor, params.id, await readJson(req, BODY_LIMIT.articleImport));
  return contractJson(createRevisionResponse, result, { status: created ? 201 : 200 });
});
