import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { changePassword } from "@/lib/server/users/change-password";

/** Changes the caller's own password: `{currentPassword, newPassword}` -> 204. */
export const POST = withAuth(async ({ req, db, actor }) => {
  await changePassword(db, actor, await readJson(req));
  return new Response(null, { status: 204 });
});
