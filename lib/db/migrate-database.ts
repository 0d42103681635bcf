import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "./migrate";
import { lockDataDir } from "./pglite-lock";

/** Applies the committed migrations to a PostgreSQL server (by URL) or the embedded database in a data folder; returns the names applied. */
export async function migrateDatabase(target: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  if (target.databaseUrl) return applyMigrations(new PrismaPg({ connectionString: target.databaseUrl }));
  const dir = path.resolve(target.dataDir, "pglite");
  lockDataDir(dir);
  const pglite = await PGlite.create(dir);
  try {
    return await applyMigrations(new PrismaPGlite(pglite));
  } finally {
    await pglite.close();
  }
}
