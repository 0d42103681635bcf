import "server-only";
import { listTokensQuery } from "../../contracts/tokens";
import { requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { tokenState } from "./token-state";
import type { TokenListItem } from "../../contracts/tokens";

export type { TokenListItem };

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
