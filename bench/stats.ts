/** The p-th percentile (0..100) of some samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds to a tenth of a millisecond for reports. */
export const ms = (value: number) => Math.round(value * 10) / 10;
