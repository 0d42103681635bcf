import "server-only";
import { requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import type { UserListItem } from "../../contracts/users";

export type { UserListItem };

/** Every user, for the admins' user management page. */
export async function listUsers(db: Db, actor: Actor): Promise<UserListItem[]> {
  requireRole(actor, ["admin"], "manage users");
  const users = await db.user.findMany({ orderBy: [{ disabled: "asc" }, { email: "asc" }] });
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt.toISOString() }));
}
