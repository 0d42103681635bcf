import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../env";
import { applyMigrations } from "./migrate";
import { assertMigrated } from "./migration-status";
import { lockDataDir } from "./pglite-lock";
import { createPrismaClient, type PrismaClient } from "./prisma";
import { seedIfEmpty } from "./seed";

export type DatabaseKind = "pglite" | "postgresql";

/** The app's database: a Prisma client and which engine is behind it. */
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** On a PostgreSQL server, the client's connection pool, for what Prisma cannot do: the bulk export's COPY. */
  pool?: pg.Pool;
}

/**
 * Opens the embedded PGlite database under the data folder: locked to this process, migrated,
 * and seeded with demo users and the sample article when empty, so a newcomer needs nothing else.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir, "pglite");
  lockDataDir(dir);
  const pglite = await PGlite.create(dir);
  await applyMigrations(new PrismaPGlite(pglite));
  const prisma = createPrismaClient(new PrismaPGlite(pglite));
  await seedIfEmpty(prisma);
  return { prisma, kind: "pglite" };
}

/** Connects to a PostgreSQL server; refuses an unmigrated database with the command that fixes it. */
export async function openServerDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url });
  // The client ends the pool when it disconnects, as it would a pool of its own.
  const prisma = createPrismaClient(new PrismaPg(pool, { disposeExternalPool: true }));
  await assertMigrated(prisma);
  return { prisma, kind: "postgresql", pool };
}

const holder = globalThis as unknown as { newsmarkDatabase?: Promise<Database> };

/** The process-wide database, opened on first use from DATABASE_URL (or the embedded one). */
export function getDatabase(): Promise<Database> {
  if (!holder.newsmarkDatabase) {
    const { DATABASE_URL, NEWSMARK_DATA_DIR } = env();
    const opening = DATABASE_URL ? openServerDatabase(DATABASE_URL) : openEmbeddedDatabase(NEWSMARK_DATA_DIR);
    // A failed open (locked folder, unmigrated server) must be retried on the next request, not cached.
    holder.newsmarkDatabase = opening.catch((err) => {
      holder.newsmarkDatabase = undefined;
      throw err;
    });
  }
  return holder.newsmarkDatabase;
}

/** Installs an already-open database as the process-wide one (tests, and tools that open their own). */
export function useDatabase(database: Database): void {
  holder.newsmarkDatabase = Promise.resolve(database);
}
