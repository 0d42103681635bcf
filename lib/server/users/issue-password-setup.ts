import "server-only";
import { generateSetupSecret, hashSetupSecret, PASSWORD_SETUP_DAYS, setupPath } from "./password-setup-secret";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Tx } from "../db";

/** A one-time set-up link just issued: its secret is shown once, only its hash is stored. */
export interface PasswordSetupLink {
  /** The app path to hand to the user, e.g. `/set-password/nms_…`. */
  path: string;
  expiresAt: string;
}

/**
 * Issues a set-up link inside the caller's transaction, so the link exists exactly when the change
 * that needed it (a new user) commits. Earlier unused links of the user stop working: only the
 * newest one handed over is valid.
 */
export async function issuePasswordSetup(tx: Tx, actor: Actor | null, userId: string): Promise<PasswordSetupLink> {
  const secret = generateSetupSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PASSWORD_SETUP_DAYS * 24 * 60 * 60 * 1000);
  await tx.passwordSetup.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const row = await tx.passwordSetup.create({
    data: { userId, tokenHash: hashSetupSecret(secret), expiresAt, createdById: actor?.id ?? null },
  });
  await recordAudit(tx, actor, {
    action: "user.password_setup_issue",
    entityType: "user",
    entityId: userId,
    after: { setupId: row.id, expiresAt },
  });
  return { path: setupPath(secret), expiresAt: expiresAt.toISOString() };
}
