import os from "node:os";

/** One line of the summary table: a figure, and its target when the issue sets one. */
export interface Figure {
  bench: string;
  figure: string;
  value: number | string;
  target?: string;
  /** Whether the target is met; undefined when there is no target or it could not be measured. */
  met?: boolean;
}

/** What a bench hands back: its JSON result (written to bench/results/<name>.json) and its table lines. */
export interface BenchOutcome {
  result: Record<string, unknown>;
  figures: Figure[];
}

/** Shared context: the port each bench's server listens on. */
export interface BenchContext {
  port: number;
}

/** A benchmark that run.ts can run by name. */
export interface Bench {
  name: string;
  /** Whether it needs the production build (run.ts builds once for all that do). */
  needsBuild: boolean;
  run(context: BenchContext): Promise<BenchOutcome>;
}

/** The machine a result was measured on. */
export function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    // Other work on the machine skews timings; the 1-minute load average at the start says how much.
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
  };
}
