import "server-only";
import type { Actor } from "../actor";
import type { Db } from "../db";
import { toActor } from "./to-actor";

/** Outcome of re-reading a session's or token's user on each request. */
export type ActiveUserLookup = { actor: Actor } | { refused: "missing" | "disabled" };

/** Reads the user row again so that a disabled or deleted user is refused at once. */
export async function findActiveUser(db: Db, userId: string): Promise<ActiveUserLookup> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return { refused: "missing" };
  if (user.disabled) return { refused: "disabled" };
  return { actor: toActor(user) };
}
