import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "../db/pglite-lock";
import { applyMigrations } from "../db/migrate";
import { env } from "../env";

/** `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL selects. */
async function main() {
  const { DATABASE_URL, NEWSMARK_DATA_DIR } = env();
  let applied: string[];
  if (DATABASE_URL) {
    applied = await applyMigrations(new PrismaPg({ connectionString: DATABASE_URL }));
  } else {
    const dir = path.resolve(NEWSMARK_DATA_DIR, "pglite");
    lockDataDir(dir);
    const pglite = await PGlite.create(dir);
    applied = await applyMigrations(new PrismaPGlite(pglite));
    await pglite.close();
  }
  const target = DATABASE_URL ? "PostgreSQL" : "the embedded database";
  console.log(applied.length ? `Applied to ${target}: ${applied.join(", ")}` : `${target} is up to date.`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
