import "server-only";
import { finished } from "node:stream";
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

/** One batch of lines, opened: its bytes to be read once, in order, or the batch let go unread. */
export interface JsonLinesBatch {
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
  /** For a batch that will not be read (the consumer stopped early): frees what it holds. */
  discard(): void;
}

/**
 * COPY's CSV format writes a value as it is, unless it holds the delimiter, the quote character, a
 * carriage return or a line feed. A line of JSON holds neither of these control characters nor a
 * raw line break (JSON escapes every control character), so each row comes out as its line and a
 * "\n": the bytes of the export, with nothing to undo. In UTF-8 whatever the session's encoding.
 */
const COPY_OPTIONS = "FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01', ENCODING 'UTF8'";

/**
 * The Newsmark JSON line of each of the given articles that has a current revision, in the order of
 * `articleIds`, as bytes: decoded and split after each "\n", the lines equal `JSON.stringify(
 * toNewsmarkJson(…)) + "\n"` of their articles. PostgreSQL writes the JSON (`jsonLinesQuery`).
 *
 * With a pool the rows come by COPY and the chunks are the socket's: the server never turns them
 * into strings, which was most of an export's CPU and garbage. The query starts now, and
 * PostgreSQL writes the batch while the caller is busy with an earlier one; the bytes are read only
 * as the caller takes them, so what waits, waits in PostgreSQL and in the socket. PGlite has no
 * COPY to a client: its rows are read at once.
 */
export async function openJsonLines(source: JsonLinesSource, articleIds: string[], status: ExportStatusFilter, exportedAt: Date): Promise<JsonLinesBatch> {
  const approvedOnly = status === "approved";
  if (articleIds.length === 0) return { chunks: [], discard() {} };
  if (source.pool) return openCopy(source.pool, articleIds, approvedOnly, exportedAt);
  const rows = await source.prisma.$queryRawUnsafe<{ line: string }[]>(jsonLinesQuery(approvedOnly), articleIds, exportedAt.toISOString());
  return { chunks: rows.length === 0 ? [] : [Buffer.from(rows.map((row) => `${row.line}\n`).join(""))], discard() {} };
}

async function openCopy(pool: pg.Pool, articleIds: string[], approvedOnly: boolean, exportedAt: Date): Promise<JsonLinesBatch> {
  const client = await pool.connect();
  // COPY takes no parameters: the inputs go in as literals, quoted by the driver.
  const query = jsonLinesQuery(approvedOnly, {
    ids: client.escapeLiteral(`{${articleIds.join(",")}}`),
    exportedAt: client.escapeLiteral(exportedAt.toISOString()),
  });
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT WITH (${COPY_OPTIONS})`));
  // Read to its end, the connection goes back to the pool. Failed, or destroyed before its end (a
  // reader that stopped, a batch let go), it is closed: it may be in the middle of the COPY.
  finished(stream, (err) => client.release(err ?? undefined));
  return { chunks: stream, discard: () => stream.destroy() };
}
