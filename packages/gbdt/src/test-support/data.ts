// Seeded synthetic data and metrics for the learner's tests (not part of the package build).
import { Rng } from '../random.js';
import type { Matrix } from '../types.js';

/** Standard normal draw (Box-Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function matrix(nRows: number, nFeatures: number, fill: (i: number, j: number) => number): Matrix {
  const values = new Float64Array(nRows * nFeatures);
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nFeatures; j++) values[i * nFeatures + j] = fill(i, j);
  return { nRows, nFeatures, values };
}

export function row(X: Matrix, i: number): Float64Array {
  return X.values.slice(i * X.nFeatures, (i + 1) * X.nFeatures) as Float64Array;
}

/**
 * Binary data with a planted nonlinear signal on 6 uniform features (x5 is noise; 5% missing in x0):
 *   logit = 3 sin(2 x0) + 2.5 x1 x2 + (x3 > 0.3 ? 1.5 : -1.5) - 0.2
 */
export function binaryData(n: number, seed: number): { X: Matrix; y: Float64Array; logit: Float64Array } {
  const rng = new Rng(seed);
  const X = matrix(n, 6, () => rng.nextFloat() * 2 - 1);
  const y = new Float64Array(n);
  const logit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (j: number) => X.values[i * 6 + j]!;
    logit[i] = 3 * Math.sin(2 * x(0)) + 2.5 * x(1) * x(2) + (x(3) > 0.3 ? 1.5 : -1.5) - 0.2;
    y[i] = rng.nextFloat() < 1 / (1 + Math.exp(-logit[i]!)) ? 1 : 0;
    if (rng.nextFloat() < 0.05) X.values[i * 6] = NaN;
  }
  return { X, y, logit };
}

/** Regression: y = 4 x0^2 + 3 sin(3 x1) + 2 x2 x3 + noise(sd), 5 uniform features (x4 is noise). */
export function regressionData(n: number, seed: number, sd = 0.3): { X: Matrix; y: Float64Array; signal: Float64Array } {
  const rng = new Rng(seed);
  const X = matrix(n, 5, () => rng.nextFloat() * 2 - 1);
  const y = new Float64Array(n);
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (j: number) => X.values[i * 5 + j]!;
    signal[i] = 4 * x(0) * x(0) + 3 * Math.sin(3 * x(1)) + 2 * x(2) * x(3);
    y[i] = signal[i]! + sd * normal(rng);
  }
  return { X, y, signal };
}

export function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let sumPos = 0;
  let nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && p[idx[j]!] === p[idx[i]!]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (y[idx[k]!] === 1) { sumPos += rank; nPos++; }
    i = j;
  }
  return (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * (y.length - nPos));
}

export function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s / a.length);
}

export function std(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m += a[i]!;
  m /= a.length;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - m) ** 2;
  return Math.sqrt(s / a.length);
}
