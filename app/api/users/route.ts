import { readJson } from "@/lib/api/read-json";
import { publicUrl } from "@/lib/api/public-url";
import { withAuth } from "@/lib/api/with-auth";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";
import { contractJson } from "@/lib/api/contract-json";
import { createUserResponse, userListResponse } from "@/lib/contracts/users";

const admins = { roles: ["admin"] as const };

/** Every user (admins). */
export const GET = withAuth(async ({ db, actor }) => contractJson(userListResponse, { items: await listUsers(db, actor) }), admins);

/**
 * Creates a user (admins): `{email, name, role, password? | setupLink?}`. With `setupLink: true`
 * the answer carries `setup: {path, url, expiresAt}`, the one-time link, shown this once only.
 */
export const POST = withAuth(async ({ req, db, actor }) => {
  const { setup, ...user } = await createUser(db, actor, await readJson(req));
  if (!setup) return contractJson(createUserResponse, user, { status: 201 });
  return contractJson(createUserResponse, { ...user, setup: { ...setup, url: publicUrl(req, setup.path) } }, { status: 201, headers: { "cache-control": "no-store" } });
}, admins);
