import "server-only";
import type { TokenState } from "../../contracts/tokens";

/** Where a token stands at `now`: revocation wins over expiry, since it was someone's decision. */
export function tokenState(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
