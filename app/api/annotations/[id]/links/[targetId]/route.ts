import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { deleteLink } from "@/lib/server/annotations/delete-link";

/** Removes the link to a claim (`?type=` optional: the source's kind decides it): 204, or 404 when there is no such link. */
export const DELETE = withAuth<{ id: string; targetId: string }>(async ({ req, db, actor, params }) => {
  await deleteLink(db, actor, params.id, params.targetId, Object.fromEntries(req.nextUrl.searchParams));
  return new NextResponse(null, { status: 204 });
});
