import "server-only";
import { isDatabaseUnreachable } from "./database-unreachable";
import type { PrismaClient } from "./prisma";
import { migrationNames } from "./migrations-folder";

/** Raised when the database lacks committed migrations; the message says which command fixes it. */
export class DatabaseNotMigratedError extends Error {
  constructor(missing: string[]) {
    super(
      `The database is not migrated (missing: ${missing.join(", ")}). ` +
        `Run \`npm run db:migrate\` with the same DATABASE_URL, then start again.`,
    );
    this.name = "DatabaseNotMigratedError";
  }
}

/** The committed migrations this database has not applied yet. */
export async function pendingMigrations(prisma: PrismaClient): Promise<string[]> {
  const wanted = migrationNames();
  let applied: { migration_name: string }[] = [];
  try {
    applied = await prisma.$queryRawUnsafe(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
  } catch (err) {
    // A server that cannot be reached says nothing about its migrations.
    if (isDatabaseUnreachable(err)) throw err;
    return wanted; // No _prisma_migrations table: nothing was ever applied.
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return wanted.filter((name) => !done.has(name));
}

/** Throws DatabaseNotMigratedError unless every committed migration is applied. */
export async function assertMigrated(prisma: PrismaClient): Promise<void> {
  const missing = await pendingMigrations(prisma);
  if (missing.length > 0) throw new DatabaseNotMigratedError(missing);
}
