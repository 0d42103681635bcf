import { withAuth } from "@/lib/api/with-auth";
import { revokeToken } from "@/lib/server/tokens/revoke-token";

/** Revokes a token (its owner, or an admin): its next request gets 401. */
export const DELETE = withAuth<{ id: string }>(async ({ db, actor, params }) => {
  await revokeToken(db, actor, params.id);
  return new Response(null, { status: 204 });
});
