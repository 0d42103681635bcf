import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { type Bench, type BenchContext, type Figure, machine } from "./bench-result";
import { createBenchDatabase } from "./bench-database";
import { climbLadder } from "./capacity-ladder";
import { serverProfile } from "./cpu-profile";
import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { type BenchEditor, type EditorSpan, editorRequests, healthCheck } from "./editor-requests";
import { generateArticle } from "./generate-article";
import { atFixedRate } from "./open-loop";
import { pacedEditors } from "./paced-editors";
import { sampleActivity } from "./pg-activity";
import { sampleRss } from "./process-memory";
import { type RateStep, stepAtRate } from "./rate-step";
import { openPrisma, seedArticle, seedUsers, spanColumns } from "./seed";
import { type BenchServer, startServer } from "./start-server";
import { mb, round2 } from "./stats";

const EDITORS = 50;
const ARTICLES = 10;
const WORDS_PER_ARTICLE = 1_000;
const SPANS_PER_ARTICLE = 300;
const TARGET_P99_MS = 50;
// Each step long enough for a stable p99: at the first step's 25 req/s, 10 s give 250 answers.
const STEP_SECONDS = Number(process.env.BENCH_API_STEP_SECONDS ?? 10);
const START_RATE = 25;
// A guard, far above what one machine serves: a ladder that never fails has a broken target.
const MAX_RATE = 25_600;
const REFINEMENTS = 2;
// Between steps: the server's answers to a failed step's backlog and PostgreSQL's background work
// finish, so that a step does not pay for the one before it.
const SETTLE_MS = 2_000;
// Every server is warmed up before it is measured, so the first step does not time compilation:
// a few hundred requests of the route at a rate every machine the bench ran on serves.
const WARMUP_RATE = 50;
const WARMUP_SECONDS = 6;
// The paced editors' run: each of the 50 editors starts one action every PACE_MS.
const PACED_SECONDS = Number(process.env.BENCH_API_SECONDS ?? 30);
const PACE_MS = Number(process.env.BENCH_API_PACE_MS ?? 2_000);
const PROFILE = process.env.BENCH_PROFILE === "1";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 50 users with their own tokens on 10 articles of 1,000 words, each with the spans the editors tag. */
async function seedEditors(databaseUrl: string): Promise<BenchEditor[]> {
  const { prisma, close } = openPrisma(databaseUrl);
  try {
    const users = await seedUsers(prisma, EDITORS);
    const articles: Pick<BenchEditor, "article" | "spans">[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const generated = generateArticle(WORDS_PER_ARTICLE, SPANS_PER_ARTICLE, 100 + a);
      const article = await seedArticle(prisma, users[a]!.actor, generated);
      // The editor sends ProseMirror positions of the selection; worked out once here, so that the
      // bench spends no CPU anchoring while it measures.
      const spans = generated.spans.map((span): EditorSpan => {
        const { from, to } = spanColumns(article, span);
        return { kind: span.kind, from, to };
      });
      articles.push({ article, spans });
    }
    return users.map((user, e) => ({ user, ...articles[e % ARTICLES]! }));
  } finally {
    await close();
  }
}

/** Climbs the capacity ladder of one route on a server already warmed up. */
function ladder(server: BenchServer, send: (i: number) => Promise<unknown>) {
  return climbLadder<RateStep>({
    startRate: START_RATE,
    maxRate: MAX_RATE,
    p99Ms: TARGET_P99_MS,
    refinements: REFINEMENTS,
    async measure(rate) {
      const step = await stepAtRate(server.pid, rate, STEP_SECONDS, send);
      await pause(SETTLE_MS);
      return { p99: step.latencyMs.p99, errors: step.errors, measured: step };
    },
  });
}

