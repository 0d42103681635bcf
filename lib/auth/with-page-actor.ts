import type { Actor } from "../server/actor";
import { getDatabase } from "../server/database/app-database";
import type { Db } from "../server/db";
import { requirePageActor } from "./require-page-actor";
import { sessionActor } from "./session-actor";

/** What a page's loader reads with: the signed-in user and the data layer's database. */
export interface PageContext {
  actor: Actor;
  db: Db;
}

/** What a loader for a page a signed-out visitor may see reads with: the user when there is one. */
export interface VisitorContext {
  actor: Actor | null;
  db: Db;
}

/**
 * The one way pages load data, as `withAuth` is for route handlers: the signed-in, enabled user
 * (else a redirect to the sign-in page, back to `returnTo`) and the database, handed to `load`.
 * Pages never open the database themselves, so none can forget to check who is asking.
 */
export async function withPageActor<T>(returnTo: string, load: (ctx: PageContext) => Promise<T>): Promise<T> {
  const actor = await requirePageActor(returnTo);
  const { prisma } = await getDatabase();
  return load({ actor, db: prisma });
}

/** For the header and the pages a signed-out visitor may open (a set-up link): the user or null, and the database. */
export async function withPageVisitor<T>(load: (ctx: VisitorContext) => Promise<T>): Promise<T> {
  const actor = await sessionActor();
  const { prisma } = await getDatabase();
  return load({ actor, db: prisma });
}
