import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { type BenchContext, type Bench, machine } from "./bench-result";
import { createBenchDatabase } from "./bench-database";
import { serverProfile, type ProfileSummary } from "./cpu-profile";
import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { sampleActivity } from "./pg-activity";
import { generateArticle, type GeneratedSpan } from "./generate-article";
import { sampleRss } from "./process-memory";
import { openPrisma, seedArticle, seedUsers, spanColumns, type SeededArticle, type SeededUser } from "./seed";
import { startServer } from "./start-server";
import { latencySummary, mb, round2 } from "./stats";

const EDITORS = 50;
const ARTICLES = 10;
const WORDS_PER_ARTICLE = 1_000;
const SPANS_PER_ARTICLE = 300;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const WARMUP_SECONDS = 3;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.4;
const PROFILE = process.env.BENCH_PROFILE === "1";

type OpName = "create" | "update" | "delete";

/** The three writes an editor makes, against some backend (the app's API, or raw SQL). */
interface Writes {
  create(editor: number, span: GeneratedSpan, id: string): Promise<number>;
  update(editor: number, id: string, version: number, note: string): Promise<number>;
  remove(editor: number, id: string, version: number): Promise<void>;
}

interface Editor {
  user: SeededUser;
  article: SeededArticle;
  spans: GeneratedSpan[];
}

interface LoadResult {
  seconds: number;
  ops: number;
  latencies: Record<OpName, number[]>;
  errors: number;
  errorSamples: string[];
}

/**
 * 50 editors at once, each without pause: tag a span, change its note, and delete every third one
 * again (so the tables grow as in real use). Closed loop: an editor's next request waits for the
 * previous answer.
 */
