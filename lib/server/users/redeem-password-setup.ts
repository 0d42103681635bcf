import "server-only";
import { hashPassword } from "../auth/password";
import { hashSetupSecret } from "./password-setup-secret";
import { redeemPasswordSetupInput } from "../../contracts/users";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { findPasswordSetup, SETUP_REFUSALS } from "./find-password-setup";
import { toActor } from "./to-actor";

const REFUSAL_CODE = { unknown: "not_found", used: "conflict", expired: "conflict", disabled: "forbidden" } as const;

/**
 * Sets a user's password with a one-time set-up link, signed out: the link's secret is the
 * credential. The link is spent in the same transaction as the password is written, and only if
 * it was still unspent then, so two uses at once cannot both succeed.
 */
export async function redeemPasswordSetup(db: Db, input: unknown): Promise<void> {
  const { token, password } = redeemPasswordSetupInput.parse(input);
  const lookup = await findPasswordSetup(db, token);
  if (lookup.state !== "valid") throw new AppError(REFUSAL_CODE[lookup.state], SETUP_REFUSALS[lookup.state]);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const tokenHash = hashSetupSecret(token);
    const { count } = await tx.passwordSetup.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new AppError("conflict", SETUP_REFUSALS.used);
    const setup = await tx.passwordSetup.findUniqueOrThrow({ where: { tokenHash } });
    const user = await tx.user.update({ where: { id: setup.userId }, data: { passwordHash } });
    await recordAudit(tx, toActor(user), {
      action: "user.password_setup_use",
      entityType: "user",
      entityId: setup.userId,
      after: { setupId: setup.id },
    });
  });
}
