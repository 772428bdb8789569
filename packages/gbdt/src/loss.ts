// Losses by name: gradients/hessians into caller-owned arrays, the constant start value, the reported loss.
import type { Objective } from './types.js';

/** Poisson hessians use exp(raw + this): Newton steps shrink as in LightGBM's poisson_max_delta_step. */
export const POISSON_MAX_DELTA_STEP = 0.7;
/** Hessians never go below this (a leaf with only confident rows would otherwise divide by ~0). */
const MIN_HESSIAN = 1e-16;

/**
 * A loss. Arrays of raw scores, gradients and hessians are class-major: entry k * n + i is row i, class k
 * (one block for every objective but multiclass). w is the per-row weight (sample x class weight) or
 * undefined for all ones.
 */
export interface Loss {
  readonly objective: Objective;
  /** Trees per boosting round: the number of classes for multiclass, else 1. */
  readonly nOutputs: number;
  /** Raw score that minimises the loss with no trees (one per output). */
  baseline(y: Float64Array, w: Float64Array | undefined): Float64Array;
  /**
   * Gradients and hessians of rows start..end-1 (default: all rows) into gradOut / hessOut. Rows are
   * independent, so threads may each take a range and get the same numbers.
   */
  gradientHessian(y: Float64Array, raw: Float64Array, w: Float64Array | undefined, gradOut: Float64Array, hessOut: Float64Array, start?: number, end?: number): void;
  /** Weighted mean loss (log-loss, MSE, MAE, mean Huber / pinball loss, mean half Poisson deviance). */
  loss(y: Float64Array, raw: Float64Array, w: Float64Array | undefined): number;
  /** When set, leaf values are re-estimated after growth as this weighted quantile of the leaf's residuals. */
  readonly leafQuantile: number | undefined;
}

export interface LossOptions {
  readonly nClasses: number;
  readonly quantileAlpha: number;
  readonly huberDelta: number;
}

export function createLoss(objective: Objective, opts: LossOptions): Loss {
  switch (objective) {
    case 'binary':
      return binaryLoss();
    case 'multiclass':
      return multiclassLoss(opts.nClasses);
    case 'squared_error':
    case 'absolute_error':
    case 'huber':
    case 'quantile':
      return residualLoss(objective, opts);
    case 'poisson':
      return poissonLoss();
  }
}

type ResidualObjective = 'squared_error' | 'absolute_error' | 'huber' | 'quantile';

/**
 * Losses of r = raw - y alone, with hessian 1 (times weight). One loop serves all four; the switch on a
 * constant is predicted perfectly, so the hot loop makes no calls.
 *   squared_error  g = r                        loss r^2
 *   absolute_error g = sign(r)                  loss |r|        leaves: median of residuals
 *   huber          g = clip(r, -delta, delta)    loss r^2/2 inside delta, linear outside
 *   quantile       g = r >= 0 ? 1 - a : -a       pinball loss    leaves: a-quantile of residuals
 */
function residualLoss(objective: ResidualObjective, opts: LossOptions): Loss {
  const kind = ['squared_error', 'absolute_error', 'huber', 'quantile'].indexOf(objective);
  const d = opts.huberDelta;
  const a = opts.quantileAlpha;
  const startQuantile = objective === 'quantile' ? a : 0.5;
  return {
    objective,
    nOutputs: 1,
    leafQuantile: objective === 'absolute_error' ? 0.5 : objective === 'quantile' ? a : undefined,
    baseline: (y, w) => Float64Array.of(kind === 0 ? weightedMean(y, w) : weightedQuantile(y, w, startQuantile)),
    gradientHessian(y, raw, w, gradOut, hessOut, start = 0, end = y.length) {
      for (let i = start | 0; i < end; i++) {
        const r = raw[i]! - y[i]!;
        const wi = w === undefined ? 1 : w[i]!;
        let g: number;
        switch (kind) {
          case 0: g = r; break;
          case 1: g = r > 0 ? 1 : r < 0 ? -1 : 0; break;
          case 2: g = r > d ? d : r < -d ? -d : r; break;
          default: g = r >= 0 ? 1 - a : -a;
        }
        gradOut[i] = g * wi;
        hessOut[i] = wi;
      }
    },
    loss(y, raw, w) {
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        const r = raw[i]! - y[i]!;
        let l: number;
        switch (kind) {
          case 0: l = r * r; break;
          case 1: l = Math.abs(r); break;
          case 2: l = Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d); break;
          default: l = r >= 0 ? (1 - a) * r : -a * r;
        }
        s += l * (w === undefined ? 1 : w[i]!);
      }
      return s / totalWeight(w, y.length);
    },
  };
}

