import { describe, expect, it } from 'vitest';
import { GradientBoosting } from './booster.js';
import { Rng } from './random.js';
import { matrix, normal, regressionData, rmse } from './test-support/data.js';

/** Regression data whose noise has heavy outliers (5% of rows shifted by +-30). */
function withOutliers(n: number, seed: number) {
  const d = regressionData(n, seed);
  const rng = new Rng(seed + 1000);
  const y = Float64Array.from(d.y, (v) => (rng.nextFloat() < 0.05 ? v + (rng.nextFloat() < 0.5 ? 30 : -30) : v));
  return { ...d, y };
}

describe('objectives', () => {
  it('quantile: about alpha of the labels fall below the predicted quantile', () => {
    const train = regressionData(4000, 21, 1);
    const test = regressionData(2000, 22, 1);
    const coverage = (q: Float64Array, y: Float64Array) => y.filter((v, i) => v <= q[i]!).length / y.length;
    for (const alpha of [0.1, 0.9]) {
      const model = new GradientBoosting({ objective: 'quantile', quantileAlpha: alpha, maxIter: 100, maxLeafNodes: 7, minSamplesLeaf: 50 }).fit({ X: train.X, y: train.y });
      expect(Math.abs(coverage(model.predict(train.X), train.y) - alpha)).toBeLessThan(0.015);
      // Leaf quantiles fit on training rows: held-out coverage is a little less extreme, as with any GBDT.
      expect(Math.abs(coverage(model.predict(test.X), test.y) - alpha)).toBeLessThan(0.05);
    }
  });

  it('absolute_error and huber resist outliers that pull squared_error off', () => {
    const train = withOutliers(3000, 23);
    const test = regressionData(1000, 24);
    const fit = (objective: 'squared_error' | 'absolute_error' | 'huber') =>
      rmse(new GradientBoosting({ objective, maxIter: 100, huberDelta: 1 }).fit({ X: train.X, y: train.y }).predict(test.X), test.signal);
    const squared = fit('squared_error');
    expect(fit('absolute_error')).toBeLessThan(squared * 0.8);
    expect(fit('huber')).toBeLessThan(squared * 0.8);
    expect(fit('absolute_error')).toBeLessThan(0.6);
  });

  it('absolute_error leaves hold the median residual: one round with learning rate 1 on a single leaf', () => {
    const X = matrix(5, 1, () => 0);
    const y = Float64Array.from([1, 2, 3, 10, 100]);
    const model = new GradientBoosting({ objective: 'absolute_error', maxIter: 1, learningRate: 1, minSamplesLeaf: 1 }).fit({ X, y });
    expect(model.predictRow([0])).toBe(3);
  });

  it('poisson: predicts positive means that track exp(signal)', () => {
    const rng = new Rng(25);
    const n = 4000;
    const X = matrix(n, 3, () => rng.nextFloat() * 2 - 1);
    const mu = Float64Array.from({ length: n }, (_, i) => Math.exp(1 + X.values[i * 3]! - 0.5 * X.values[i * 3 + 1]! ** 2));
    const y = Float64Array.from(mu, (m) => poisson(rng, m));
    const model = new GradientBoosting({ objective: 'poisson', maxIter: 150 }).fit({ X, y });
    const p = model.predict(X);
    expect(p.every((v) => v > 0)).toBe(true);
    const relative = Float64Array.from(p, (v, i) => Math.log(v / mu[i]!));
    const constant = Float64Array.from(mu, (m) => Math.log(y.reduce((a, b) => a + b, 0) / n / m));
    expect(rmse(relative, new Float64Array(n))).toBeLessThan(0.25);
    expect(rmse(relative, new Float64Array(n))).toBeLessThan(0.4 * rmse(constant, new Float64Array(n)));
    expect(model.predictRaw(X)[0]).toBeCloseTo(Math.log(p[0]!), 12);
  });

  it('huber gradient is the squared-error gradient inside delta', () => {
    const X = matrix(200, 1, (i) => i);
    const y = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 0.5));
    const a = new GradientBoosting({ objective: 'huber', huberDelta: 10, maxIter: 5, minSamplesLeaf: 1 }).fit({ X, y }).predict(X);
    const b = new GradientBoosting({ objective: 'squared_error', maxIter: 5, minSamplesLeaf: 1 }).fit({ X, y }).predict(X);
    // Same trees; only the start differs (median vs mean), which shifts every prediction equally.
    const shift = a[0]! - b[0]!;
    for (let i = 0; i < 200; i++) expect(a[i]! - b[i]!).toBeCloseTo(shift, 10);
  });
});

function poisson(rng: Rng, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.nextFloat();
  } while (p > l);
  return k - 1;
}
