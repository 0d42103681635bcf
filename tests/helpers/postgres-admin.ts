import pg from "pg";

/** Quotes a PostgreSQL identifier (database names come from URLs and random suffixes). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The database named in a postgresql:// URL. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error("TEST_DATABASE_URL must name a database, e.g. postgresql://user@127.0.0.1:5432/newsmark_test");
  return name;
}

/** The same server and credentials as `url`, pointed at another database. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/**
 * Runs statements on the server's maintenance database ("postgres"): CREATE and DROP DATABASE
 * cannot run inside the database they act on, nor while it is used as a template.
 */
export async function onServer<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Ends every other session on a database (a template must have none while it is copied). */
export async function disconnectOthers(client: pg.Client, database: string): Promise<void> {
  await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
    database,
  ]);
}
