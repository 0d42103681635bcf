import "server-only";
import { uuidSchema } from "../../contracts/common";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { notFound } from "../errors";

/**
 * Revokes a token: its next request gets 401. Owners revoke their own, admins anyone's. Another
 * user's token is "not found" to a non-admin rather than forbidden, so that token ids reveal
 * nothing about other people's tokens. Revoking a revoked token again changes nothing.
 */
export async function revokeToken(db: Db, actor: Actor, id: string): Promise<void> {
  if (!uuidSchema.safeParse(id).success) throw notFound("Token");
  await db.$transaction(async (tx) => {
    const row = await tx.accessToken.findUnique({ where: { id } });
    if (!row || (row.userId !== actor.id && actor.role !== "admin")) throw notFound("Token");
    if (row.revokedAt) return;
    // Conditional, so two revocations at once record one event between them.
    const { count } = await tx.accessToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return;
    await recordAudit(tx, actor, {
      action: "token.revoke",
      entityType: "token",
      entityId: id,
      before: { userId: row.userId, name: row.name },
    });
  });
}
