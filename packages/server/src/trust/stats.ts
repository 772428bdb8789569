// Small robust statistics over plain arrays, used only when fitting baselines (never on the streaming path).

export function quantile(sortedAsc: ArrayLike<number>, q: number): number {
  const n = sortedAsc.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sortedAsc[lo]! + (h - lo) * (sortedAsc[hi]! - sortedAsc[lo]!);
}

export function median(values: ArrayLike<number>): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

/** 1.4826 x median absolute deviation: the standard deviation for Gaussian data, robust to outliers. */
export function robustSigma(values: ArrayLike<number>, center = median(values)): number {
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - center);
  return 1.4826 * median(dev);
}

export function meanAbsDeviation(values: ArrayLike<number>, center: number): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]! - center);
  return values.length ? s / values.length : NaN;
}
