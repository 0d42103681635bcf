import "server-only";
import { uuidSchema } from "../../contracts/common";
import { requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { issuePasswordSetup, type PasswordSetupLink } from "./issue-password-setup";

/**
 * A new one-time set-up link for an existing user (admins): for a lost or expired link, or a
 * forgotten password. The user's earlier unused links stop working; the current password keeps
 * working until the link is used.
 */
export async function createPasswordSetup(db: Db, actor: Actor, userId: string): Promise<PasswordSetupLink> {
  requireRole(actor, ["admin"], "manage users");
  if (!uuidSchema.safeParse(userId).success) throw notFound("User");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    if (user.disabled) throw new AppError("conflict", `${user.email} is disabled; enable the account before sending a set-up link`);
    return issuePasswordSetup(tx, actor, user.id);
  });
}
