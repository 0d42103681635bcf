/** The p-th percentile (0..100) of some samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds to a tenth of a millisecond for reports. */
export const ms = (value: number) => Math.round(value * 10) / 10;

/** Rounds a ratio (or any figure) to two decimals. */
export const round2 = (value: number) => Math.round(value * 100) / 100;

/** The usual latency summary of some samples in milliseconds. */
export function latencySummary(samples: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  return {
    count: samples.length,
    p50: ms(percentile(samples, 50)),
    p95: ms(percentile(samples, 95)),
    p99: ms(percentile(samples, 99)),
    max: ms(percentile(samples, 100)),
  };
}

/** Bytes as megabytes (10^6, as in MB/s) with one decimal. */
export const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
