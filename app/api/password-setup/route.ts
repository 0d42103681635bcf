import { readJson } from "@/lib/api/read-json";
import { withoutAuth } from "@/lib/api/without-auth";
import { redeemPasswordSetup } from "@/lib/server/users/redeem-password-setup";

/** Sets a password with a one-time set-up link, signed out: `{token, password}` -> 204. */
export const POST = withoutAuth(async ({ req, db }) => {
  await redeemPasswordSetup(db, await readJson(req));
  return new Response(null, { status: 204 });
});
