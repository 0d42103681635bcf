import "server-only";
import type { User } from "../../db/prisma";
import type { Db } from "../db";

/** The user row with this email (stored lowercased), or null. For sign-in, which has no actor yet. */
export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
}
