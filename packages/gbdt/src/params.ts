// Parameter schema (defaults, ranges, one-line docs) and validation; the CLI and UI generate flags/forms from it.
import { GbdtError } from './api.js';
import type { GbdtParams, Objective } from './types.js';

export const OBJECTIVES: readonly Objective[] = [
  'binary',
  'multiclass',
  'squared_error',
  'absolute_error',
  'huber',
  'quantile',
  'poisson',
];

/**
 * How a parameter is checked:
 *   integer / number: finite, within [min, max] (exclusiveMin/exclusiveMax make that end open)
 *   enum: one of `values`
 *   monotonic: array of -1/0/1 per feature, or { featureName: -1|0|1 }
 *   classWeight: 'balanced' or an array of positive numbers, one per class
 * optional: the parameter may be left unset (undefined), which the doc explains.
 */
export interface ParamSpec {
  readonly kind: 'integer' | 'number' | 'enum' | 'monotonic' | 'classWeight';
  readonly default: unknown;
  readonly doc: string;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  readonly optional?: boolean;
  readonly values?: readonly string[];
}

export const paramSchema = {
  objective: { kind: 'enum', default: 'squared_error', values: OBJECTIVES, doc: 'Loss to minimise: binary, multiclass, squared_error, absolute_error, huber, quantile or poisson.' },
  maxIter: { kind: 'integer', default: 100, min: 1, max: 100_000, doc: 'Number of boosting rounds (trees per class).' },
  learningRate: { kind: 'number', default: 0.1, min: 0, exclusiveMin: true, max: 10, doc: 'Shrinkage applied to every leaf value.' },
  maxLeafNodes: { kind: 'integer', default: 31, min: 2, max: 65_536, optional: true, doc: 'Leaf-wise growth stops at this many leaves; unset = grow every node down to maxDepth.' },
  maxDepth: { kind: 'integer', default: undefined, min: 1, max: 64, optional: true, doc: 'Maximum edges from root to leaf; unset = no limit (maxLeafNodes must then be set).' },
  minSamplesLeaf: { kind: 'integer', default: 20, min: 1, max: 1e9, doc: 'Minimum number of training rows in a leaf.' },
  minChildWeight: { kind: 'number', default: 1e-3, min: 0, max: 1e12, doc: 'Minimum sum of hessians in a child (XGBoost min_child_weight).' },
  l2Regularization: { kind: 'number', default: 0, min: 0, max: 1e12, doc: 'L2 penalty on leaf values (lambda in G^2 / (H + lambda)).' },
  maxBins: { kind: 'integer', default: 255, min: 2, max: 255, doc: 'Value bins per feature (at most 255); one more bin holds missing values.' },
  subsample: { kind: 'number', default: 1, min: 0, exclusiveMin: true, max: 1, doc: 'Fraction of rows drawn (without replacement) for each boosting round.' },
  colsampleByTree: { kind: 'number', default: 1, min: 0, exclusiveMin: true, max: 1, doc: 'Fraction of features drawn for each tree.' },
  seed: { kind: 'integer', default: 0, min: 0, max: 4_294_967_295, doc: 'Seed of every random choice; the same seed gives a bitwise-identical model.' },
  numClass: { kind: 'integer', default: undefined, min: 2, max: 1024, optional: true, doc: 'Number of classes for multiclass; unset = largest label + 1.' },
  monotonicConstraints: { kind: 'monotonic', default: undefined, optional: true, doc: 'Per numeric feature -1 (non-increasing), 0 or 1 (non-decreasing), by index or by name.' },
  classWeight: { kind: 'classWeight', default: undefined, optional: true, doc: "Class weights for binary/multiclass: 'balanced' (n / (k * count)) or one weight per class." },
  quantileAlpha: { kind: 'number', default: 0.5, min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, doc: 'Quantile level predicted by objective quantile.' },
  huberDelta: { kind: 'number', default: 1, min: 0, exclusiveMin: true, max: 1e12, doc: 'Residual size where objective huber turns from squared to absolute.' },
  earlyStoppingPatience: { kind: 'integer', default: undefined, min: 1, max: 100_000, optional: true, doc: 'Stop after this many rounds without validation improvement; unset = no early stopping.' },
  earlyStoppingTolerance: { kind: 'number', default: 1e-7, min: 0, max: 1e12, doc: 'Minimum decrease of the validation loss that counts as an improvement.' },
} as const satisfies Record<keyof GbdtParams, ParamSpec>;

export type ParamName = keyof typeof paramSchema;

