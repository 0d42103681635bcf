import "server-only";
import { hashSetupSecret, looksLikeSetupSecret } from "./password-setup-secret";
import type { Db } from "../db";

/** What a set-up link is worth right now; the page says which, so nobody guesses why it failed. */
export type PasswordSetupLookup =
  | { state: "valid"; email: string; name: string; expiresAt: string }
  | { state: "used" | "expired" | "unknown" | "disabled" };

/**
 * Looks a set-up link up for the signed-out page that uses it. There is no acting user: the
 * secret itself is the credential, and nothing is read without it.
 */
export async function findPasswordSetup(db: Db, secret: string, now = new Date()): Promise<PasswordSetupLookup> {
  if (!looksLikeSetupSecret(secret)) return { state: "unknown" };
  const row = await db.passwordSetup.findUnique({ where: { tokenHash: hashSetupSecret(secret) }, include: { user: true } });
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (row.user.disabled) return { state: "disabled" };
  return { state: "valid", email: row.user.email, name: row.user.name, expiresAt: row.expiresAt.toISOString() };
}

/** The message shown for a link that cannot be used, by its state. */
export const SETUP_REFUSALS: Record<Exclude<PasswordSetupLookup["state"], "valid">, string> = {
  unknown: "This set-up link is not valid. Check that you copied all of it, or ask an admin for a new one.",
  used: "This set-up link has already been used. Sign in with your password, or ask an admin for a new link.",
  expired: "This set-up link has expired. Ask an admin for a new one.",
  disabled: "This account is disabled. Ask an admin to enable it.",
};
