import "server-only";
import { listTokensQuery, type TokenState } from "../../schemas/token";
import { requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { tokenState } from "./token-state";

/** A token as its owner (or an admin) sees it: never its secret or hash. */
export interface TokenListItem {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: TokenState;
  /** Whose token it is; only in an admin's list of everyone's tokens. */
  user?: { id: string; email: string; name: string };
}

/**
 * The actor's own tokens, newest first; with `?all=true` (admins only) everyone's, each with its
 * user. Revoked and expired tokens stay listed so that people can see what stopped working and why.
 */
export async function listTokens(db: Db, actor: Actor, query: unknown = {}): Promise<TokenListItem[]> {
  const all = listTokensQuery.parse(query).all === "true";
  if (all) requireRole(actor, ["admin"], "list everyone's tokens");
  const rows = await db.accessToken.findMany({
    where: all ? {} : { userId: actor.id },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state: tokenState(row, now),
    ...(all ? { user: row.user } : {}),
  }));
}
