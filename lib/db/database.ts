import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "./migrate";
import { assertMigrated } from "./migration-status";
import { lockDataDir } from "./pglite-lock";
import { pgliteNotifications, pgNotifications, type Notifications } from "./notifications";
import { createPrismaClient, type PrismaClient } from "./prisma";

export type DatabaseKind = "pglite" | "postgresql";

/** The app's database: a Prisma client and which engine is behind it. */
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** On a PostgreSQL server, the client's connection pool, for what Prisma cannot do: the bulk export's COPY. */
  pool?: pg.Pool;
  /** Where NOTIFY reaches this process: the live events of articles (absent on a database opened for a one-off task). */
  notifications?: Notifications;
}

/** What to do with a freshly opened embedded database before anyone uses it (the app seeds an empty one). */
export type PrepareDatabase = (prisma: PrismaClient) => Promise<void>;

/**
 * Opens the embedded PGlite database under the data folder: locked to this process, migrated,
 * then handed to `prepare` (the data layer passes its seeding here: this layer must not import it).
 */
export async function openEmbeddedDatabase(dataDir: string, prepare?: PrepareDatabase): Promise<Database> {
  const dir = path.resolve(dataDir, "pglite");
  lockDataDir(dir);
  const pglite = await PGlite.create(dir);
  await applyMigrations(new PrismaPGlite(pglite));
  const prisma = createPrismaClient(new PrismaPGlite(pglite));
  await prepare?.(prisma);
  return { prisma, kind: "pglite", notifications: pgliteNotifications(pglite) };
}

/** Connects to a PostgreSQL server; refuses an unmigrated database with the command that fixes it. */
export async function openServerDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url });
  // The client ends the pool when it disconnects, as it would a pool of its own.
  const prisma = createPrismaClient(new PrismaPg(pool, { disposeExternalPool: true }));
  try {
    await assertMigrated(prisma);
  } catch (err) {
    // The next request opens anew (a server that cannot be reached yet, say): this pool is done.
    await prisma.$disconnect().catch(() => {});
    throw err;
  }
  return { prisma, kind: "postgresql", pool, notifications: pgNotifications(url) };
}
