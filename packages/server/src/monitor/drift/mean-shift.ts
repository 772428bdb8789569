// A mean-shift test for ordered sensor batches: a z test whose sample sizes are shrunk for lag-1 autocorrelation.

/*
 * Why not a plain KS test: readings taken every few seconds are strongly autocorrelated, so n rows
 * carry far less information than n independent draws. An i.i.d. test (KS, t) then sees a
 * "significant" difference between any two stretches of the same healthy process and flags every
 * feature on every batch. Treating each series as AR(1) with lag-1 autocorrelation r, the variance of
 * its mean is about s^2 / n_eff with
 *
 *   n_eff = n (1 - r) / (1 + r)          (r clamped to [0, 0.99]: never more information than n rows)
 *
 * and the shift of the live mean against the training mean is judged by
 *
 *   z = (mean_live - mean_ref) / sqrt(s_ref^2 / n_eff_ref + s_live^2 / n_eff_live),   p = 2 (1 - Phi(|z|)).
 *
 * A mean shift is what a drifting sensor, a new material or a worn tool produces; a change of shape at
 * the same mean is left to PSI. With tens of thousands of rows even a tiny shift becomes significant,
 * so a flag also needs the shift to matter: at least MIN_SHIFT_SD reference standard deviations.
 */

export const DEFAULT_ALPHA = 0.01;
export const MIN_SHIFT_SD = 0.2;
/** Fewer present values than this on either side: no test. */
export const MIN_SERIES = 3;
const MAX_AUTOCORRELATION = 0.99;

export interface SeriesSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  sd: number;
  /** Lag-1 autocorrelation as estimated (may be negative), NaN for a constant series. */
  lag1: number;
  nEffective: number;
}

export interface MeanShiftResult {
  reference: SeriesSummary;
  live: SeriesSummary;
  /** Live mean minus reference mean, in reference standard deviations (NaN when the reference is constant and the means agree). */
  shiftSd: number;
  z: number;
  pValue: number;
  drifted: boolean;
}

/** Lag-1 autocorrelation of x around its mean: sum (x_t - m)(x_t+1 - m) / sum (x_t - m)^2. */
export function lag1Autocorrelation(x: ArrayLike<number>, mean: number): number {
  let num = 0;
  let den = 0;
  for (let t = 0; t < x.length; t++) {
    const d = x[t]! - mean;
    den += d * d;
    if (t + 1 < x.length) num += d * (x[t + 1]! - mean);
  }
  return den === 0 ? Number.NaN : num / den;
}

/** n (1 - r) / (1 + r) with r clamped to [0, 0.99], at least 1. */
export function effectiveSampleSize(n: number, lag1: number): number {
  const r = Number.isNaN(lag1) ? 0 : Math.min(Math.max(lag1, 0), MAX_AUTOCORRELATION);
  return Math.max(1, (n * (1 - r)) / (1 + r));
}

export function summarize(series: ArrayLike<number>): SeriesSummary {
  const x: number[] = [];
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i]!)) x.push(series[i]!);
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  const lag1 = lag1Autocorrelation(x, mean);
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, lag1, nEffective: effectiveSampleSize(n, lag1) };
}

/** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Number.isFinite(z) ? Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) : 0;
}

/**
 * Both series in time order; NaN (missing) values are dropped, keeping the order of the rest. Null when
 * either side has fewer than MIN_SERIES present values.
 */
export function meanShift(reference: ArrayLike<number>, live: ArrayLike<number>, alpha = DEFAULT_ALPHA, minShiftSd = MIN_SHIFT_SD): MeanShiftResult | null {
  const ref = summarize(reference);
  const cur = summarize(live);
  if (ref.n < MIN_SERIES || cur.n < MIN_SERIES) return null;
  const diff = cur.mean - ref.mean;
  const se = Math.sqrt((ref.sd * ref.sd) / ref.nEffective + (cur.sd * cur.sd) / cur.nEffective);
  const z = se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  const shiftSd = ref.sd > 0 ? diff / ref.sd : diff === 0 ? Number.NaN : Math.sign(diff) * Infinity;
  const pValue = twoSidedP(z);
  const matters = Number.isNaN(shiftSd) ? false : Math.abs(shiftSd) >= minShiftSd;
  return { reference: ref, live: cur, shiftSd, z, pValue, drifted: pValue < alpha && matters };
}
