import { migrateDatabase } from "../db/migrate-database";
import { env } from "../env";

/** `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL selects. */
async function main() {
  const { DATABASE_URL, NEWSMARK_DATA_DIR } = env();
  const applied = await migrateDatabase({ databaseUrl: DATABASE_URL, dataDir: NEWSMARK_DATA_DIR });
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