/** The table's line for one step: its p50 and p99, and its errors if any. */
function stepFigure(series: string, passed: boolean, step: RateStep): Figure {
  const errors = step.errors > 0 ? `, ${step.errors} errors` : "";
  return {
    bench: "api",
    figure: `${series} at ${step.rate} req/s: p50 / p99 (ms)`,
    value: `${step.latencyMs.p50} / ${step.latencyMs.p99}${errors}`,
    target: `p99 <= ${TARGET_P99_MS}, no errors`,
    met: passed,
  };
}

/**
 * The API's capacity as a user sees it, on `next start` over PostgreSQL: the highest fixed arrival
 * rate of annotation writes, sent as the editor sends them by 50 editors with tokens of their own,
 * whose p99 latency (from each request's scheduled send, so queueing counts) stays within 50 ms
 * with no errors; beside it the same figure for GET /api/health, the lightest route, as the
 * baseline of what the stack serves on this machine. Then the editors' usual mix (tag, note,
 * delete) at one plausible pace. Each of the three runs on a fresh, warmed-up server, so that none
 * inherits another's heap or backlog.
 */
export const apiBench: Bench = {
  name: "api",
  needsBuild: true,
  async run({ port }: BenchContext) {
    const database = await createBenchDatabase();
    try {
      const editors = await seedEditors(database.url);
      const loadAverage = machine().loadAverage;

      // Annotation writes: every request a new tag, round-robin over the editors and their spans.
      const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), "newsmark-bench-profile-")) : undefined;
      const writesServer = await startServer(port, database.url, { cpuProfileDir: profileDir });
      let writes: Awaited<ReturnType<typeof ladder>>;
      let peakRss: number;
      let sessions: Record<string, number> | undefined;
      try {
        const requests = editorRequests(writesServer.url, editors);
        let tagged = 0;
        const tag = () => {
          const n = tagged++;
          const e = n % EDITORS;
          const { spans } = editors[e]!;
          return requests.create(e, spans[(Math.floor(n / EDITORS) + e * 7) % spans.length]!, randomUUID());
        };
        await atFixedRate(WARMUP_RATE, WARMUP_SECONDS, tag);
        await pause(SETTLE_MS);
        const memory = sampleRss(writesServer.pid, 200);
        const activity = PROFILE ? await sampleActivity(database.url, database.name) : null;
        writes = await ladder(writesServer, tag);
        peakRss = memory.stop();
        sessions = await activity?.stop();
      } finally {
        await writesServer.stop();
      }
      const writesProfile = profileDir ? serverProfile(profileDir) : undefined;

      const healthServer = await startServer(port, database.url);
      let health: Awaited<ReturnType<typeof ladder>>;
      try {
        const check = () => healthCheck(healthServer.url);
        await atFixedRate(WARMUP_RATE, WARMUP_SECONDS, check);
        await pause(SETTLE_MS);
        health = await ladder(healthServer, check);
      } finally {
        await healthServer.stop();
      }

      const pacedServer = await startServer(port, database.url);
      let paced: Awaited<ReturnType<typeof pacedEditors>>;
      let pacedCpu: ReturnType<typeof cpuSpent>;
      let pacedLoadAverage: number;
      try {
        const requests = editorRequests(pacedServer.url, editors);
        // The same mix four times as fast, as its warm-up.
        await pacedEditors(editors, requests, WARMUP_SECONDS, PACE_MS / 4);
        await pause(SETTLE_MS);
        pacedLoadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
        const before = cpuSnapshot(pacedServer.pid);
        paced = await pacedEditors(editors, requests, PACED_SECONDS, PACE_MS);
        pacedCpu = cpuSpent(before, cpuSnapshot(pacedServer.pid));
      } finally {
        await pacedServer.stop();
      }

      // Other work on the machine takes cores from the server, PostgreSQL and the bench alike: the
      // mean share of a core it took while the steps ran says whether a run was quiet.
      const steps = [...writes.rungs, ...health.rungs].map((rung) => rung.measured);
      const otherCores = round2(steps.reduce((sum, step) => sum + step.cpuSeconds.other, 0) / steps.reduce((sum, step) => sum + step.seconds, 0));
      const atCapacity = writes.rungs.find((rung) => rung.rate === writes.capacity)?.measured;
      const ratio = health.capacity > 0 ? round2(writes.capacity / health.capacity) : null;
      const pacedLabel = `paced editors: 1 action / editor / ${PACE_MS / 1000} s`;
      const result = {
        name: "api",
        at: new Date().toISOString(),
        machine: { ...machine(), loadAverage },
        setup: {
          editors: EDITORS,
          articles: ARTICLES,
          wordsPerArticle: WORDS_PER_ARTICLE,
          targetP99Ms: TARGET_P99_MS,
          stepSeconds: STEP_SECONDS,
          startRate: START_RATE,
          refinements: REFINEMENTS,
          settleMs: SETTLE_MS,
          warmup: { rate: WARMUP_RATE, seconds: WARMUP_SECONDS },
          load:
            "capacity: open loop at a fixed rate per step, doubling from startRate until p99 > targetP99Ms or an error, then refinements steps at the geometric midpoint; latency from the scheduled send; each route on a fresh server. paced: open loop, one action per editor every paceMs from a random offset, on a fresh server",
          pacedSeconds: PACED_SECONDS,
          paceMs: PACE_MS,
        },
        capacity: { targetP99Ms: TARGET_P99_MS, writes: writes.capacity, health: health.capacity, writesToHealth: ratio, otherCores },
        writes: {
          route: "POST /api/articles/:id/annotations, the editor's body and author header, a bearer token per editor",
          capacity: writes.capacity,
          steps: writes.rungs.map((rung) => ({ passed: rung.passed, ...rung.measured })),
          serverPeakRssMB: mb(peakRss),
          ...(PROFILE ? { sessions, serverProfile: writesProfile } : {}),
        },
        health: {
          route: "GET /api/health (no authentication, one SELECT 1)",
          capacity: health.capacity,
          steps: health.rungs.map((rung) => ({ passed: rung.passed, ...rung.measured })),
        },
        paced: {
          ...paced,
          cpuSeconds: pacedCpu,
          serverCpuMsPerRequest: paced.ops > 0 ? round2((pacedCpu.server * 1000) / paced.ops) : null,
          loadAverageAtStart: pacedLoadAverage,
        },
      };
      const capacityLabel = `capacity at p99 <= ${TARGET_P99_MS} ms, open loop (req/s)`;
      return {
        result,
        figures: [
          { bench: "api", figure: `annotation writes: ${capacityLabel}`, value: writes.capacity },
          { bench: "api", figure: `GET /api/health (baseline): ${capacityLabel}`, value: health.capacity },
          { bench: "api", figure: "capacity writes / health", value: ratio ?? "n/a" },
          ...writes.rungs.map((rung) => stepFigure("writes", rung.passed, rung.measured)),
          ...health.rungs.map((rung) => stepFigure("health", rung.passed, rung.measured)),
          { bench: "api", figure: "writes: server CPU per request at capacity (ms)", value: atCapacity?.serverCpuMsPerRequest ?? "n/a" },
          { bench: "api", figure: "writes: server peak RSS (MB)", value: mb(peakRss) },
          { bench: "api", figure: "cores taken by other processes during the steps (mean)", value: otherCores },
          { bench: "api", figure: `${pacedLabel}: offered rate (requests/s)`, value: paced.offeredRate },
          { bench: "api", figure: `${pacedLabel}: latency p50 / p95 (ms)`, value: `${paced.latencyMs.p50} / ${paced.latencyMs.p95}` },
          { bench: "api", figure: `${pacedLabel}: latency p99 (ms)`, value: paced.latencyMs.p99, target: `<= ${TARGET_P99_MS}`, met: paced.latencyMs.p99 <= TARGET_P99_MS },
          { bench: "api", figure: `${pacedLabel}: errors (5xx)`, value: `${paced.errors} (${paced.serverErrors})`, target: "0", met: paced.errors === 0 },
        ],
      };
    } finally {
      await database.drop();
    }
  },
};
