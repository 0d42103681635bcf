import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "../db";
import { jsonLinesQuery } from "./json-lines-query";
import type { ExportStatusFilter } from "./load-export-source";

/**
 * Where the export's lines are read from: the Prisma client, and, on a PostgreSQL server, the
 * connection pool under it (absent on PGlite), which can run COPY.
 */
export interface JsonLinesSource {
  prisma: Db;
  pool?: pg.Pool;
}

/**
 * COPY's CSV format writes a value as it is, unless it holds the delimiter, the quote character, a
 * carriage return or a line feed. A line of JSON holds neither of these control characters nor a
 * raw line break (JSON escapes every control character), so each row comes out as its line and a
 * "\n": the bytes of the export, with nothing to undo.
 */
const COPY_OPTIONS = "FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01'";

/**
 * The Newsmark JSON line of each of the given articles that has a current revision, in the order of
 * `articleIds`, as bytes: decoded and split after each "\n", the lines equal `JSON.stringify(
 * toNewsmarkJson(…)) + "\n"` of their articles. PostgreSQL writes the JSON (`jsonLinesQuery`).
 *
 * With a pool the rows come by COPY, as the chunks the socket delivered: the server never turns
 * them into strings, which was most of an export's CPU and all of its garbage. PGlite has no COPY
 * to a client, and reads them as rows.
 */
export async function loadJsonLines(source: JsonLinesSource, articleIds: string[], status: ExportStatusFilter, exportedAt: Date): Promise<Buffer[]> {
  if (articleIds.length === 0) return [];
  const approvedOnly = status === "approved";
  if (source.pool) return copyJsonLines(source.pool, articleIds, approvedOnly, exportedAt);
  const rows = await source.prisma.$queryRawUnsafe<{ line: string }[]>(jsonLinesQuery(approvedOnly), articleIds, exportedAt.toISOString());
  return rows.length === 0 ? [] : [Buffer.from(rows.map((row) => `${row.line}\n`).join(""))];
}

async function copyJsonLines(pool: pg.Pool, articleIds: string[], approvedOnly: boolean, exportedAt: Date): Promise<Buffer[]> {
  const client = await pool.connect();
  try {
    // COPY takes no parameters: the inputs go in as literals, quoted by the driver.
    const query = jsonLinesQuery(approvedOnly, {
      ids: client.escapeLiteral(`{${articleIds.join(",")}}`),
      exportedAt: client.escapeLiteral(exportedAt.toISOString()),
    });
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT WITH (${COPY_OPTIONS})`))) chunks.push(chunk as Buffer);
    client.release();
    return chunks;
  } catch (err) {
    // A COPY that broke off leaves the connection in an unknown state: it is closed, not reused.
    client.release(err instanceof Error ? err : true);
    throw err;
  }
}
