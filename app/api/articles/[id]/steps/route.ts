import { contractJson } from "@/lib/api/contract-json";
import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { stepsAcceptedResponse, stepsSinceResponse } from "@/lib/contracts/collab";
import { acceptSteps } from "@/lib/server/collab/accept-steps";
import { getStepsSince } from "@/lib/server/collab/get-steps-since";

/** The steps after `?since=`: how a page catches up with the shared text. */
export const GET = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  contractJson(stepsSinceResponse, await getStepsSince(db, actor, params.id, Object.fromEntries(req.nextUrl.searchParams))),
);

/** Accepts a page's steps on the version it has: 200 with the new version, or 409 with the steps to rebase on. */
export const POST = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  contractJson(stepsAcceptedResponse, await acceptSteps(db, actor, params.id, await readJson(req))),
);
