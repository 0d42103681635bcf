import type { PrismaClient } from "@/lib/db/prisma";

/**
 * Columns left out of the checksum, with the reason: authenticating a token records when it was
 * last used (coarsely, at most once a minute), which is bookkeeping, not a change a request made.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { access_tokens: ["lastUsedAt"] };

/** The tables of the app's schema (not Prisma's migration bookkeeping). */
async function tables(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/**
 * One md5 per table of every row (as JSON, in the order of that text), so a test can show that a
 * refused request wrote nothing anywhere: not a row, not a column, not an audit event.
 */
export async function databaseChecksum(prisma: PrismaClient): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of await tables(prisma)) {
    const ignored = (IGNORED_COLUMNS[table] ?? []).map((c) => ` - '${c}'`).join("");
    const quoted = `"${table.replace(/"/g, '""')}"`;
    // Ordered by the row itself: not every table has an id (the step log and live events are keyed by article and number).
    const [row] = await prisma.$queryRawUnsafe<{ sum: string; n: bigint }[]>(
      `SELECT md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE "C"), '')) AS sum, count(*) AS n FROM (SELECT (to_jsonb(t)${ignored})::text AS r FROM ${quoted} t) rows`,
    );
    sums[table] = `${row!.n}:${row!.sum}`;
  }
  return sums;
}
