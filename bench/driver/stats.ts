/**
 * The arithmetic of the figures: every figure is several runs summarised as
 * median, min and max, because these machines are noisy. Ratios are taken
 * between medians measured in the same `npm run bench`.
 */

/** One figure over several runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The value at quantile `q` (0..1) of `values`, by linear interpolation; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Median, min and max of one figure's runs; `undefined` runs (not measured) are left out. */
export function summarize(values: ReadonlyArray<number | undefined>): Summary {
  const measured = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  if (measured.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  return { median: median(measured), min: Math.min(...measured), max: Math.max(...measured), runs: measured.length };
}

/** `a / b` of two medians, NaN when either is missing or b is 0. */
export function ratio(a: Summary | number, b: Summary | number): number {
  const top = typeof a === 'number' ? a : a.median;
  const bottom = typeof b === 'number' ? b : b.median;
  return Number.isFinite(top) && Number.isFinite(bottom) && bottom !== 0 ? top / bottom : NaN;
}

/** The largest number of `times` (sorted or not) that fall within any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
