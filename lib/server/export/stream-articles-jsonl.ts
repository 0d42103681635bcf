import "server-only";
import { bulkExportQuery } from "../../contracts/export";
import type { ArticleExportSource } from "../../export/export-types";
import type { Prisma } from "../../db/prisma";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import type { Operator } from "../operator";
import { loadExportSources } from "./load-export-source";
import { openJsonLines, type JsonLinesBatch, type JsonLinesSource } from "./open-json-lines";

/** How many articles one round trip loads: small enough to keep memory flat, large enough to amortise queries. */
export const EXPORT_BATCH_SIZE = 50;

/**
 * How many batches of JSON Lines PostgreSQL writes ahead of the one being sent. Writing the JSON is
 * most of an export's work; with two queries in flight it runs on two cores.
 */
const EXPORT_READ_AHEAD = 1;


/** A parsed query with the moment the walk began, which bounds it. */
interface Walk {
  status: "all" | "approved";
  since?: Date;
  ids?: string[];
  until: Date;
  batchSize: number;
}

function articleFilter(walk: Walk): Prisma.ArticleWhereInput {
  // Articles changed after the walk began are left to the next incremental run (since = this run's
  // start): without the bound, an article edited mid-export would move behind the cursor and come twice.
  return {
    deletedAt: null,
    currentRevisionId: { not: null },
    updatedAt: { ...(walk.since ? { gte: walk.since } : {}), lte: walk.until },
    ...(walk.ids ? { id: { in: walk.ids } } : {}),
  };
}

type Key = { updatedAt: Date; id: string };

/** The ids of one page of the walk, and where the next page starts (undefined after the last). */
async function loadPage(db: Db, walk: Walk, after: Key | undefined): Promise<{ ids: string[]; after?: Key }> {
  // Keyset pagination on (updatedAt, id): every page is an index range scan, however deep the walk.
  const page = await db.article.findMany({
    where: {
      AND: [
        articleFilter(walk),
        after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: walk.batchSize,
    select: { id: true, updatedAt: true },
  });
  return { ids: page.map((row) => row.id), after: page.length < walk.batchSize ? undefined : page[page.length - 1] };
}

/**
 * Walks the pages and hands each one's ids to `load`, keeping `ahead` loads in flight while the
 * consumer works on the batch before them: the database and the server work at the same time
 * instead of taking turns. A consumer that stops early leaves loads in flight; `discard` lets
 * each go once it arrives.
 */
async function* walkBatches<T>(
  db: Db,
  walk: Walk,
  load: (ids: string[]) => Promise<T>,
  ahead: number,
  discard: (batch: T) => void = () => {},
): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let after: Key | undefined;
  let more = true;
  const fill = async () => {
    while (more && pending.length < ahead) {
      // Page queries are quick index range scans; the loads they start are the work.
      const page = await loadPage(db, walk, after);
      after = page.after;
      more = page.after !== undefined;
      if (page.ids.length === 0) return;
      const loading = load(page.ids);
      // A consumer that stops early never awaits what was read ahead; its failure must not go unhandled.
      loading.catch(() => {});
      pending.push(loading);
    }
  };
  try {
    await fill();
    for (let next = pending.shift(); next; next = pending.shift()) {
      const batch = await next;
      try {
        await fill();
      } catch (err) {
        discard(batch);
        throw err;
      }
      yield batch;
    }
  } finally {
    for (const loading of pending.splice(0)) loading.then(discard, () => {});
  }
}

async function* nonEmpty<T>(batches: AsyncGenerator<T[]>): AsyncGenerator<T[]> {
  for await (const batch of batches) if (batch.length > 0) yield batch;
}

function startWalk(actor: Actor | Operator, query: unknown, batchSize: number): Walk {
  if (!("operator" in actor)) requireRole(actor, ANY_ROLE, "export articles");
  const parsed = bulkExportQuery.parse(query);
  return { status: parsed.status, since: parsed.since, ids: parsed.ids, until: new Date(), batchSize };
}

/**
 * Every live article matching the query, a batch at a time, oldest change first. Validation and
 * authorization happen on the call, not on the first pull, so a caller can still answer 400/403.
 */
export function articleSourceBatches(
  db: Db,
  actor: Actor | Operator,
  query: unknown,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<ArticleExportSource[]> {
  const walk = startWalk(actor, query, batchSize);
  return nonEmpty(walkBatches(db, walk, (ids) => loadExportSources(db, ids, walk.status), 1));
}

/** How many articles a bulk export with this query would write (for progress reports). */
export async function countBulkExport(db: Db, actor: Actor | Operator, query: unknown): Promise<number> {
  return db.article.count({ where: articleFilter(startWalk(actor, query, EXPORT_BATCH_SIZE)) });
}

/**
 * The bulk export as JSON Lines, as chunks of bytes to be written one after the other: one Newsmark
 * JSON article per line, each ending in "\n", written by PostgreSQL (`openJsonLines`); a line may
 * span chunks. Each batch is read only as the consumer takes its chunks, while the next one is
 * already being written by the database: a slow consumer holds back PostgreSQL, not memory.
 * Validation and authorization happen on the call.
 */
export function articleJsonLineChunks(
  source: JsonLinesSource,
  actor: Actor | Operator,
  query: unknown,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<Buffer> {
  const walk = startWalk(actor, query, batchSize);
  const exportedAt = new Date();
  const opening = (ids: string[]) => openJsonLines(source, ids, walk.status, exportedAt);
  return eachChunk(walkBatches(source.prisma, walk, opening, EXPORT_READ_AHEAD, (batch) => batch.discard()));
}

async function* eachChunk(batches: AsyncGenerator<JsonLinesBatch>): AsyncGenerator<Buffer> {
  for await (const batch of batches) yield* batch.chunks;
}
