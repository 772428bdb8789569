// Quantile binning: per-feature thresholds and the column-major Uint8Array of bin codes the trees train on.
import type { Matrix } from './types.js';
import { Rng, sampleSorted } from './random.js';

/** Rows used to find thresholds; larger data is subsampled (as scikit-learn does) so binning stays cheap. */
export const BINNING_SAMPLE_ROWS = 200_000;

/**
 * How raw values map to bins. Numeric feature j: value bins 0..nBins[j]-1, where bin b holds
 * thresholds[j][b-1] < x <= thresholds[j][b] (so a split "bin <= b" is "x <= thresholds[j][b]").
 * Categorical feature j: bin = category code, nBins[j] = number of categories.
 * Missing (NaN) always goes to bin `missingBin` (= maxBins, at most 255).
 */
export interface BinMapper {
  readonly missingBin: number;
  readonly nBins: Int32Array;
  readonly thresholds: readonly Float64Array[];
  readonly isCategorical: Uint8Array;
}

/** Training data in bins: bins[j * nRows + i] is the bin of row i, feature j (column-major, nFeatures x nRows). */
export interface BinnedData extends BinMapper {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly bins: Uint8Array;
}

/** Finds bin thresholds for every feature. nCategories[j] is used for categorical features. */
export function fitBinMapper(X: Matrix, isCategorical: Uint8Array, nCategories: Int32Array, maxBins: number, seed: number): BinMapper {
  const { nRows, nFeatures, values } = X;
  const sample = nRows > BINNING_SAMPLE_ROWS ? sampleSorted(new Rng(seed), nRows, BINNING_SAMPLE_ROWS) : undefined;
  const m = sample === undefined ? nRows : sample.length;
  const column = new Float64Array(m);
  const thresholds: Float64Array[] = [];
  const nBins = new Int32Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    if (isCategorical[j]) {
      // Codes were checked against maxBins by the caller; bin maxBins is the missing bin.
      if (nCategories[j]! > maxBins) throw new RangeError(`feature ${j}: ${nCategories[j]} categories > maxBins ${maxBins}`);
      thresholds.push(new Float64Array(0));
      nBins[j] = nCategories[j]!;
      continue;
    }
    let k = 0;
    for (let s = 0; s < m; s++) {
      const i = sample === undefined ? s : sample[s]!;
      const v = values[i * nFeatures + j]!;
      if (v === v) column[k++] = v;
    }
    const sorted = column.subarray(0, k).sort();
    const t = findThresholds(sorted, maxBins);
    thresholds.push(t);
    nBins[j] = k === 0 ? 0 : t.length + 1;
  }
  return { missingBin: maxBins, nBins, thresholds, isCategorical };
}

/**
 * Thresholds for one numeric feature from its sorted non-missing values. Few distinct values: one bin per
 * value, thresholds at midpoints. Otherwise quantiles at 1/maxBins .. (maxBins-1)/maxBins ("midpoint"
 * interpolation, as numpy.percentile in scikit-learn). Thresholds are finite and strictly increasing.
 */
export function findThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const distinct: number[] = [sorted[0]!];
  for (let i = 1; i < n && distinct.length <= maxBins; i++) {
    if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  }
  const raw: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) raw.push(midpoint(distinct[i]!, distinct[i + 1]!));
  } else {
    for (let q = 1; q < maxBins; q++) {
      const pos = (q / maxBins) * (n - 1);
      raw.push(midpoint(sorted[Math.floor(pos)]!, sorted[Math.ceil(pos)]!));
    }
  }
  const out: number[] = [];
  for (const t0 of raw) {
    if (t0 === Infinity) continue;
    const t = t0 === -Infinity ? -Number.MAX_VALUE : t0;
    if (out.length === 0 || t > out[out.length - 1]!) out.push(t);
  }
  return Float64Array.from(out);
}

/** A threshold between a <= b that keeps a left and b right (a when the halfway point rounds up to b). */
function midpoint(a: number, b: number): number {
  if (a === b) return a;
  if (b === Infinity) return a;
  const mid = a / 2 + b / 2;
  return mid >= b || mid < a ? a : mid;
}

/** Bin of a numeric value: the first b with x <= thresholds[b] (thresholds.length when above all). */
export function numericBin(thresholds: Float64Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins every value of X with the mapper (categorical codes must already be checked). */
export function binMatrix(X: Matrix, mapper: BinMapper): BinnedData {
  const { nRows, nFeatures, values } = X;
  const bins = new Uint8Array(nRows * nFeatures);
  const missing = mapper.missingBin;
  for (let j = 0; j < nFeatures; j++) {
    const col = j * nRows;
    const t = mapper.thresholds[j]!;
    const categorical = mapper.isCategorical[j] === 1;
    for (let i = 0; i < nRows; i++) {
      const v = values[i * nFeatures + j]!;
      bins[col + i] = v !== v ? missing : categorical ? v : numericBin(t, v);
    }
  }
  return { ...mapper, nRows, nFeatures, bins };
}
