import "server-only";
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "nmk_";

/** A new personal access token: 256 random bits, prefixed so leaked tokens are recognisable. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token. SHA-256 suffices: tokens are random, unlike passwords. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string has the shape of one of our tokens (cheap check before touching the database). */
export function looksLikeToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43 && /^[A-Za-z0-9_-]+$/.test(token.slice(PREFIX.length));
}
