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
  const thresholds: Float64Array[] = [];
  const nBins = new Int32Array(X.nFeatures);
  fitFeatureBins(X, isCategorical, nCategories, maxBins, binningSample(X.nRows, seed), 0, X.nFeatures, thresholds, nBins);
  return { missingBin: maxBins, nBins, thresholds, isCategorical };
}

/** Rows thresholds are found on (ascending), or undefined for all rows when there are at most BINNING_SAMPLE_ROWS. */
export function binningSample(nRows: number, seed: number): Int32Array | undefined {
  return nRows > BINNING_SAMPLE_ROWS ? sampleSorted(new Rng(seed), nRows, BINNING_SAMPLE_ROWS) : undefined;
}

/**
 * Thresholds (into thresholds[j]) and bin counts (into nBins[j]) of features from..to-1, found on the sample
 * rows. Features are independent, so threads may each take a range.
 */
export function fitFeatureBins(
  X: Matrix, isCategorical: Uint8Array, nCategories: Int32Array, maxBins: number, sample: Int32Array | undefined,
  from: number, to: number, thresholds: Float64Array[], nBins: Int32Array,
): void {
  const p = X.nFeatures | 0;
  const values = X.values;
  const m = sample === undefined ? X.nRows : sample.length;
  const column = new Float64Array(m);
  for (let j = from; j < to; j++) {
    if (isCategorical[j]) {
      // Codes were checked against maxBins by the caller; bin maxBins is the missing bin.
      if (nCategories[j]! > maxBins) throw new RangeError(`feature ${j}: ${nCategories[j]} categories > maxBins ${maxBins}`);
      thresholds[j] = new Float64Array(0);
      nBins[j] = nCategories[j]!;
      continue;
    }
    let k = 0;
    for (let s = 0; s < m; s++) {
      const i = sample === undefined ? s : sample[s]!;
      const v = values[(i * p + j) | 0]!;
      if (v === v) column[k++] = v;
    }
    const t = findThresholds(column.subarray(0, k).sort(), maxBins);
    thresholds[j] = t;
    nBins[j] = k === 0 ? 0 : t.length + 1;
  }
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
  const { nRows, nFeatures } = X;
  const bins = new Uint8Array(nRows * nFeatures);
  binColumns(X, mapper, 0, nFeatures, bins);
  return { ...mapper, nRows, nFeatures, bins };
}

/** Rows binned together: their slice of the row-major X (rows x nFeatures doubles) stays in cache while every feature reads it. */
const BIN_CHUNK_ROWS = 512;

/**
 * Bins features from..to-1 of X into bins (column-major, nFeatures x nRows; other columns untouched).
 * Rows go in chunks so the strided reads of one column hit cache lines the previous column loaded;
 * the threshold search is branch-free over thresholds padded to 255 entries with +Infinity.
 */
export function binColumns(X: Matrix, mapper: BinMapper, from: number, to: number, bins: Uint8Array): void {
  const nRows = X.nRows | 0;
  const p = X.nFeatures | 0;
  const values = X.values;
  const missing = mapper.missingBin | 0;
  const padded = new Float64Array(255);
  for (let i0 = 0; i0 < nRows; i0 += BIN_CHUNK_ROWS) {
    const i1 = Math.min(nRows, i0 + BIN_CHUNK_ROWS) | 0;
    for (let j = from | 0; j < to; j++) {
      const col = (j * nRows) | 0;
      if (mapper.isCategorical[j] === 1) {
        for (let i = i0; i < i1; i++) {
          const v = values[i * p + j]!;
          bins[col + i] = v !== v ? missing : v;
        }
        continue;
      }
      const t = mapper.thresholds[j]!;
      padded.fill(Infinity);
      padded.set(t);
      for (let i = i0; i < i1; i++) {
        const v = values[i * p + j]!;
        bins[col + i] = v !== v ? missing : paddedBin(padded, v);
      }
    }
  }
}

/** numericBin over thresholds padded to 255 entries: the number of thresholds below x, in 8 steps without branches. */
function paddedBin(t: Float64Array, x: number): number {
  let b = 0;
  b += t[b + 127]! < x ? 128 : 0;
  b += t[b + 63]! < x ? 64 : 0;
  b += t[b + 31]! < x ? 32 : 0;
  b += t[b + 15]! < x ? 16 : 0;
  b += t[b + 7]! < x ? 8 : 0;
  b += t[b + 3]! < x ? 4 : 0;
  b += t[b + 1]! < x ? 2 : 0;
  b += t[b]! < x ? 1 : 0;
  return b;
}
