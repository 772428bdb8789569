import { describe, expect, it } from 'vitest';
import { bootstrapPlan, slicePlans } from './bootstrap-plan.js';
import { metricWithInterval, resampledValues } from './interval.js';
import { pairedDifferenceFromResamples } from './paired-test.js';
import { seededRandom } from './seeded-random.js';
import { sliceIndex, takeRows } from './slices.js';
import { pointEstimate } from './weighted-metric.js';
import { weightedCalibrationError, weightedF1, weightedLogLoss } from './weighted-pointwise.js';
import { weightedRankingMetrics } from './weighted-ranking.js';

// The shape of a comparison, small: ten versions (each noisier than the last), all rows and three
// product-type slices, six metrics, intervals and paired differences against version 0. No timings.
const random = seededRandom(21);
const n = 400;
const labels = Array.from({ length: n }, () => (random() < 0.15 ? 1 : 0));
const productType = labels.map(() => ['L', 'M', 'H'][Math.floor(random() * 3)]!);
const versions = Array.from({ length: 10 }, (_, v) => labels.map((y) => Math.min(1, Math.max(0, 0.2 + 0.5 * y * (1 - v / 10) + 0.4 * (random() - 0.5)))));

function cell(y: ArrayLike<number>, plan: ReturnType<typeof bootstrapPlan>, scores: ArrayLike<number>[]) {
  return scores.map((s) => {
    const ranking = weightedRankingMetrics(y, s, 0.05);
    const decisions = Array.from(s, (p) => (p >= 0.5 ? 1 : 0));
    return [ranking.rocAuc, ranking.averagePrecision, ranking.recallAtFalseAlarmRate, weightedF1(y, decisions), weightedCalibrationError(y, s), weightedLogLoss(y, s)].map((m) => ({
      value: pointEstimate(m),
      resampled: resampledValues(plan, m),
      interval: metricWithInterval(plan, m),
    }));
  });
}

describe('a ten-version comparison on the bootstrap machinery', () => {
  it('ranks a clearly worse version below the baseline, per set and per slice, deterministically', () => {
    const plan = bootstrapPlan(n, { resamples: 200, seed: 1 });
    const whole = cell(labels, plan, versions);
    const auc = whole.map((metrics) => metrics[0]!.value);
    expect(auc[0]!).toBeGreaterThan(auc[9]!);
    const worst = pairedDifferenceFromResamples(auc[9]!, auc[0]!, whole[9]![0]!.resampled, whole[0]![0]!.resampled);
    expect(worst.high).toBeLessThan(0);
    expect(worst.pValue).toBeLessThan(0.01);
    const self = pairedDifferenceFromResamples(auc[0]!, auc[0]!, whole[0]![0]!.resampled, whole[0]![0]!.resampled);
    expect(self).toMatchObject({ difference: 0, pValue: 1 });
    for (const metrics of whole) for (const m of metrics) expect(m.interval.resamples).toBe(200);

    const slices = sliceIndex(productType);
    const plans = slicePlans(slices, { resamples: 200, seed: 1 });
    expect([...plans.keys()].sort()).toEqual(['H', 'L', 'M']);
    for (const [name, rows] of slices) {
      const y = takeRows(labels, rows);
      const perVersion = cell(y, plans.get(name)!, versions.map((s) => takeRows(s, rows)));
      expect(perVersion[0]![0]!.value).toBeGreaterThan(perVersion[9]![0]!.value);
      const again = cell(y, slicePlans(slices, { resamples: 200, seed: 1 }).get(name)!, [takeRows(versions[0]!, rows)]);
      expect(again[0]![0]!.interval).toEqual(perVersion[0]![0]!.interval);
    }
  });
});
