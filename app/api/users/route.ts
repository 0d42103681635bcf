import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

const admins = { roles: ["admin"] as const };

/** Every user (admins). */
export const GET = withAuth(async ({ db, actor }) => NextResponse.json({ items: await listUsers(db, actor) }), admins);

/** Creates a user (admins): `{email, name, role, password?}`. */
export const POST = withAuth(async ({ req, db, actor }) => {
  const user = await createUser(db, actor, await readJson(req));
  return NextResponse.json(user, { status: 201 });
}, admins);
