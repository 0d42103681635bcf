import { z } from "zod";
import { generateToken, hashToken } from "../../auth/token-secret";
import { emailSchema } from "../../schemas/user";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Operator } from "../operator";

const createTokenInput = z.object({ email: emailSchema, name: z.string().trim().min(1).max(200).default("API token") });

/**
 * Issues a personal access token for a user and returns it in clear, the only time it is ever
 * visible: only its hash is stored. Users issue their own; admins and the operator anyone's.
 */
export async function createToken(
  db: Db,
  by: Actor | Operator,
  input: z.input<typeof createTokenInput>,
): Promise<{ token: string; id: string }> {
  const { email, name } = createTokenInput.parse(input);
  const actor = "operator" in by ? null : by;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw notFound(`User ${email}`);
  if (actor && actor.role !== "admin" && actor.id !== user.id) {
    throw new AppError("forbidden", "Only admins may issue tokens for other users");
  }
  if (user.disabled) throw new AppError("conflict", `User ${email} is disabled`);
  const token = generateToken();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.accessToken.create({ data: { userId: user.id, name, tokenHash: hashToken(token) } });
    await recordAudit(tx, actor, { action: "token.create", entityType: "token", entityId: created.id, after: { userId: user.id, name } });
    return created;
  });
  return { token, id: row.id };
}
