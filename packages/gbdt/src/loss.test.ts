import { describe, expect, it } from 'vitest';
import { createLoss, POISSON_MAX_DELTA_STEP, weightedQuantile } from './loss.js';
import { Rng } from './random.js';
import type { Objective } from './types.js';

const opts = { nClasses: 3, quantileAlpha: 0.8, huberDelta: 0.7 };

function labels(objective: Objective, n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () =>
    objective === 'binary' ? rng.nextInt(2) : objective === 'multiclass' ? rng.nextInt(3) : objective === 'poisson' ? rng.nextInt(6) : rng.nextFloat() * 4 - 2);
}

// The reported loss of squared_error is the MSE; its gradient is that of half the squared error.
const lossScale: Partial<Record<Objective, number>> = { squared_error: 0.5 };

describe('losses', () => {
  const objectives: Objective[] = ['binary', 'multiclass', 'squared_error', 'absolute_error', 'huber', 'quantile', 'poisson'];

  it.each(objectives)('%s: gradients are the derivative of the reported loss (weighted)', (objective) => {
    const rng = new Rng(5);
    const loss = createLoss(objective, opts);
    const n = 40;
    const K = loss.nOutputs;
    const y = labels(objective, n, rng);
    const w = Float64Array.from({ length: n }, () => 0.5 + rng.nextFloat());
    const raw = Float64Array.from({ length: K * n }, () => rng.nextFloat() * 3 - 1.5);
    const grad = new Float64Array(K * n);
    const hess = new Float64Array(K * n);
    loss.gradientHessian(y, raw, w, grad, hess);
    let wsum = 0;
    for (const v of w) wsum += v;
    const eps = 1e-6;
    for (let k = 0; k < K * n; k++) {
      const up = Float64Array.from(raw);
      const down = Float64Array.from(raw);
      up[k] = up[k]! + eps;
      down[k] = down[k]! - eps;
      const numeric = ((loss.loss(y, up, w) - loss.loss(y, down, w)) / (2 * eps)) * wsum * (lossScale[objective] ?? 1);
      expect(grad[k]).toBeCloseTo(numeric, 4);
      expect(hess[k]).toBeGreaterThan(0);
    }
    if (objective === 'poisson') expect(hess[0]).toBeCloseTo(Math.exp(raw[0]! + POISSON_MAX_DELTA_STEP) * w[0]!, 10);
  });

  // huber starts from the median (robust, as scikit-learn's GradientBoosting), not its exact minimiser.
  it.each(objectives.filter((o) => o !== 'huber'))('%s: the baseline minimises the loss of a constant score', (objective) => {
    const rng = new Rng(9);
    const loss = createLoss(objective, opts);
    const n = 201;
    const y = labels(objective, n, rng);
    const base = loss.baseline(y, undefined);
    const constant = (delta: number, k: number) => {
      const raw = new Float64Array(loss.nOutputs * n);
      for (let c = 0; c < loss.nOutputs; c++) raw.fill(base[c]! + (c === k ? delta : 0), c * n, (c + 1) * n);
      return loss.loss(y, raw, undefined);
    };
    for (let k = 0; k < loss.nOutputs; k++) {
      expect(constant(0, k)).toBeLessThanOrEqual(constant(0.05, k) + 1e-12);
      expect(constant(0, k)).toBeLessThanOrEqual(constant(-0.05, k) + 1e-12);
    }
  });

  it('weighted quantile picks the smallest value holding the requested share of weight', () => {
    const v = Float64Array.from([5, 1, 3, 2, 4]);
    expect(weightedQuantile(v, undefined, 0.5)).toBe(3);
    expect(weightedQuantile(v, Float64Array.from([0, 0, 0, 0, 1]), 0.5)).toBe(4);
    expect(weightedQuantile(v, Float64Array.from([10, 1, 1, 1, 1]), 0.5)).toBe(5);
    expect(weightedQuantile(v, undefined, 0.2)).toBe(1);
    expect(Array.from(v)).toEqual([5, 1, 3, 2, 4]);
  });
});