function binaryLoss(): Loss {
  return {
    objective: 'binary',
    nOutputs: 1,
    leafQuantile: undefined,
    baseline(y, w) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, weightedMean(y, w)));
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradientHessian(y, raw, w, gradOut, hessOut, start = 0, end = y.length) {
      for (let i = start | 0; i < end; i++) {
        const p = 1 / (1 + Math.exp(-raw[i]!));
        const wi = w === undefined ? 1 : w[i]!;
        gradOut[i] = (p - y[i]!) * wi;
        hessOut[i] = Math.max(p * (1 - p), MIN_HESSIAN) * wi;
      }
    },
    loss(y, raw, w) {
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        const z = raw[i]!;
        // log(1 + e^z) - y z, computed without overflow
        const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        s += (softplus - y[i]! * z) * (w === undefined ? 1 : w[i]!);
      }
      return s / totalWeight(w, y.length);
    },
  };
}

function multiclassLoss(k: number): Loss {
  return {
    objective: 'multiclass',
    nOutputs: k,
    leafQuantile: undefined,
    baseline(y, w) {
      const counts = new Float64Array(k);
      for (let i = 0; i < y.length; i++) counts[y[i]!] = counts[y[i]!]! + (w === undefined ? 1 : w[i]!);
      const total = totalWeight(w, y.length);
      const logs = Array.from(counts, (c) => Math.log(Math.max(c / total, 1e-15)));
      const mean = logs.reduce((a, b) => a + b, 0) / k;
      return Float64Array.from(logs, (v) => v - mean);
    },
    gradientHessian(y, raw, w, gradOut, hessOut, start = 0, end = y.length) {
      const n = y.length;
      for (let i = start | 0; i < end; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, raw[c * n + i]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i]! - max);
        const wi = w === undefined ? 1 : w[i]!;
        for (let c = 0; c < k; c++) {
          const p = Math.exp(raw[c * n + i]! - max) / sum;
          gradOut[c * n + i] = (p - (y[i] === c ? 1 : 0)) * wi;
          hessOut[c * n + i] = Math.max(p * (1 - p), MIN_HESSIAN) * wi;
        }
      }
    },
    loss(y, raw, w) {
      const n = y.length;
      let s = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, raw[c * n + i]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i]! - max);
        s += (max + Math.log(sum) - raw[y[i]! * n + i]!) * (w === undefined ? 1 : w[i]!);
      }
      return s / totalWeight(w, n);
    },
  };
}

function poissonLoss(): Loss {
  return {
    objective: 'poisson',
    nOutputs: 1,
    leafQuantile: undefined,
    baseline: (y, w) => Float64Array.of(Math.log(weightedMean(y, w))),
    gradientHessian(y, raw, w, gradOut, hessOut, start = 0, end = y.length) {
      for (let i = start | 0; i < end; i++) {
        const wi = w === undefined ? 1 : w[i]!;
        gradOut[i] = (Math.exp(raw[i]!) - y[i]!) * wi;
        hessOut[i] = Math.exp(raw[i]! + POISSON_MAX_DELTA_STEP) * wi;
      }
    },
    loss(y, raw, w) {
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        const yi = y[i]!;
        const mu = Math.exp(raw[i]!);
        // half Poisson deviance: y log(y / mu) - y + mu
        s += ((yi > 0 ? yi * (Math.log(yi) - raw[i]!) : 0) - yi + mu) * (w === undefined ? 1 : w[i]!);
      }
      return s / totalWeight(w, y.length);
    },
  };
}

function totalWeight(w: Float64Array | undefined, n: number): number {
  if (w === undefined) return n;
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i]!;
  return s;
}

export function weightedMean(y: Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]! * (w === undefined ? 1 : w[i]!);
  return s / totalWeight(w, y.length);
}

/** Smallest value v with (weight of values <= v) >= alpha * total weight. Does not modify its inputs. */
export function weightedQuantile(values: Float64Array, w: Float64Array | undefined, alpha: number): number {
  const n = values.length;
  if (n === 0) return 0;
  if (w === undefined) {
    // Unweighted: a native numeric sort, then the ceil(alpha n)-th smallest value.
    const sorted = Float64Array.from(values).sort();
    return sorted[Math.min(n - 1, Math.max(0, Math.ceil(alpha * n) - 1))]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const target = alpha * totalWeight(w, n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    acc += w === undefined ? 1 : w[i]!;
    if (acc >= target && (w === undefined || w[i]! > 0)) return values[i]!;
  }
  return values[order[n - 1]!]!;
}
