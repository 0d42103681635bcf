import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { type BenchContext, type Bench, machine } from "./bench-result";
import { createBenchDatabase } from "./bench-database";
import { serverProfile, type ProfileSummary } from "./cpu-profile";
import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { generateArticle } from "./generate-article";
import { sampleRss, treeRss } from "./process-memory";
import { insertAnnotations, openPrisma, seedArticle, seedUsers } from "./seed";
import { startServer } from "./start-server";
import { mb, percentile, round2 } from "./stats";

const ARTICLES = Number(process.env.BENCH_EXPORT_ARTICLES ?? 1_000);
const ANNOTATIONS = 100;
const WORDS = 800;
const RUNS = 3;
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 250;
const PROFILE = process.env.BENCH_PROFILE === "1";

// The rows the export reads: each live article with its current revision, and each live
// annotation with its author, reviewer and links.
const COPY_QUERIES = [
  `SELECT a.id, a.title, a.byline, a."sourceUrl", a."updatedAt", r.id, r.number, r."createdAt", r.doc, r.text
     FROM articles a JOIN revisions r ON r.id = a."currentRevisionId"
    WHERE a."deletedAt" IS NULL ORDER BY a."updatedAt", a.id`,
  `SELECT n.*, c.name, c.email, v.name, v.email,
          (SELECT json_agg(json_build_object('type', l.type, 'targetId', l."toId")) FROM annotation_links l WHERE l."fromId" = n.id) AS links
     FROM annotations n JOIN users c ON c.id = n."createdById" LEFT JOIN users v ON v.id = n."reviewedById"
    WHERE n."deletedAt" IS NULL ORDER BY n."articleId", n.start, n."end" DESC, n.id`,
];

async function copyOut(client: pg.Client): Promise<{ bytes: number; seconds: number }> {
  const began = performance.now();
  let bytes = 0;
  for (const query of COPY_QUERIES) {
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
  }
  return { bytes, seconds: (performance.now() - began) / 1000 };
}

async function exportOnce(base: string, token: string): Promise<{ bytes: number; lines: number; seconds: number }> {
  const began = performance.now();
  const res = await fetch(`${base}/api/export?format=jsonl`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    // Buffer#indexOf is native: a byte-by-byte loop here would take CPU from the server it measures.
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
  }
  return { bytes, lines, seconds: (performance.now() - began) / 1000 };
}

/**
 * The JSON Lines export of 1,000 articles with 100 annotations each, read from `next start` on
 * PostgreSQL: MB/s and the server's peak resident memory. Baseline: COPY of the same rows.
 */
export const exportBench: Bench = {
  name: "export",
  needsBuild: true,
  async run({ port }: BenchContext) {
    const database = await createBenchDatabase();
    try {
      const { prisma, close } = openPrisma(database.url);
      const [editor] = await seedUsers(prisma, 1);
      const [reviewer] = await seedUsers(prisma, 1, { role: "reviewer", prefix: "reviewer" });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (let i = 0; i < ARTICLES; i++) {
          const generated = generateArticle(WORDS, ANNOTATIONS, 1_000 + i);
          const article = await seedArticle(prisma, editor!.actor, generated);
          await insertAnnotations(client, article, generated.spans, editor!.actor.id, { reviewerId: reviewer!.actor.id });
        }
        await close();
        // What autovacuum would have done by the time anyone exports: fresh planner statistics.
        await client.query("VACUUM ANALYZE");

        const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), "newsmark-bench-profile-")) : undefined;
        const server = await startServer(port, database.url, { cpuProfileDir: profileDir });
        const app: { bytes: number; lines: number; seconds: number }[] = [];
        let peakRss: number;
        let idleRss: number;
        let cpu: ReturnType<typeof cpuSpent>;
        try {
          const warm = await fetch(`${server.url}/api/export?format=jsonl&status=approved&since=2999-01-01`, { headers: { authorization: `Bearer ${editor!.token}` } });
          await warm.text();
          idleRss = treeRss(server.pid);
          const memory = sampleRss(server.pid);
          const before = cpuSnapshot(server.pid);
          for (let run = 0; run < RUNS; run++) app.push(await exportOnce(server.url, editor!.token));
          cpu = cpuSpent(before, cpuSnapshot(server.pid));
          peakRss = memory.stop();
        } finally {
          await server.stop();
        }
        const serverCpu: ProfileSummary | undefined = profileDir ? serverProfile(profileDir) : undefined;
        for (const run of app) if (run.lines !== ARTICLES) throw new Error(`export wrote ${run.lines} lines, expected ${ARTICLES}`);

        const copies: { bytes: number; seconds: number }[] = [];
        await copyOut(client); // Warm the cache the same way the app's warm-up did not need to.
        for (let run = 0; run < RUNS; run++) copies.push(await copyOut(client));

        const appRate = percentile(app.map((r) => r.bytes / 1e6 / r.seconds), 50);
        const copyRate = percentile(copies.map((r) => r.bytes / 1e6 / r.seconds), 50);
        const appSeconds = percentile(app.map((r) => r.seconds), 50);
        const copySeconds = percentile(copies.map((r) => r.seconds), 50);
        const ratio = round2(appRate / copyRate);
        const result = {
          name: "export",
          at: new Date().toISOString(),
          machine: machine(),
          setup: { articles: ARTICLES, annotationsPerArticle: ANNOTATIONS, wordsPerArticle: WORDS, runs: RUNS },
          app: { mbPerSecond: round2(appRate), seconds: round2(appSeconds), mb: mb(app[0]!.bytes), serverIdleRssMB: mb(idleRss), serverPeakRssMB: mb(peakRss), cpuSeconds: cpu, ...(serverCpu ? { serverProfile: serverCpu } : {}) },
          copy: { mbPerSecond: round2(copyRate), seconds: round2(copySeconds), mb: mb(copies[0]!.bytes) },
          ratio,
          timeRatio: round2(copySeconds / appSeconds),
          targets: { ratio: TARGET_RATIO, serverPeakRssMB: TARGET_RSS_MB },
        };
        return {
          result,
          figures: [
            { bench: "export", figure: "app JSON Lines (MB/s)", value: round2(appRate) },
            { bench: "export", figure: "COPY of the same rows (MB/s)", value: round2(copyRate) },
            { bench: "export", figure: "MB/s app/COPY", value: ratio, target: `>= ${TARGET_RATIO}`, met: ratio >= TARGET_RATIO },
            { bench: "export", figure: "time COPY/app (same rows)", value: result.timeRatio },
            { bench: "export", figure: "server peak RSS (MB)", value: mb(peakRss), target: `<= ${TARGET_RSS_MB}`, met: mb(peakRss) <= TARGET_RSS_MB },
          ],
        };
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  },
};
