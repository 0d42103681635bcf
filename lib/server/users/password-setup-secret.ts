import "server-only";
import { randomBytes } from "node:crypto";
import { hashToken } from "../tokens/token-secret";

const PREFIX = "nms_";

/** How long a set-up link stays usable: long enough for a weekend, short enough to go stale. */
export const PASSWORD_SETUP_DAYS = 7;

/** A new one-time set-up secret: 256 random bits, prefixed differently from access tokens. */
export function generateSetupSecret(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

/** Whether a string has the shape of a set-up secret (cheap check before touching the database). */
export function looksLikeSetupSecret(secret: string): boolean {
  return secret.startsWith(PREFIX) && secret.length === PREFIX.length + 43 && /^[A-Za-z0-9_-]+$/.test(secret.slice(PREFIX.length));
}

/** The stored form of a set-up secret (SHA-256, as for tokens: the secret is random, not chosen). */
export function hashSetupSecret(secret: string): string {
  return hashToken(secret);
}

/** The app path at which a set-up secret is used. */
export function setupPath(secret: string): string {
  return `/set-password/${secret}`;
}
