import { expect, test } from "@playwright/test";
import pg from "pg";
import { apiCall } from "./api-client";
import { type AppServer, startPreparedServer, type TestServerDatabase, waitFor } from "./app-server";
import type { PreparedDatabase } from "./prepared-database";

/**
 * Clients that hang up in the middle of a bulk export. On PostgreSQL each batch of the export holds
 * a connection for its COPY, the one being sent and the one written ahead; a client that goes away
 * must give both back and stop their queries. More hang-ups than the server's pool has connections,
 * then a whole export and a write must still succeed.
 */
const ARTICLES = 120;
const HANGUPS = 15;
// Clear of the other resilience servers (+11 crash, +12 load, +13 to +15 startup checks).
const port = Number(process.env.E2E_PORT ?? 3100) + 16;

test.describe.configure({ mode: "serial", timeout: 5 * 60_000 });

let db: TestServerDatabase;
let prepared: PreparedDatabase;
let server: AppServer;
let stop = async () => {};

test.beforeAll(async () => {
  ({ db, prepared, server, stop } = await startPreparedServer("export_hangup", 1, port));
  // About 60 KB of text each, so the export (megabytes) outgrows what the sockets buffer and a
  // client that stops reading leaves the server mid-export.
  const content = Array.from({ length: 60 }, (_, p) => `Paragraph ${p}: the council said the budget would rise, officials confirmed. `.repeat(12).trim()).join("\n\n");
  const token = prepared.editors[0]!.token;
  for (let start = 0; start < ARTICLES; start += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const outcome = await apiCall(server.baseUrl, token, "POST", "/api/articles", { title: `Budget ${start + i}`, format: "text", content });
        expect("status" in outcome && outcome.status, JSON.stringify(outcome).slice(0, 300)).toBe(201);
      }),
    );
  }
});

test.afterAll(() => stop());

/** COPY queries still running on the test's database (PostgreSQL only). */
async function runningCopies(): Promise<number> {
  const client = new pg.Client({ connectionString: db.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND state <> 'idle' AND pid <> pg_backend_pid()",
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

test(`${HANGUPS} clients that hang up mid-export leave no connection or query behind`, async () => {
  const token = prepared.editors[0]!.token;
  const headers = { authorization: `Bearer ${token}` };
  for (let i = 0; i < HANGUPS; i++) {
    const abort = new AbortController();
    const res = await fetch(`${server.baseUrl}/api/export?format=jsonl`, { headers, signal: abort.signal });
    expect(res.status).toBe(200);
    const first = await res.body!.getReader().read();
    expect(first.done).toBe(false);
    abort.abort();
  }
  if (db.kind === "postgresql") await waitFor("the abandoned exports' COPY queries to end", async () => (await runningCopies()) === 0, 30_000);

  const whole = await fetch(`${server.baseUrl}/api/export?format=jsonl`, { headers });
  const body = await whole.text();
  expect(whole.status).toBe(200);
  const lines = body.slice(0, -1).split("\n");
  // The prepared article, and those made here.
  expect(lines).toHaveLength(ARTICLES + 1);
  expect(new Set(lines.map((line) => (JSON.parse(line) as { article: { id: string } }).article.id)).size).toBe(ARTICLES + 1);

  const write = await apiCall(server.baseUrl, token, "POST", `/api/articles/${prepared.articleId}/annotations`, {
    revisionId: prepared.revisionId,
    kind: "claim",
    from: 1,
    to: 10,
  });
  expect("status" in write && write.status, JSON.stringify(write).slice(0, 300)).toBe(201);
});
