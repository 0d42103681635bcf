import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { contractJson } from "@/lib/api/contract-json";
import { annotationSchema } from "@/lib/contracts/annotations";

/** Tags a span: 201 with the annotation, or 200 when the same client id was already created. */
export const POST = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  const { annotation, created } = await createAnnotation(db, actor, params.id, await readJson(req));
  return contractJson(annotationSchema, annotation, { status: created ? 201 : 200 });
});
