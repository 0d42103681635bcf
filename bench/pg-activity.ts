import pg from "pg";

/**
 * Samples what a database's sessions are doing (pg_stat_activity) while a load runs: how often a
 * session was seen active, idle in a transaction, or waiting, and on what. Shows whether time goes
 * to locks, to the client between queries, or to the server's own work.
 */
export async function sampleActivity(url: string, database: string, everyMs = 100): Promise<{ stop(): Promise<Record<string, number>> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT coalesce(state, '?') || coalesce(' / ' || wait_event_type || ':' || wait_event, '') AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1`,
        [database],
      );
      for (const row of rows) counts[row.what] = (counts[row.what] ?? 0) + row.n;
      samples++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      // Mean number of sessions in each state at any moment.
      return Object.fromEntries(Object.entries(counts).map(([what, n]) => [what, Math.round((n / Math.max(1, samples)) * 10) / 10]));
    },
  };
}
