import { describe, expect, it } from 'vitest';
import { bootstrapPlan, resampleCounts } from './bootstrap-plan.js';
import { expectedCalibrationError } from './calibration.js';
import { accuracy, f1Score, logLoss } from './classification.js';
import { averagePrecision, rocAuc } from './ranking.js';
import { recallAtFalseAlarmRate } from './recall-at-far.js';
import { mae, rmse } from './regression.js';
import { phm08Score } from './rul-score.js';
import { seededRandom } from './seeded-random.js';
import { SKLEARN_BINARY_CASES } from './sklearn-cases.js';
import { pointEstimate, scaledMetric, type WeightedMetric } from './weighted-metric.js';
import { resampledValues } from './interval.js';
import {
  weightedAccuracy,
  weightedCalibrationError,
  weightedF1,
  weightedLogLoss,
  weightedMae,
  weightedMean,
  weightedPhm08Score,
  weightedRmse,
} from './weighted-pointwise.js';
import { sortScores, weightedAveragePrecision, weightedRankingMetrics, weightedRecallAtFalseAlarmRate, weightedRocAuc } from './weighted-ranking.js';

/** The resample as arrays: row i repeated counts[i] times (what the weighted metrics avoid building). */
function materialise(counts: ArrayLike<number>, ...columns: number[][]): number[][] {
  return columns.map((col) => col.flatMap((v, i) => Array<number>(counts[i]!).fill(v)));
}

function expectSame(actual: number, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 12);
}

/** A random small binary case with many ties (scores on a 0.1 grid), and a regression case. */
function randomCase(seed: number): { labels: number[]; scores: number[]; decisions: number[]; truths: number[]; predictions: number[] } {
  const random = seededRandom(seed);
  const n = 3 + Math.floor(random() * 40);
  const rate = random();
  const labels = Array.from({ length: n }, () => (random() < rate ? 1 : 0));
  const scores = labels.map((y) => Math.round(Math.min(1, 0.3 * y + 0.7 * random()) * 10) / 10);
  const decisions = scores.map((s) => (s >= 0.5 ? 1 : 0));
  const truths = labels.map(() => Math.round(random() * 150));
  const predictions = truths.map((t) => t + Math.round((random() - 0.5) * 60));
  return { labels, scores, decisions, truths, predictions };
}

