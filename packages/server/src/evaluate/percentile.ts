// Quantiles of a sample by linear interpolation between order statistics (numpy's default 'linear' method).
import { quantilesInPlace } from '../ingest/index.js';

/** q-quantile (q in [0, 1]) of values already sorted ascending; NaN for an empty sample. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * Quantiles (qs in [0, 1]) of the finite values, as quantileSorted of the sorted finite values, by
 * selection instead of a sort (a bootstrap interval reads two quantiles of ~1,000 values, hundreds of
 * times per comparison).
 */
export function finiteQuantiles(values: ArrayLike<number>, qs: readonly number[]): { quantiles: number[]; count: number } {
  const a = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) a[m++] = values[i]!;
  return { quantiles: quantilesInPlace(a.subarray(0, m), qs), count: m };
}
