import "server-only";
import { updateUserInput } from "../../contracts/users";
import { uuidSchema } from "../../contracts/common";
import { requireRole, type Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { UserListItem } from "./list-users";

/**
 * Changes a user's name, role or disabled flag (admins only). Disabling takes effect on the user's
 * next request, since every request re-reads the user row. Admins cannot lock themselves out.
 */
export async function updateUser(db: Db, actor: Actor, id: string, input: unknown): Promise<UserListItem> {
  requireRole(actor, ["admin"], "manage users");
  if (!uuidSchema.safeParse(id).success) throw notFound("User");
  const patch = updateUserInput.parse(input);
  if (id === actor.id && (patch.disabled === true || (patch.role && patch.role !== "admin"))) {
    throw new AppError("conflict", "You cannot disable yourself or give up your own admin role");
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound("User");
    const after = await tx.user.update({ where: { id }, data: patch });
    await recordAudit(tx, actor, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: { name: before.name, role: before.role, disabled: before.disabled },
      after: { name: after.name, role: after.role, disabled: after.disabled },
    });
    return { id: after.id, email: after.email, name: after.name, role: after.role, disabled: after.disabled, createdAt: after.createdAt.toISOString() };
  });
}
