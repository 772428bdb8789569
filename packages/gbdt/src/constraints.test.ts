import { describe, expect, it } from 'vitest';
import { GradientBoosting } from './booster.js';
import type { ForestModel } from './model.js';
import { Rng } from './random.js';
import { matrix, regressionData, rmse } from './test-support/data.js';

describe('monotonic constraints', () => {
  it('keeps predictions non-decreasing along a constrained feature whose raw effect goes up and down', () => {
    const rng = new Rng(31);
    const n = 3000;
    // y rises with x0 overall but wiggles (sin term), so an unconstrained model is not monotonic in x0.
    const X = matrix(n, 3, () => rng.nextFloat() * 2 - 1);
    const y = Float64Array.from({ length: n }, (_, i) => X.values[i * 3]! + 0.6 * Math.sin(8 * X.values[i * 3]!) + X.values[i * 3 + 1]! * X.values[i * 3 + 2]! + 0.1 * rng.nextFloat());
    const grid = (model: { predictRow(r: ArrayLike<number>): number }, base: number[], j: number) =>
      Array.from({ length: 101 }, (_, k) => model.predictRow(base.map((v, c) => (c === j ? -1 + k / 50 : v))));
    const drops = (values: number[]) => values.slice(1).filter((v, k) => v < values[k]! - 1e-12).length;
    const free = new GradientBoosting({ objective: 'squared_error', maxIter: 60 }).fit({ X, y });
    const up = new GradientBoosting({ objective: 'squared_error', maxIter: 60, monotonicConstraints: [1, 0, 0] }).fit({ X, y });
    const down = new GradientBoosting({ objective: 'squared_error', maxIter: 60, monotonicConstraints: { f0: -1 } }).fit({ X, y: Float64Array.from(y, (v) => -v) });
    let freeDrops = 0;
    for (let t = 0; t < 10; t++) {
      const base = [0, rng.nextFloat() * 2 - 1, rng.nextFloat() * 2 - 1];
      freeDrops += drops(grid(free, base, 0));
      expect(drops(grid(up, base, 0))).toBe(0);
      expect(drops(grid(down, base, 0).map((v) => -v))).toBe(0);
    }
    expect(freeDrops).toBeGreaterThan(0);
  });

  it('keeps binary probabilities monotonic when the constrained feature has missing values', () => {
    const rng = new Rng(32);
    const n = 3000;
    const X = matrix(n, 2, (_, j) => (j === 0 && rng.nextFloat() < 0.1 ? NaN : rng.nextFloat()));
    const y = Float64Array.from({ length: n }, (_, i) => (rng.nextFloat() < (X.values[i * 2]! || 0.5) * 0.8 + 0.1 * Math.sin(20 * X.values[i * 2 + 1]!) ? 1 : 0));
    const model = new GradientBoosting({ objective: 'binary', maxIter: 40, monotonicConstraints: [1, 0] }).fit({ X, y });
    for (let t = 0; t < 5; t++) {
      const x1 = rng.nextFloat();
      const p = Array.from({ length: 51 }, (_, k) => model.predictRow([k / 50, x1]));
      for (let k = 1; k < p.length; k++) expect(p[k]!).toBeGreaterThanOrEqual(p[k - 1]!);
    }
  });
});

describe('categorical features', () => {
  /** 20 categories with effects in scrambled order: no threshold on the code separates them well. */
  function categoricalData(n: number, seed: number) {
    const rng = new Rng(seed);
    const effect = Array.from({ length: 20 }, (_, c) => ((c * 7) % 20 < 10 ? 2 : -2) + (c % 3) * 0.5);
    const X = matrix(n, 2, (_, j) => (j === 0 ? rng.nextInt(20) : rng.nextFloat()));
    const y = Float64Array.from({ length: n }, (_, i) => effect[X.values[i * 2]!]! + X.values[i * 2 + 1]! + 0.2 * rng.nextFloat());
    return { X, y };
  }

  it('a native categorical split beats treating the code as a number', () => {
    const train = categoricalData(3000, 33);
    const test = categoricalData(1000, 34);
    const params = { objective: 'squared_error' as const, maxIter: 15, maxLeafNodes: 4 };
    const numeric = new GradientBoosting(params).fit({ X: train.X, y: train.y });
    const categorical = new GradientBoosting(params).fit({ X: train.X, y: train.y, features: [{ name: 'station', type: 'categorical' }, { name: 'load', type: 'numeric' }] });
    const eNum = rmse(numeric.predict(test.X), test.y);
    const eCat = rmse(categorical.predict(test.X), test.y);
    expect(eCat).toBeLessThan(0.6 * eNum);
    const trees = (categorical as ForestModel).forest.trees;
    expect(trees.some((t) => Array.from(t.catOffset).some((o) => o >= 0))).toBe(true);
    expect(categorical.features[0]!.categories).toEqual(Array.from({ length: 20 }, (_, c) => String(c)));
  });

  it('sends a missing category the way its rows went in training', () => {
    const rng = new Rng(35);
    const n = 2000;
    const X = matrix(n, 1, () => (rng.nextFloat() < 0.2 ? NaN : rng.nextInt(4)));
    const y = Float64Array.from({ length: n }, (_, i) => (Number.isNaN(X.values[i]!) || X.values[i] === 2 ? 5 : 0));
    const model = new GradientBoosting({ objective: 'squared_error', maxIter: 30, learningRate: 0.5 }).fit({ X, y, features: [{ name: 'shift', type: 'categorical' }] });
    expect(model.predictRow([NaN])).toBeCloseTo(5, 2);
    expect(model.predictRow([2])).toBeCloseTo(5, 2);
    expect(model.predictRow([1])).toBeCloseTo(0, 2);
  });

  it('regression data is unaffected by declaring no categorical features', () => {
    const { X, y } = regressionData(500, 36);
    const a = new GradientBoosting({ objective: 'squared_error', maxIter: 5 }).fit({ X, y });
    const b = new GradientBoosting({ objective: 'squared_error', maxIter: 5 }).fit({ X, y, features: Array.from({ length: 5 }, (_, j) => ({ name: `f${j}`, type: 'numeric' as const })) });
    expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
  });
});