/** Every parameter at its default (objective included). */
export function defaultParams(objective: Objective = 'squared_error'): GbdtParams {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(paramSchema)) out[name] = spec.default;
  out['objective'] = objective;
  return out as unknown as GbdtParams;
}

/**
 * Merges user parameters over the defaults and validates every one.
 * A key given as undefined means "unset" (e.g. maxLeafNodes: undefined grows depth-wise to maxDepth).
 */
export function resolveParams(input: Partial<GbdtParams> & { objective: Objective }): GbdtParams {
  if (input === null || typeof input !== 'object') invalid('objective', 'parameters must be an object');
  const merged: Record<string, unknown> = { ...defaultParams(input.objective) };
  for (const [name, value] of Object.entries(input)) {
    if (!(name in paramSchema)) invalid(name, `unknown parameter '${name}'`);
    merged[name] = value;
  }
  for (const [name, spec] of Object.entries(paramSchema) as [ParamName, ParamSpec][]) checkParam(name, spec, merged[name]);
  const params = merged as unknown as GbdtParams;
  checkCombinations(params);
  return params;
}

function checkParam(name: string, spec: ParamSpec, value: unknown): void {
  if (value === undefined) {
    if (!spec.optional) invalid(name, `parameter '${name}' is required`);
    return;
  }
  if (spec.kind === 'enum') {
    if (typeof value !== 'string' || !spec.values?.includes(value)) {
      invalid(name, `parameter '${name}' must be one of ${spec.values?.join(', ')}; got ${fmt(value)}`);
    }
    return;
  }
  if (spec.kind === 'monotonic') return checkMonotonic(name, value);
  if (spec.kind === 'classWeight') return checkClassWeight(name, value);
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(name, `parameter '${name}' must be a finite number; got ${fmt(value)}`);
  if (spec.kind === 'integer' && !Number.isInteger(value)) invalid(name, `parameter '${name}' must be an integer; got ${value}`);
  const lowOk = spec.min === undefined || (spec.exclusiveMin ? value > spec.min : value >= spec.min);
  const highOk = spec.max === undefined || (spec.exclusiveMax ? value < spec.max : value <= spec.max);
  if (!lowOk || !highOk) {
    const lo = spec.min === undefined ? '' : `${spec.exclusiveMin ? '(' : '['}${spec.min}`;
    const hi = spec.max === undefined ? '' : `${spec.max}${spec.exclusiveMax ? ')' : ']'}`;
    invalid(name, `parameter '${name}' must be in ${lo}, ${hi}; got ${value}`);
  }
}

function checkMonotonic(name: string, value: unknown): void {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : typeof value === 'object' && value !== null ? Object.entries(value) : null;
  if (entries === null) invalid(name, `parameter '${name}' must be an array or an object of -1/0/1; got ${fmt(value)}`);
  for (const [key, v] of entries) {
    if (v !== -1 && v !== 0 && v !== 1) invalid(name, `parameter '${name}'[${key}] must be -1, 0 or 1; got ${fmt(v)}`);
  }
}

function checkClassWeight(name: string, value: unknown): void {
  if (value === 'balanced') return;
  if (!Array.isArray(value)) invalid(name, `parameter '${name}' must be 'balanced' or an array of weights; got ${fmt(value)}`);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) invalid(name, `parameter '${name}'[${i}] must be a finite number >= 0; got ${fmt(v)}`);
  });
}

function checkCombinations(p: GbdtParams): void {
  if (p.maxLeafNodes === undefined && p.maxDepth === undefined) {
    invalid('maxLeafNodes', 'maxLeafNodes and maxDepth cannot both be unset (trees would grow without limit)');
  }
  if (p.numClass !== undefined && p.objective !== 'multiclass') invalid('numClass', `parameter 'numClass' is only for objective multiclass (objective is ${p.objective})`);
  if (p.classWeight !== undefined && p.objective !== 'binary' && p.objective !== 'multiclass') {
    invalid('classWeight', `parameter 'classWeight' is only for binary or multiclass (objective is ${p.objective})`);
  }
  if (Array.isArray(p.classWeight) && p.objective === 'binary' && p.classWeight.length !== 2) {
    invalid('classWeight', `parameter 'classWeight' needs 2 weights for binary; got ${p.classWeight.length}`);
  }
}

function invalid(param: string, message: string): never {
  throw new GbdtError('GBDT_INVALID_PARAM', message, { param });
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v).slice(0, 60);
  } catch {
    return typeof v;
  }
}
