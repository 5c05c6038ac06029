/** The q-th quantile (0..1) of a sample, nearest-rank: the smallest value with at least q of the sample at or below it. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** p50 and p99 of a sample, in its own unit. */
export function p50p99(xs: readonly number[]): { p50: number; p99: number } {
  return { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) };
}

/** A milliseconds figure as people read it: one decimal under 10 ms, whole ones above. */
export function ms(x: number): string {
  return Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) : '–';
}
