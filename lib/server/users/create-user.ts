import "server-only";
import { hashPassword } from "../auth/password";
import { Prisma } from "../../db/prisma";
import { createUserInput, type CreateUserInput } from "../../contracts/users";
import { requireRole, type Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { Operator } from "../operator";
import { issuePasswordSetup, type PasswordSetupLink } from "./issue-password-setup";
import { toActor } from "./to-actor";

/** A new user; with `setupLink` asked for, the one-time link to hand them (shown only here). */
export type CreatedUser = Actor & { setup?: PasswordSetupLink };

/**
 * Creates a user (admins, or the operator at the command line); the email must be new. The user
 * gets the password given, a one-time set-up link (`setupLink: true`), or neither (single sign-on).
 */
export async function createUser(db: Db, by: Actor | Operator, input: CreateUserInput | unknown): Promise<CreatedUser> {
  const actor = "operator" in by ? null : by;
  if (actor) requireRole(actor, ["admin"], "create users");
  const data = createUserInput.parse(input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, passwordHash },
      });
      await recordAudit(tx, actor, {
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
      });
      if (!data.setupLink) return toActor(user);
      return { ...toActor(user), setup: await issuePasswordSetup(tx, actor, user.id) };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("conflict", `A user with the email ${data.email} already exists`);
    }
    throw err;
  }
}
