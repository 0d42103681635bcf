import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { contractJson } from "@/lib/api/contract-json";
import { annotationSchema } from "@/lib/contracts/annotations";

/** Approves or rejects someone else's annotation: `{version, decision, note?}` (a rejection needs a note). */
export const POST = withAuth<{ id: string }>(
  async ({ req, db, actor, params }) => contractJson(annotationSchema, await reviewAnnotation(db, actor, params.id, await readJson(req))),
  { roles: ["reviewer", "admin"] },
);
