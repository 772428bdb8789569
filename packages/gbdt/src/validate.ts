// Input checks at the learner's edge: matrices, feature descriptions, labels, weights, category codes.
import { GbdtError, type MatrixLike } from './api.js';
import type { FeatureInfo, Matrix, Objective } from './types.js';

/** Turns number[][] into a row-major Matrix (checking every row's length) or checks a given Matrix's shape. */
export function toMatrix(X: MatrixLike, what = 'X'): Matrix {
  if (X === null || typeof X !== 'object') throw new GbdtError('GBDT_EMPTY_DATA', `${what} is missing`);
  if (isMatrix(X)) {
    const { nRows, nFeatures, values } = X;
    if (!Number.isInteger(nRows) || !Number.isInteger(nFeatures) || nRows < 0 || nFeatures < 0) {
      throw new GbdtError('GBDT_RAGGED_ROWS', `${what}: nRows and nFeatures must be non-negative integers`);
    }
    if (nRows === 0 || nFeatures === 0) throw new GbdtError('GBDT_EMPTY_DATA', `${what} has ${nRows} rows and ${nFeatures} features`);
    if (values.length !== nRows * nFeatures) {
      throw new GbdtError('GBDT_RAGGED_ROWS', `${what}.values has length ${values.length}; expected nRows * nFeatures = ${nRows * nFeatures}`);
    }
    return X;
  }
  const rows = X as ReadonlyArray<ReadonlyArray<number>>;
  if (!Array.isArray(rows)) throw new GbdtError('GBDT_EMPTY_DATA', `${what} must be a Matrix or an array of rows`);
  const nRows = rows.length;
  if (nRows === 0) throw new GbdtError('GBDT_EMPTY_DATA', `${what} has no rows`);
  const first = rows[0];
  const nFeatures = first?.length ?? 0;
  if (nFeatures === 0) throw new GbdtError('GBDT_EMPTY_DATA', `${what} has no features (row 0 is empty)`);
  const values = new Float64Array(nRows * nFeatures);
  for (let i = 0; i < nRows; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || row.length !== nFeatures) {
      throw new GbdtError('GBDT_RAGGED_ROWS', `${what} row ${i} has ${row?.length ?? 0} values; row 0 has ${nFeatures}`, { row: i });
    }
    for (let j = 0; j < nFeatures; j++) {
      const v = row[j];
      values[i * nFeatures + j] = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v);
    }
  }
  return { nRows, nFeatures, values };
}

function isMatrix(X: MatrixLike): X is Matrix {
  return !Array.isArray(X) && 'values' in X && 'nRows' in X;
}

/** Feature descriptions, defaulting to f0..f{n-1} numeric; count and types are checked. */
export function resolveFeatures(features: readonly FeatureInfo[] | undefined, nFeatures: number): FeatureInfo[] {
  if (features === undefined) return Array.from({ length: nFeatures }, (_, j) => ({ name: `f${j}`, type: 'numeric' as const }));
  if (features.length !== nFeatures) {
    throw new GbdtError('GBDT_FEATURE_COUNT', `features describes ${features.length} features but X has ${nFeatures}`, { expected: nFeatures, received: features.length });
  }
  return features.map((f, j) => {
    if (typeof f?.name !== 'string') throw new GbdtError('GBDT_INVALID_PARAM', `features[${j}].name must be a string`, { param: 'features', column: j });
    if (f.type !== 'numeric' && f.type !== 'categorical') {
      throw new GbdtError('GBDT_INVALID_PARAM', `features[${j}] (${f.name}): type must be 'numeric' or 'categorical'`, { param: 'features', column: f.name });
    }
    if (f.categories !== undefined && f.type !== 'categorical') {
      throw new GbdtError('GBDT_INVALID_PARAM', `features[${j}] (${f.name}) is numeric but has categories`, { param: 'features', column: f.name });
    }
    return f.categories === undefined ? { name: f.name, type: f.type } : { name: f.name, type: f.type, categories: [...f.categories] };
  });
}

/**
 * Checks a categorical column holds integer codes 0..limit-1 (NaN = missing) and returns the number of
 * categories seen (largest code + 1). limit: number of known categories, or maxBins when none are named.
 */
