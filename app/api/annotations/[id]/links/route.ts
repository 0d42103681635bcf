import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createLink } from "@/lib/server/annotations/create-link";
import { contractJson } from "@/lib/api/contract-json";
import { annotationSchema } from "@/lib/contracts/annotations";

/** Links an attribution to a claim (`attributes`) or a hedge to a claim (`qualifies`). */
export const POST = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  contractJson(annotationSchema, await createLink(db, actor, params.id, await readJson(req)), { status: 201 }),
);
