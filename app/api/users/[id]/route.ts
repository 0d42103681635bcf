import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { updateUser } from "@/lib/server/users/update-user";
import { contractJson } from "@/lib/api/contract-json";
import { userListItemSchema } from "@/lib/contracts/users";

/** Changes a user's name, role or disabled flag (admins). */
export const PATCH = withAuth<{ id: string }>(
  async ({ req, db, actor, params }) => contractJson(userListItemSchema, await updateUser(db, actor, params.id, await readJson(req))),
  { roles: ["admin"] },
);