export function checkCategoryCodes(X: Matrix, j: number, name: string, limit: number, what = 'X'): number {
  const { nRows, nFeatures, values } = X;
  let maxCode = -1;
  for (let i = 0; i < nRows; i++) {
    const v = values[i * nFeatures + j]!;
    if (v !== v) continue;
    if (!Number.isInteger(v) || v < 0 || v >= limit) {
      throw new GbdtError('GBDT_UNKNOWN_CATEGORY', `${what} row ${i}, feature '${name}': category code ${v} is not an integer in [0, ${limit})`, { row: i, column: name });
    }
    if (v > maxCode) maxCode = v;
  }
  return maxCode + 1;
}

/** Checks labels for the objective and returns the number of classes (1 for regression). */
export function checkLabels(objective: Objective, y: ArrayLike<number>, nRows: number, numClass: number | undefined, what = 'y'): number {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') throw new GbdtError('GBDT_INVALID_LABEL', `${what} is missing`);
  if (y.length !== nRows) throw new GbdtError('GBDT_INVALID_LABEL', `${what} has ${y.length} labels but X has ${nRows} rows`, { expected: nRows, received: y.length });
  let maxLabel = -Infinity;
  for (let i = 0; i < nRows; i++) {
    const v = y[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new GbdtError('GBDT_INVALID_LABEL', `${what}[${i}] is ${String(v)}; labels must be finite numbers`, { row: i });
    if (objective === 'binary' && v !== 0 && v !== 1) throw new GbdtError('GBDT_INVALID_LABEL', `${what}[${i}] is ${v}; binary labels must be 0 or 1`, { row: i });
    if (objective === 'multiclass') {
      if (!Number.isInteger(v) || v < 0 || (numClass !== undefined && v >= numClass)) {
        throw new GbdtError('GBDT_INVALID_LABEL', `${what}[${i}] is ${v}; multiclass labels must be integers in [0, ${numClass ?? 'numClass'})`, { row: i });
      }
    }
    if (objective === 'poisson' && v < 0) throw new GbdtError('GBDT_INVALID_LABEL', `${what}[${i}] is ${v}; poisson labels must be >= 0`, { row: i });
    if (v > maxLabel) maxLabel = v;
  }
  if (objective === 'binary') return 2;
  if (objective === 'multiclass') return numClass ?? maxLabel + 1;
  return 1;
}

/** Training data must show more than one class (binary, multiclass) and a positive total (poisson). */
export function checkLabelSpread(objective: Objective, y: ArrayLike<number>, w: Float64Array | undefined): void {
  const n = y.length;
  if (objective === 'binary' || objective === 'multiclass') {
    const first = y[0]!;
    for (let i = 1; i < n; i++) if (y[i] !== first) return;
    throw new GbdtError('GBDT_SINGLE_CLASS', `every training label is ${first}; ${objective} needs at least two classes`, { label: first });
  }
  if (objective === 'poisson') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[i]! * (w === undefined ? 1 : w[i]!);
    if (!(sum > 0)) throw new GbdtError('GBDT_INVALID_LABEL', 'poisson needs at least one positive label with positive weight', {});
  }
}

/** Sample weights: finite, >= 0, not all zero. Returns a Float64Array copy (or undefined when absent). */
export function checkWeights(w: ArrayLike<number> | undefined, nRows: number, what = 'sampleWeight'): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (w === null || typeof w.length !== 'number' || w.length !== nRows) {
    throw new GbdtError('GBDT_INVALID_WEIGHT', `${what} has ${w?.length ?? 0} weights but X has ${nRows} rows`, { expected: nRows });
  }
  const out = new Float64Array(nRows);
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const v = w[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new GbdtError('GBDT_INVALID_WEIGHT', `${what}[${i}] is ${String(v)}; weights must be finite and >= 0`, { row: i });
    }
    out[i] = v;
    total += v;
  }
  if (!(total > 0)) throw new GbdtError('GBDT_INVALID_WEIGHT', `${what}: every weight is zero`);
  return out;
}
