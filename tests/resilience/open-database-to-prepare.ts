import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { openEmbeddedDatabase, openServerDatabase, type Database } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { seedIfEmpty } from "@/lib/server/seed/seed-if-empty";

/**
 * Opens the database a test server will use, before that server starts: an embedded one in its
 * folder (created, migrated and seeded as the server would), or a PostgreSQL one, migrated.
 */
export async function openDatabaseToPrepare(where: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
  if (where.dataDir) return openEmbeddedDatabase(where.dataDir, seedIfEmpty);
  const pool = new pg.Pool({ connectionString: where.databaseUrl, maxUses: 1 });
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
  return openServerDatabase(where.databaseUrl!);
}
