import "server-only";
import type { z } from "zod";
import { generateToken, hashToken } from "./token-secret";
import { createTokenInput } from "../../contracts/tokens";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Operator } from "../operator";
import type { CreatedToken } from "../../contracts/tokens";

export type { CreatedToken };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issues a personal access token for a user and returns it in clear, the only time it is ever
 * visible: only its hash is stored. Users issue their own; admins and the operator anyone's.
 */
export async function createToken(db: Db, by: Actor | Operator, input: z.input<typeof createTokenInput>): Promise<CreatedToken> {
  const { email, name, expiresInDays } = createTokenInput.parse(input);
  const actor = "operator" in by ? null : by;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw notFound(`User ${email}`);
  if (actor && actor.role !== "admin" && actor.id !== user.id) {
    throw new AppError("forbidden", "Only admins may issue tokens for other users");
  }
  if (user.disabled) throw new AppError("conflict", `User ${email} is disabled`);
  const token = generateToken();
  const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * DAY_MS);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.accessToken.create({ data: { userId: user.id, name, tokenHash: hashToken(token), expiresAt } });
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "token",
      entityId: created.id,
      after: { userId: user.id, name, expiresAt },
    });
    return created;
  });
  return { id: row.id, name: row.name, token, expiresAt: row.expiresAt?.toISOString() ?? null };
}
