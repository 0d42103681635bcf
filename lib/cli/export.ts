import { once } from "node:events";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { z } from "zod";
import type { Database } from "../db/database";
import { getDatabase } from "../server/database/app-database";
import { env } from "../env";
import { toW3cCollection } from "../export/w3c";
import { AppError } from "../server/errors";
import { articleJsonLineChunks, articleSourceBatches, countBulkExport } from "../server/export/stream-articles-jsonl";
import { OPERATOR } from "../server/operator";

const exportOptions = z
  .object({
    format: z.enum(["jsonl", "w3c"]).default("jsonl"),
    status: z.enum(["all", "approved"]).default("all"),
    since: z.string().optional(),
    out: z.string().min(1).optional(),
    "base-url": z.url().optional(),
  })
  .strip();

/** Writes one chunk, waiting for the stream to drain when its buffer is full, so memory stays flat. */
async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

/** How many lines a chunk ends: the articles it completes. */
function lineEnds(chunk: string | Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) count++;
  return count;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** A one-line progress bar on stderr, for people watching a terminal; silent when stderr is a file or pipe. */
function progress(total: number): { tick(n: number): void; done(): void } {
  if (!process.stderr.isTTY) return { tick() {}, done() {} };
  const began = Date.now();
  let count = 0;
  let drawnAt = 0;
  const draw = () => {
    const elapsed = (Date.now() - began) / 1000;
    const rate = elapsed > 0 ? count / elapsed : 0;
    const width = 24;
    const filled = total > 0 ? Math.min(width, Math.round((count / total) * width)) : width;
    const left = rate > 0 ? (total - count) / rate : Infinity;
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total} articles  ${rate.toFixed(1)}/s  ${duration(left)} left \x1b[K`);
  };
  return {
    tick(n) {
      count += n;
      // Redrawing on every article would cost more than the export itself on a slow terminal.
      if (Date.now() - drawnAt >= 100) {
        drawnAt = Date.now();
        draw();
      }
    },
    done() {
      draw();
      process.stderr.write("\n");
    },
  };
}

/** The export in the chosen format, one article per line, each ending in "\n"; a chunk may hold several lines or part of one. */
async function* exportChunks(database: Database, format: "jsonl" | "w3c", query: Record<string, unknown>, baseUrl: string): AsyncGenerator<string | Buffer> {
  if (format === "jsonl") {
    yield* articleJsonLineChunks(database, OPERATOR, query);
    return;
  }
  const exportedAt = new Date();
  for await (const batch of articleSourceBatches(database.prisma, OPERATOR, query)) {
    for (const source of batch) yield `${JSON.stringify(toW3cCollection(source, { baseUrl, exportedAt }))}\n`;
  }
}

/**
 * `export [--format jsonl|w3c] [--status all|approved] [--since ISO] [--out FILE]`: every live
 * article, one per line, to a file (written aside and renamed into place when complete) or stdout.
 */
export async function runExport(options: Record<string, unknown>): Promise<void> {
  const parsed = exportOptions.safeParse(options);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new AppError("validation_failed", `--${first.path.map(String).join(".")} ${first.message}`);
  }
  const { format, status, since, out } = parsed.data;
  const { NEXTAUTH_URL, PORT } = env();
  const baseUrl = parsed.data["base-url"] ?? NEXTAUTH_URL ?? `http://localhost:${PORT}`;
  const query = { status, ...(since ? { since } : {}) };
  const database = await getDatabase();
  let total: number;
  try {
    total = await countBulkExport(database.prisma, OPERATOR, query);
  } catch (err) {
    if (err instanceof z.ZodError) throw new AppError("validation_failed", `--since ${err.issues[0]?.message ?? "is invalid"}`);
    throw err;
  }
  const bar = progress(total);
  const partial = out ? `${out}.partial` : undefined;
  const stream: Writable = partial ? createWriteStream(partial) : process.stdout;
  let written = 0;
  try {
    for await (const chunk of exportChunks(database, format, query, baseUrl)) {
      await write(stream, chunk);
      const ended = lineEnds(chunk);
      written += ended;
      bar.tick(ended);
    }
    if (partial && out) {
      stream.end();
      await once(stream, "finish");
      // A reader of --out never sees half a file: it appears only once complete.
      renameSync(partial, out);
    }
  } catch (err) {
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    throw err;
  }
  bar.done();
  if (out) console.error(`Exported ${written} article${written === 1 ? "" : "s"} to ${out}`);
}
