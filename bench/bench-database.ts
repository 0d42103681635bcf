import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";

/** The PostgreSQL server the benchmarks use; any database on it works, the runs create their own. */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A migrated database of its own for one benchmark, dropped afterwards. */
export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(POSTGRES_URL, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `newsmark_bench_<random>` and applies the committed migrations to it. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `newsmark_bench_${randomBytes(5).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = withDatabase(POSTGRES_URL, name);
  // The schema engine keeps a session-level advisory lock; a connection used once releases it on close.
  const pool = new pg.Pool({ connectionString: url, maxUses: 1 });
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
  return {
    name,
    url,
    // FORCE ends sessions a crashed run may have left behind, so the database never lingers.
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
