import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { contractJson } from "@/lib/api/contract-json";
import { annotationSchema } from "@/lib/contracts/annotations";

/** Changes kind, note, attributes or span at a version: 409 with the current state when stale. */
export const PATCH = withAuth<{ id: string }>(async ({ req, db, actor, params }) =>
  contractJson(annotationSchema, await updateAnnotation(db, actor, params.id, await readJson(req))),
);

/** Deletes at a version (`?version=N`): 204, or 409 when stale. */
export const DELETE = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  await deleteAnnotation(db, actor, params.id, Object.fromEntries(req.nextUrl.searchParams));
  return new NextResponse(null, { status: 204 });
});