describe('weighted metrics', () => {
  it.each(SKLEARN_BINARY_CASES)('equal the plain metrics with every count 1 on $name', (c) => {
    const sorted = sortScores(c.labels, c.scores);
    expect(pointEstimate(weightedRocAuc(sorted))).toBeCloseTo(c.auc, 14);
    expect(pointEstimate(weightedAveragePrecision(sorted))).toBeCloseTo(c.ap, 14);
    expect(pointEstimate(weightedRecallAtFalseAlarmRate(sorted, 0.1))).toBe(recallAtFalseAlarmRate(c.labels, c.scores, 0.1));
    expect(pointEstimate(weightedCalibrationError(c.labels, c.scores))).toBeCloseTo(expectedCalibrationError(c.labels, c.scores), 14);
  });

  it('equal the metric of the materialised resample, on 200 random cases with ties (property)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { labels, scores, decisions, truths, predictions } = randomCase(seed);
      const sorted = sortScores(labels, scores);
      const maxFpr = [0, 0.1, 1 / 3, 0.5, 1][seed % 5]!;
      const plan = bootstrapPlan(labels.length, { resamples: 3, seed });
      for (let r = 0; r < plan.resamples; r++) {
        const counts = resampleCounts(plan, r);
        const [y, s, d] = materialise(counts, labels, scores, decisions) as [number[], number[], number[]];
        const [t, p] = materialise(counts, truths, predictions) as [number[], number[]];
        expectSame(weightedRocAuc(sorted).evaluate(counts), rocAuc(y, s));
        expectSame(weightedAveragePrecision(sorted).evaluate(counts), averagePrecision(y, s));
        expectSame(weightedRecallAtFalseAlarmRate(sorted, maxFpr).evaluate(counts), recallAtFalseAlarmRate(y, s, maxFpr));
        expectSame(weightedCalibrationError(labels, scores).evaluate(counts), expectedCalibrationError(y, s));
        expectSame(weightedLogLoss(labels, scores).evaluate(counts), logLoss(y, s));
        expectSame(weightedF1(labels, decisions).evaluate(counts), f1Score(y, d));
        expectSame(weightedAccuracy(labels, decisions).evaluate(counts), accuracy(y, d));
        expectSame(weightedRmse(truths, predictions).evaluate(counts), rmse(t, p));
        expectSame(weightedMae(truths, predictions).evaluate(counts), mae(t, p));
        expect(weightedPhm08Score(truths, predictions).evaluate(counts) / phm08Score(t, p)).toBeCloseTo(1, 12);
      }
    }
  });

  it('give the same values on the one-pass plan path as resample by resample, on 100 random cases (property)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { labels, scores, decisions, truths, predictions } = randomCase(seed);
      const sorted = sortScores(labels, scores);
      const metrics: WeightedMetric[] = [
        weightedRocAuc(sorted),
        weightedAveragePrecision(sorted),
        weightedRecallAtFalseAlarmRate(sorted, [0, 0.1, 1 / 3, 0.5, 1][seed % 5]!),
        weightedCalibrationError(labels, scores),
        weightedLogLoss(labels, scores),
        weightedF1(labels, decisions),
        weightedAccuracy(labels, decisions),
        weightedRmse(truths, predictions),
        weightedMae(truths, predictions),
        weightedPhm08Score(truths, predictions),
        weightedMean(truths),
      ];
      const plan = bootstrapPlan(labels.length, { resamples: 40, seed }); // one full block of 32 on the slow path, one partial
      for (const m of metrics) {
        expect(m.evaluatePlan).toBeDefined();
        const fast = resampledValues(plan, m);
        const slow = resampledValues(plan, { rows: m.rows, evaluate: (c) => m.evaluate(c) });
        for (let r = 0; r < plan.resamples; r++) expectSame(fast[r]!, slow[r]!);
      }
    }
  });

  it('see a zero count as a row left out (hand-checked)', () => {
    // rows: (y=1, 0.9) (y=0, 0.8) (y=1, 0.7) (y=0, 0.1): 3 of 4 failure/healthy pairs ranked right.
    // Dropping row 1 leaves a perfect ranking; doubling row 2 gives 3 failures x 2 healthy = 6 pairs,
    // of which 0.9 wins 2 and each copy of 0.7 wins 1 -> 4 / 6.
    const sorted = sortScores([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]);
    expect(pointEstimate(weightedRocAuc(sorted))).toBe(0.75);
    expect(weightedRocAuc(sorted).evaluate([1, 0, 1, 1])).toBe(1);
    expect(weightedRocAuc(sorted).evaluate([1, 1, 2, 1])).toBe(4 / 6);
  });

  it('scale a metric without losing its fast path, and bundle the ranking metrics on one sort', () => {
    const c = SKLEARN_BINARY_CASES[0]!;
    const plan = bootstrapPlan(c.labels.length, { resamples: 50, seed: 3 });
    const logLossPer1000 = scaledMetric(weightedLogLoss(c.labels, c.scores.map((s) => Math.min(Math.max(s, 0.01), 0.99))), 1000);
    expect(logLossPer1000.evaluatePlan).toBeDefined();
    expect(pointEstimate(logLossPer1000)).toBeCloseTo(1000 * c.logLoss, 10);
    const slow = resampledValues(plan, { rows: logLossPer1000.rows, evaluate: logLossPer1000.evaluate });
    resampledValues(plan, logLossPer1000).forEach((x, r) => expect(x).toBeCloseTo(slow[r]!, 9));
    const bundle = weightedRankingMetrics(c.labels, c.scores, 0.1);
    const sorted = sortScores(c.labels, c.scores);
    expect(Array.from(resampledValues(plan, bundle.rocAuc))).toEqual(Array.from(resampledValues(plan, weightedRocAuc(sorted))));
    expect(Array.from(resampledValues(plan, bundle.averagePrecision))).toEqual(Array.from(resampledValues(plan, weightedAveragePrecision(sorted))));
    expect(Array.from(resampledValues(plan, bundle.recallAtFalseAlarmRate))).toEqual(Array.from(resampledValues(plan, weightedRecallAtFalseAlarmRate(sorted, 0.1))));
  });
});
