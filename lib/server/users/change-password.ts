import "server-only";
import { hashPassword, verifyPassword } from "../auth/password";
import { changePasswordInput } from "../../contracts/users";
import type { Actor } from "../actor";
import { loginRetryAfter, recordLoginAttempt } from "../auth/login-throttle";
import { throttledError } from "../auth/verify-credentials";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";

/** The answer to a wrong current password (400, naming the field, like any other bad input). */
export const WRONG_CURRENT_PASSWORD = "Your current password is not correct; your password was not changed.";

/**
 * Changes the actor's own password after checking the current one. Wrong guesses count towards the
 * sign-in throttle for the email, so a stolen session or token cannot be used to guess the password.
 */
export async function changePassword(db: Db, actor: Actor, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = changePasswordInput.parse(input);
  const retryAfter = await loginRetryAfter(db, actor.email);
  if (retryAfter > 0) throw throttledError(retryAfter);
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user?.passwordHash) {
    throw new AppError("conflict", "Your account has no password yet (you sign in with single sign-on or a set-up link); ask an admin for a set-up link.");
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordLoginAttempt(db, actor.email, false);
    throw new AppError("validation_failed", WRONG_CURRENT_PASSWORD, [{ path: "currentPassword", message: "is not correct" }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash } });
    await recordAudit(tx, actor, { action: "user.password_change", entityType: "user", entityId: actor.id });
  });
}