async function load(editors: Editor[], writes: Writes, seconds: number): Promise<LoadResult> {
  const latencies: Record<OpName, number[]> = { create: [], update: [], delete: [] };
  let errors = 0;
  const errorSamples: string[] = [];
  const deadline = performance.now() + seconds * 1000;
  const timed = async <T>(op: OpName, work: () => Promise<T>): Promise<T | undefined> => {
    const began = performance.now();
    try {
      const value = await work();
      latencies[op].push(performance.now() - began);
      return value;
    } catch (err) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(`${op}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      return undefined;
    }
  };
  const began = performance.now();
  await Promise.all(
    editors.map(async (editor, e) => {
      for (let cycle = 0; performance.now() < deadline; cycle++) {
        const span = editor.spans[(e * 7 + cycle) % editor.spans.length]!;
        const id = randomUUID();
        const created = await timed("create", () => writes.create(e, span, id));
        if (created === undefined || performance.now() >= deadline) continue;
        const updated = await timed("update", () => writes.update(e, id, created, `Checked by editor ${e}, round ${cycle}.`));
        if (updated === undefined || cycle % 3 !== 0 || performance.now() >= deadline) continue;
        await timed("delete", () => writes.remove(e, id, updated));
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  const ops = latencies.create.length + latencies.update.length + latencies.delete.length;
  return { seconds: elapsed, ops, latencies, errors, errorSamples };
}

function httpWrites(base: string, editors: Editor[]): Writes {
  const call = async (editor: number, method: string, path: string, expected: number, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${editors[editor]!.user.token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as { version: number }) : null;
  };
  return {
    async create(e, span, id) {
      const { article } = editors[e]!;
      const body = { id, revisionId: article.revisionId, kind: span.kind, start: span.start, end: span.end, note: span.note, attributes: span.attributes };
      return (await call(e, "POST", `/api/articles/${article.id}/annotations`, 201, body))!.version;
    },
    async update(e, id, version, note) {
      return (await call(e, "PATCH", `/api/annotations/${id}`, 200, { version, note }))!.version;
    },
    async remove(e, id, version) {
      await call(e, "DELETE", `/api/annotations/${id}?version=${version}`, 204);
    },
  };
}

/** The same rows written straight into PostgreSQL: what the app's writes cost at the least. */
function rawWrites(pool: pg.Pool, editors: Editor[]): Writes {
  return {
    async create(e, span, id) {
      const { article, user } = editors[e]!;
      const c = spanColumns(article, span);
      await pool.query(
        `INSERT INTO annotations (id, "articleId", "revisionId", kind, "from", "to", start, "end", "quoteExact", "quotePrefix", "quoteSuffix", note, attributes, "createdById", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())`,
        [id, article.id, article.revisionId, span.kind, c.from, c.to, c.start, c.end, c.quote.exact, c.quote.prefix, c.quote.suffix, span.note, JSON.stringify(span.attributes), user.actor.id],
      );
      return 1;
    },
    async update(_e, id, version, note) {
      const { rowCount } = await pool.query(`UPDATE annotations SET note = $1, version = version + 1, "updatedAt" = now() WHERE id = $2 AND version = $3 AND "deletedAt" IS NULL`, [note, id, version]);
      if (rowCount !== 1) throw new Error("update matched no row");
      return version + 1;
    },
    async remove(_e, id, version) {
      const { rowCount } = await pool.query(`UPDATE annotations SET "deletedAt" = now(), version = version + 1 WHERE id = $1 AND version = $2 AND "deletedAt" IS NULL`, [id, version]);
      if (rowCount !== 1) throw new Error("delete matched no row");
    },
  };
}

function summarise(run: LoadResult) {
  const all = [...run.latencies.create, ...run.latencies.update, ...run.latencies.delete];
  return {
    seconds: round2(run.seconds),
    ops: run.ops,
    throughput: Math.round(run.ops / run.seconds),
    latencyMs: latencySummary(all),
    byOperation: {
      create: latencySummary(run.latencies.create),
      update: latencySummary(run.latencies.update),
      delete: latencySummary(run.latencies.delete),
    },
    errors: run.errors,
    errorSamples: run.errorSamples,
  };
}

/**
 * The API under load: 50 concurrent editors, each with its own token, against `next start` on
 * PostgreSQL for 30 s. Baseline: the same writes as plain SQL with pg at the same concurrency.
 */
export const apiBench: Bench = {
  name: "api",
  needsBuild: true,
  async run({ port }: BenchContext) {
    const database = await createBenchDatabase();
    try {
      const { prisma, close } = openPrisma(database.url);
      const users = await seedUsers(prisma, EDITORS);
      const articles: { seeded: SeededArticle; spans: GeneratedSpan[] }[] = [];
      for (let a = 0; a < ARTICLES; a++) {
        const generated = generateArticle(WORDS_PER_ARTICLE, SPANS_PER_ARTICLE, 100 + a);
        articles.push({ seeded: await seedArticle(prisma, users[a]!.actor, generated), spans: generated.spans });
      }
      await close();
      const editors: Editor[] = users.map((user, e) => ({ user, article: articles[e % ARTICLES]!.seeded, spans: articles[e % ARTICLES]!.spans }));

      const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), "newsmark-bench-profile-")) : undefined;
      const server = await startServer(port, database.url, { cpuProfileDir: profileDir });
      let app: ReturnType<typeof summarise>;
      let appCpu: ReturnType<typeof cpuSpent>;
      let peakRss: number;
      let sessions: Record<string, number> | undefined;
      let serverCpu: ProfileSummary | undefined;
      try {
        const writes = httpWrites(server.url, editors);
        await load(editors, writes, WARMUP_SECONDS);
        const memory = sampleRss(server.pid, 200);
        const activity = PROFILE ? await sampleActivity(database.url, database.name) : null;
        const before = cpuSnapshot(server.pid);
        app = summarise(await load(editors, writes, SECONDS));
        appCpu = cpuSpent(before, cpuSnapshot(server.pid));
        peakRss = memory.stop();
        sessions = await activity?.stop();
      } finally {
        await server.stop();
      }
      if (profileDir) serverCpu = serverProfile(profileDir);

      const pool = new pg.Pool({ connectionString: database.url, max: EDITORS });
      let raw: ReturnType<typeof summarise>;
      let rawCpu: ReturnType<typeof cpuSpent>;
      try {
        const writes = rawWrites(pool, editors);
        await load(editors, writes, WARMUP_SECONDS);
        const before = cpuSnapshot();
        raw = summarise(await load(editors, writes, SECONDS));
        rawCpu = cpuSpent(before, cpuSnapshot());
      } finally {
        await pool.end();
      }

      const ratio = round2(app.throughput / raw.throughput);
      const result = {
        name: "api",
        at: new Date().toISOString(),
        machine: machine(),
        setup: { editors: EDITORS, articles: ARTICLES, wordsPerArticle: WORDS_PER_ARTICLE, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, mix: "create, update note, delete every third" },
        app: { ...app, cpuSeconds: appCpu, serverPeakRssMB: mb(peakRss), ...(PROFILE ? { sessions, serverProfile: serverCpu } : {}) },
        raw: { ...raw, cpuSeconds: rawCpu },
        throughputRatio: ratio,
        targets: { p99Ms: TARGET_P99_MS, throughputRatio: TARGET_RATIO },
      };
      return {
        result,
        figures: [
          { bench: "api", figure: "app throughput (requests/s)", value: app.throughput },
          { bench: "api", figure: "app latency p50 (ms)", value: app.latencyMs.p50 },
          { bench: "api", figure: "app latency p99 (ms)", value: app.latencyMs.p99, target: `<= ${TARGET_P99_MS}`, met: app.latencyMs.p99 <= TARGET_P99_MS },
          { bench: "api", figure: "app errors", value: app.errors, target: "0", met: app.errors === 0 },
          { bench: "api", figure: "raw SQL throughput (writes/s)", value: raw.throughput },
          { bench: "api", figure: "raw SQL latency p99 (ms)", value: raw.latencyMs.p99 },
          { bench: "api", figure: "throughput app/raw", value: ratio, target: `>= ${TARGET_RATIO}`, met: ratio >= TARGET_RATIO },
        ],
      };
    } finally {
      await database.drop();
    }
  },
};
