import { describe, expect, it } from 'vitest';
import { bootstrapPlan } from './bootstrap-plan.js';
import { metricWithInterval, percentileInterval, resampledValues } from './interval.js';
import { SKLEARN_BINARY_CASES } from './sklearn-cases.js';
import { weightedAccuracy } from './weighted-pointwise.js';
import { sortScores, weightedRocAuc } from './weighted-ranking.js';

describe('bootstrap intervals', () => {
  const c = SKLEARN_BINARY_CASES[1]!; // 60 rows, AUC 0.772
  const auc = weightedRocAuc(sortScores(c.labels, c.scores));

  it('read the tails like numpy.percentile (hand-checked)', () => {
    // sorted 1, 2, 3, 4, 10: the 2.5% point is 1 + 0.1 * (2 - 1), the 97.5% point 4 + 0.9 * (10 - 4)
    const { low, high, resamples } = percentileInterval([3, 1, NaN, 10, 2, 4]);
    expect(low).toBeCloseTo(1.1, 14);
    expect(high).toBeCloseTo(9.4, 14);
    expect(resamples).toBe(5); // the undefined resample is left out
  });
  it('are the same for the same seed and hold the point estimate', () => {
    const a = metricWithInterval(bootstrapPlan(60, { seed: 5 }), auc);
    const b = metricWithInterval(bootstrapPlan(60, { seed: 5 }), auc);
    expect(a).toEqual(b);
    expect(a.value).toBeCloseTo(c.auc, 14);
    expect(a.low).toBeLessThan(a.value);
    expect(a.high).toBeGreaterThan(a.value);
    expect(a).toMatchObject({ confidence: 0.95, resamples: 1000 });
  });
  it('narrow with a lower confidence level', () => {
    const plan = bootstrapPlan(60, { seed: 5 });
    const wide = metricWithInterval(plan, auc, { confidence: 0.99 });
    const narrow = metricWithInterval(plan, auc, { confidence: 0.5 });
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });
  it('have zero width for a metric that cannot vary', () => {
    // Decisions equal to the labels: every resample has accuracy 1.
    const m = metricWithInterval(bootstrapPlan(60, { resamples: 200 }), weightedAccuracy(c.labels, c.labels));
    expect(m).toMatchObject({ value: 1, low: 1, high: 1 });
  });
  it('are undefined (NaN) without resamples, and name a mismatched plan or level', () => {
    expect(metricWithInterval(bootstrapPlan(60, { resamples: 0 }), auc)).toMatchObject({ low: NaN, high: NaN, resamples: 0 });
    expect(() => resampledValues(bootstrapPlan(59), auc)).toThrow(/metric: was prepared on 60 rows but the bootstrap plan has 59/);
    expect(() => metricWithInterval(bootstrapPlan(60), auc, { confidence: 95 })).toThrow(/confidence: is 95/);
  });
});
