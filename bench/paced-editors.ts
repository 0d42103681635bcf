import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { type BenchEditor, type EditorRequests, HttpError } from "./editor-requests";
import { mulberry32 } from "./generate-article";
import { latencySummary, round2 } from "./stats";

type OpName = "create" | "update" | "delete";

const PACE_SEED = 20_261_129;

interface PacedRun {
  seconds: number;
  offered: number;
  /** Latency from each action's scheduled start to its answer: includes any wait behind a late answer. */
  latencies: Record<OpName, number[]>;
  /** From the moment each request was actually sent to its answer. */
  service: number[];
  /** How late each request left against its schedule (timer lag in this process, or a prerequisite's late answer). */
  sendLag: number[];
  errors: number;
  serverErrors: number;
  skipped: number;
  errorSamples: string[];
}

/** Waits until `at` (performance.now() time); timers may fire a fraction of a millisecond early, so it checks. */
async function sleepUntil(at: number): Promise<void> {
  while (performance.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(at - performance.now()))));
}

/**
 * What busy editors do, paced: each editor tags a span, types a note on it and deletes every third
 * one again (so the tables grow as in real use), one action every `paceMs`, from a random offset
 * within the first `paceMs`, for `seconds`. Open loop: every action starts at its scheduled time
 * whatever happened to the previous ones, and its latency counts from that time. A note needs its
 * annotation's version, so it is sent once the tag is answered; if that answer is late, the wait
 * counts in the note's latency. Unlike the capacity ladder this covers all three writes, at one
 * plausible rate.
 */
async function pacedRun(editors: readonly BenchEditor[], requests: EditorRequests, seconds: number, paceMs: number): Promise<PacedRun> {
  const latencies: Record<OpName, number[]> = { create: [], update: [], delete: [] };
  const service: number[] = [];
  const sendLag: number[] = [];
  let errors = 0;
  let serverErrors = 0;
  let skipped = 0;
  let offered = 0;
  const errorSamples: string[] = [];
  const random = mulberry32(PACE_SEED);
  const offsets = editors.map(() => random() * paceMs);
  const began = performance.now();
  const windowEnd = began + seconds * 1000;
  let lastAnswer = began;

  /** Starts one action scheduled at `at`, once `after` (its prerequisite) is answered, with that answer. */
  const action = async <P, T>(op: OpName, at: number, after: Promise<P | undefined>, work: (prerequisite: P) => Promise<T>): Promise<T | undefined> => {
    offered++;
    await sleepUntil(at);
    const prerequisite = await after;
    if (prerequisite === undefined) {
      // The annotation was not created (or its note not changed): nothing to act on; that error is counted already.
      skipped++;
      return undefined;
    }
    const sent = performance.now();
    sendLag.push(sent - at);
    try {
      const value = await work(prerequisite);
      const answered = performance.now();
      latencies[op].push(answered - at);
      service.push(answered - sent);
      lastAnswer = Math.max(lastAnswer, answered);
      return value;
    } catch (err) {
      errors++;
      if (err instanceof HttpError && err.status >= 500) serverErrors++;
      if (errorSamples.length < 5) errorSamples.push(`${op}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      lastAnswer = Math.max(lastAnswer, performance.now());
      return undefined;
    }
  };

  // Every action of the run is scheduled up front; none waits for another's slot.
  const started: Promise<unknown>[] = [];
  const ready = Promise.resolve(true as const);
  editors.forEach((editor, e) => {
    let slot = 0;
    const next = () => began + offsets[e]! + paceMs * slot++;
    for (let cycle = 0; ; cycle++) {
      const span = editor.spans[(e * 7 + cycle) % editor.spans.length]!;
      const id = randomUUID();
      const createAt = next();
      if (createAt >= windowEnd) break;
      const created = action("create", createAt, ready, () => requests.create(e, span, id));
      started.push(created);
      const updateAt = next();
      if (updateAt >= windowEnd) break;
      const updated = action("update", updateAt, created, (version) => requests.update(e, id, version, `Checked by editor ${e}, round ${cycle}.`));
      started.push(updated);
      if (cycle % 3 !== 0) continue;
      const deleteAt = next();
      if (deleteAt >= windowEnd) break;
      started.push(action("delete", deleteAt, updated, (version) => requests.remove(e, id, version)));
    }
  });
  await Promise.all(started);
  const elapsed = (Math.max(windowEnd, lastAnswer) - began) / 1000;
  return { seconds: elapsed, offered, latencies, service, sendLag, errors, serverErrors, skipped, errorSamples };
}

/** The paced editors' run, summarised for the report. */
export async function pacedEditors(editors: readonly BenchEditor[], requests: EditorRequests, seconds: number, paceMs: number) {
  const run = await pacedRun(editors, requests, seconds, paceMs);
  const all = [...run.latencies.create, ...run.latencies.update, ...run.latencies.delete];
  return {
    paceMs,
    seconds: round2(run.seconds),
    offered: run.offered,
    offeredRate: round2(run.offered / seconds),
    ops: all.length,
    throughput: round2(all.length / run.seconds),
    latencyMs: latencySummary(all),
    byOperation: {
      create: latencySummary(run.latencies.create),
      update: latencySummary(run.latencies.update),
      delete: latencySummary(run.latencies.delete),
    },
    serviceMs: latencySummary(run.service),
    sendLagMs: latencySummary(run.sendLag),
    errors: run.errors,
    serverErrors: run.serverErrors,
    skipped: run.skipped,
    errorSamples: run.errorSamples,
  };
}
