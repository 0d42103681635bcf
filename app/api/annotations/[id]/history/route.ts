import { withAuth } from "@/lib/api/with-auth";
import { annotationHistory } from "@/lib/server/annotations/annotation-history";
import { contractJson } from "@/lib/api/contract-json";
import { historyResponse } from "@/lib/contracts/annotations";

/** The audit history of one annotation: `[{action, actor, at, before, after}]`. */
export const GET = withAuth<{ id: string }>(async ({ db, actor, params }) => contractJson(historyResponse, await annotationHistory(db, actor, params.id)));
