import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "../db/migrations-folder";
import { pendingMigrationSql } from "../db/pending-migration-sql";

/**
 * `npm run db:migration -- NAME`: writes a new migration with the SQL that takes the committed
 * migrations to the current schema.prisma. Check constraints are hand-written in migration.sql.
 */
async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- NAME   (lowercase letters, digits and _)");
    process.exit(2);
  }
  const sql = await pendingMigrationSql();
  if (!sql) {
    console.log("The schema matches the migrations: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
