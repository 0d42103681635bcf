/** One rung of the ladder: an offered rate and whether it met the latency target without errors. */
export interface Rung<T> {
  rate: number;
  p99: number;
  errors: number;
  passed: boolean;
  measured: T;
}

export interface LadderOptions<T> {
  /** The first rate offered, in requests per second; each rung doubles it until one fails. */
  startRate: number;
  /** The highest rate offered: a guard against a run that never fails (a broken target). */
  maxRate: number;
  /** The latency target: a rung passes when its p99 is at most this and nothing failed. */
  p99Ms: number;
  /** Rungs between the last pass and the first failure, each at their geometric midpoint. */
  refinements: number;
  /** Runs one rung at a rate and reports its p99 and errors. */
  measure(rate: number): Promise<{ p99: number; errors: number; measured: T }>;
}

/** The result: every rung in the order run, and the highest rate that passed (0 if none did). */
export interface Ladder<T> {
  rungs: Rung<T>[];
  capacity: number;
}

/** Rates are reported as round figures: five requests per second is well inside a rung's noise. */
const roundRate = (rate: number) => Math.max(1, Math.round(rate / 5) * 5);

/**
 * Finds the capacity of a route as a user sees it: the highest offered rate whose p99 stays within
 * the target. The rate doubles from `startRate` until a rung fails (p99 over the target, or any
 * error), which brackets the capacity within a factor of two; then `refinements` rungs bisect that
 * bracket geometrically (two of them narrow it to a factor of 1.19). A rung is not repeated: its
 * p99 has noise, so a rate near the edge may pass in one run and fail in the next, which is why
 * the report keeps every rung.
 */
export async function climbLadder<T>(options: LadderOptions<T>): Promise<Ladder<T>> {
  const rungs: Rung<T>[] = [];
  const run = async (rate: number) => {
    const { p99, errors, measured } = await options.measure(rate);
    const rung = { rate, p99, errors, passed: errors === 0 && p99 <= options.p99Ms, measured };
    rungs.push(rung);
    return rung.passed;
  };

  let passed = 0;
  let failed = 0;
  for (let rate = options.startRate; rate <= options.maxRate; rate *= 2) {
    if (!(await run(rate))) {
      failed = rate;
      break;
    }
    passed = rate;
  }
  for (let i = 0; i < options.refinements && failed > 0 && passed > 0; i++) {
    const middle = roundRate(Math.sqrt(passed * failed));
    if (middle <= passed || middle >= failed) break;
    if (await run(middle)) passed = middle;
    else failed = middle;
  }
  return { rungs, capacity: passed };
}
