// Turns FitInput + parameters into checked training arrays: matrix, labels, weights, categories, constraints.
import { GbdtError } from './api.js';
import type { FeatureInfo, FitInput, GbdtParams, Matrix } from './types.js';
import { checkCategoryCodes, checkLabels, checkLabelSpread, checkWeights, resolveFeatures, toMatrix } from './validate.js';

export interface LabelledRows {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** Sample weight x class weight per row; undefined = all ones. */
  readonly w: Float64Array | undefined;
}

export interface PreparedFit extends LabelledRows {
  /** Features with categories filled in for every categorical feature ('0', '1', ... when not named). */
  readonly features: FeatureInfo[];
  readonly isCategorical: Uint8Array;
  readonly nCategories: Int32Array;
  /** Classes for binary (2) / multiclass; 1 for regression. */
  readonly nClasses: number;
  readonly monotonic: Int8Array;
  readonly validation: LabelledRows | undefined;
}

export function prepareFit(input: FitInput, params: GbdtParams): PreparedFit {
  if (input === null || typeof input !== 'object') throw new GbdtError('GBDT_EMPTY_DATA', 'fit needs { X, y }');
  const X = toMatrix(input.X, 'X');
  const features = resolveFeatures(input.features, X.nFeatures);
  const nClasses = checkLabels(params.objective, input.y, X.nRows, params.numClass, 'y');
  const y = Float64Array.from(input.y);
  const sampleWeight = checkWeights(input.sampleWeight, X.nRows, 'sampleWeight');
  const { isCategorical, nCategories } = resolveCategories(X, features, params.maxBins);
  const classWeight = resolveClassWeight(params, y, nClasses);
  const w = combineWeights(sampleWeight, classWeight, y);
  checkLabelSpread(params.objective, y, w);
  const monotonic = resolveMonotonic(params, features);
  let validation: LabelledRows | undefined;
  if (input.validation !== undefined) {
    const v = input.validation;
    const vX = toMatrix(v.X, 'validation.X');
    if (vX.nFeatures !== X.nFeatures) {
      throw new GbdtError('GBDT_FEATURE_COUNT', `validation.X has ${vX.nFeatures} features; X has ${X.nFeatures}`, { expected: X.nFeatures, received: vX.nFeatures });
    }
    const numClass = params.objective === 'multiclass' ? nClasses : undefined;
    checkLabels(params.objective, v.y, vX.nRows, numClass, 'validation.y');
    features.forEach((f, j) => {
      if (f.type === 'categorical') checkCategoryCodes(vX, j, f.name, nCategories[j]!, 'validation.X');
    });
    const vy = Float64Array.from(v.y);
    validation = { X: vX, y: vy, w: combineWeights(checkWeights(v.sampleWeight, vX.nRows, 'validation.sampleWeight'), classWeight, vy) };
  } else if (params.earlyStoppingPatience !== undefined) {
    throw new GbdtError('GBDT_INVALID_PARAM', "parameter 'earlyStoppingPatience' needs validation data (FitInput.validation)", { param: 'earlyStoppingPatience' });
  }
  return { X, y, w, features, isCategorical, nCategories, nClasses, monotonic, validation };
}

/** Checks category codes and names every category (codes 0..k-1 become '0'..'k-1' when not named). */
function resolveCategories(X: Matrix, features: FeatureInfo[], maxBins: number): { isCategorical: Uint8Array; nCategories: Int32Array } {
  const isCategorical = new Uint8Array(features.length);
  const nCategories = new Int32Array(features.length);
  features.forEach((f, j) => {
    if (f.type !== 'categorical') return;
    isCategorical[j] = 1;
    const named = f.categories?.length;
    if (named !== undefined && named > maxBins) {
      throw new GbdtError('GBDT_INVALID_PARAM', `feature '${f.name}' has ${named} categories; at most maxBins = ${maxBins} are supported`, { param: 'maxBins', column: f.name });
    }
    const seen = checkCategoryCodes(X, j, f.name, named ?? maxBins, 'X');
    nCategories[j] = named ?? seen;
    if (named === undefined) features[j] = { ...f, categories: Array.from({ length: seen }, (_, c) => String(c)) };
  });
  return { isCategorical, nCategories };
}

/** Per-class weights, or undefined. 'balanced': n / (k * count of the class), as scikit-learn. */
function resolveClassWeight(params: GbdtParams, y: Float64Array, nClasses: number): Float64Array | undefined {
  const cw = params.classWeight;
  if (cw === undefined) return undefined;
  if (cw !== 'balanced') {
    if (cw.length !== nClasses) {
      throw new GbdtError('GBDT_INVALID_PARAM', `parameter 'classWeight' has ${cw.length} weights; there are ${nClasses} classes`, { param: 'classWeight' });
    }
    return Float64Array.from(cw);
  }
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]!] = counts[y[i]!]! + 1;
  return Float64Array.from(counts, (c) => (c > 0 ? y.length / (nClasses * c) : 0));
}

function combineWeights(sample: Float64Array | undefined, perClass: Float64Array | undefined, y: Float64Array): Float64Array | undefined {
  if (perClass === undefined) return sample;
  const w = sample ?? new Float64Array(y.length).fill(1);
  for (let i = 0; i < y.length; i++) w[i] = w[i]! * perClass[y[i]!]!;
  return w;
}

/** Monotonic constraints as one Int8Array entry per feature (names resolved; categorical must be 0). */
function resolveMonotonic(params: GbdtParams, features: FeatureInfo[]): Int8Array {
  const out = new Int8Array(features.length);
  const mc = params.monotonicConstraints;
  if (mc === undefined) return out;
  const fail = (message: string): never => {
    throw new GbdtError('GBDT_INVALID_PARAM', `parameter 'monotonicConstraints': ${message}`, { param: 'monotonicConstraints' });
  };
  if (Array.isArray(mc)) {
    if (mc.length !== features.length) fail(`has ${mc.length} entries; there are ${features.length} features`);
    mc.forEach((c: number, j: number) => (out[j] = c));
  } else {
    for (const [name, c] of Object.entries(mc as Record<string, -1 | 0 | 1>)) {
      const j = features.findIndex((f) => f.name === name);
      if (j < 0) fail(`no feature named '${name}'`);
      out[j] = c;
    }
  }
  features.forEach((f, j) => {
    if (out[j] !== 0 && f.type === 'categorical') fail(`feature '${f.name}' is categorical and cannot be monotonic`);
  });
  return out;
}
