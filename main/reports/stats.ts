/**
 * The few statistics the reports use, written down so that a coordinator can reproduce any figure by hand or in a
 * spreadsheet: percentiles are Excel's PERCENTILE.INC (linear interpolation between closest ranks, R's type 7).
 */

/** The p-th percentile (0 ≤ p ≤ 1) of `values`, as PERCENTILE.INC; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (p < 0 || p > 1 || Number.isNaN(p)) throw new Error(`A percentile is between 0 and 1, not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (rank - lower);
}

export interface Spread {
  count: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, p25: percentile(values, 0.25), median: percentile(values, 0.5), p75: percentile(values, 0.75) };
}

/** How many of `values` are strictly over each limit: "over 30 days" means 31 or more. */
export function countOver(values: readonly number[], limits: readonly number[]): { over: number; count: number }[] {
  return limits.map((limit) => ({ over: limit, count: values.filter((v) => v > limit).length }));
}
