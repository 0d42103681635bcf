import "server-only";
import { hashToken, looksLikeToken } from "./token-secret";
import type { Actor } from "../actor";
import type { Db } from "../db";
import { toActor } from "../users/to-actor";
import { tokenState } from "./token-state";

/** The user behind a bearer token, or null when the token is unknown, revoked, expired or its user disabled. */
export async function authenticateToken(db: Db, token: string): Promise<Actor | null> {
  if (!looksLikeToken(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || tokenState(row) !== "active" || row.user.disabled) return null;
  // Best effort and coarse (once a minute) so that a busy script does not write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return toActor(row.user);
}
