import { z } from "zod";
import type { ArticleExportSource } from "../../export/export-types";
import { toNewsmarkJson } from "../../export/newsmark-json";
import type { Prisma } from "../../db/prisma";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import type { Operator } from "../operator";
import { loadExportSources } from "./load-export-source";

/** How many articles one round trip loads: small enough to keep memory flat, large enough to amortise queries. */
export const EXPORT_BATCH_SIZE = 50;

const since = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "must be an ISO 8601 date or date-time, e.g. 2025-01-31T00:00:00Z" })
  .transform((value) => new Date(value));

/** The query of GET /api/export (and the CLI's options): which articles, and which of their annotations. */
export const bulkExportQuery = z
  .object({
    format: z.literal("jsonl", { error: 'must be "jsonl"' }).default("jsonl"),
    status: z.enum(["all", "approved"], { error: 'must be "all" or "approved"' }).default("all"),
    since: since.optional(),
    /** Only these articles (the list page's selection): comma-separated ids. */
    ids: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .pipe(z.array(z.uuid({ message: "must be article ids (UUIDs)" })).min(1).max(500))
      .optional(),
  })
  .strict();
export type BulkExportQuery = z.input<typeof bulkExportQuery>;

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

interface Batch {
  sources: ArticleExportSource[];
  /** Where the next page starts; undefined after the last page. */
  after?: { updatedAt: Date; id: string };
}

async function loadBatch(db: Db, walk: Walk, after: { updatedAt: Date; id: string } | undefined): Promise<Batch | null> {
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
  if (page.length === 0) return null;
  const sources = await loadExportSources(
    db,
    page.map((row) => row.id),
    walk.status,
  );
  return { sources, after: page.length < walk.batchSize ? undefined : page[page.length - 1] };
}

async function* walkBatches(db: Db, walk: Walk): AsyncGenerator<ArticleExportSource[]> {
  let pending = loadBatch(db, walk, undefined);
  for (;;) {
    const batch = await pending;
    if (!batch) return;
    // The next batch is read while this one is serialised and sent, so the database and the
    // server work at the same time instead of taking turns; at most two batches are in memory.
    pending = batch.after ? loadBatch(db, walk, batch.after) : Promise.resolve(null);
    // A consumer that stops early never awaits the prefetch; its failure must not go unhandled.
    pending.catch(() => {});
    if (batch.sources.length > 0) yield batch.sources;
  }
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
  return walkBatches(db, startWalk(actor, query, batchSize));
}

/** How many articles a bulk export with this query would write (for progress reports). */
export async function countBulkExport(db: Db, actor: Actor | Operator, query: unknown): Promise<number> {
  return db.article.count({ where: articleFilter(startWalk(actor, query, EXPORT_BATCH_SIZE)) });
}

async function* jsonLines(batches: AsyncGenerator<ArticleExportSource[]>): AsyncGenerator<string> {
  const exportedAt = new Date();
  for await (const batch of batches) {
    for (const source of batch) yield `${JSON.stringify(toNewsmarkJson(source, exportedAt))}\n`;
  }
}

/**
 * The bulk export as JSON Lines: one Newsmark JSON article per line, each ending in "\n". Lazy: the
 * next batch is loaded only when the consumer asks for more, so memory stays flat.
 */
export function articleJsonLines(db: Db, actor: Actor | Operator, query: unknown, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<string> {
  return jsonLines(articleSourceBatches(db, actor, query, batchSize));
}
