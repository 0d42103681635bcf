import { getServerSession } from "next-auth";
import { getDatabase } from "../server/database/app-database";
import type { Actor } from "../server/actor";
import { findActiveUser, type ActiveUserLookup } from "../server/users/find-active-user";
import { authOptions } from "./auth-options";

/**
 * The user of the current request's session cookie, re-read from the database on every request:
 * the token alone would keep a disabled user in until it expires.
 */
export async function sessionUser(): Promise<ActiveUserLookup | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const { prisma } = await getDatabase();
  return findActiveUser(prisma, userId);
}

/** The signed-in, enabled user, or null. */
export async function sessionActor(): Promise<Actor | null> {
  const lookup = await sessionUser();
  return lookup && "actor" in lookup ? lookup.actor : null;
}
