import "server-only";
import type { Actor } from "../actor";
import type { Db } from "../db";
import { AppError } from "../errors";
import { toActor } from "./to-actor";

/**
 * The user an operator's command acts as: the one with this email, else the oldest active admin.
 * The operator is trusted (they hold the database), so this does not authorize: it names an author.
 */
export async function findCommandActor(db: Db, email?: string): Promise<Actor> {
  const asEmail = email?.toLowerCase();
  const user = await db.user.findFirst({
    where: asEmail ? { email: asEmail } : { role: "admin", disabled: false },
    orderBy: { createdAt: "asc" },
  });
  if (!user) throw new AppError("not_found", asEmail ? `No user ${asEmail}` : "Create an admin first (user:create)");
  return toActor(user);
}
