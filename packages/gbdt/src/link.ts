// Inverse links: raw margins to predictions (sigmoid, softmax, exp, identity).
import type { Objective } from './types.js';

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Transforms raw margins into predictions in place-safe fashion (out may be raw).
 * Layout: row-major, nClasses values per row (multiclass softmax works row by row).
 */
export function applyInverseLink(objective: Objective, raw: Float64Array, nClasses: number, out: Float64Array, offset = 0, nRows = raw.length / nClasses): void {
  const end = offset + nRows * nClasses;
  switch (objective) {
    case 'binary':
      for (let i = offset; i < end; i++) out[i] = sigmoid(raw[i]!);
      return;
    case 'poisson':
      for (let i = offset; i < end; i++) out[i] = Math.exp(raw[i]!);
      return;
    case 'multiclass':
      for (let r = offset; r < end; r += nClasses) softmaxRow(raw, out, r, nClasses);
      return;
    default:
      if (out !== raw) for (let i = offset; i < end; i++) out[i] = raw[i]!;
  }
}

function softmaxRow(raw: Float64Array, out: Float64Array, start: number, k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, raw[start + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(raw[start + c]! - max);
    out[start + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[start + c] = out[start + c]! / sum;
}
