import { BinaryCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { binaryActs, binaryCostPer1000 } from './binary-costs.js';
import { chooseBinaryThreshold } from './binary-threshold.js';
import { nextUp } from './next-double.js';

const asymmetric = BinaryCosts.parse({ kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 100, missCosts: 1000 });

/** Seeded scores for a mediocre but calibrated model: P(event) = s. */
function calibratedSample(n: number, seed: number): { scores: number[]; labels: number[] } {
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = Math.round(next() ** 3 * 1000) / 1000; // skewed toward low risk, with ties
    scores.push(p);
    labels.push(next() < p ? 1 : 0);
  }
  return { scores, labels };
}

describe('cost-optimal binary threshold', () => {
  it('beats 0.5 when a miss costs ten times a false alarm', () => {
    const { scores, labels } = calibratedSample(5000, 11);
    const choice = chooseBinaryThreshold(scores, labels, asymmetric);
    const atHalf = binaryCostPer1000(binaryActs(scores, 0.5), labels, asymmetric);
    expect(choice.threshold).toBeLessThan(0.5);
    expect(choice.costPer1000).toBeLessThan(atHalf * 0.8);
    expect(choice.costPer1000).toBeCloseTo(binaryCostPer1000(binaryActs(scores, choice.threshold), labels, asymmetric), 9);
    // With calibrated scores the empirical optimum lands near the Bayes threshold 0.1.
    expect(choice.bayesThreshold).toBeCloseTo(0.1, 12);
    expect(Math.abs(choice.threshold - 0.1)).toBeLessThan(0.06);
  });

  it('returns the Bayes threshold itself when the data cannot tell it from its neighbours', () => {
    const choice = chooseBinaryThreshold([0.02, 0.05, 0.3, 0.8], [0, 0, 1, 1], asymmetric);
    expect(choice).toMatchObject({ threshold: 0.1, costPer1000: 50_000, alarmRate: 0.5, regime: 'threshold' });
  });

  it('never alarms when there are no positives', () => {
    const choice = chooseBinaryThreshold([0.2, 0.4, 0.9], [0, 0, 0], asymmetric);
    expect(choice).toMatchObject({ threshold: nextUp(0.9), costPer1000: 0, alarmRate: 0, regime: 'never', positives: 0 });
  });

  it('always alarms when every row fails', () => {
    const choice = chooseBinaryThreshold([0.2, 0.4, 0.4], [1, 1, 1], asymmetric);
    expect(choice).toMatchObject({ threshold: 0.1, regime: 'always', alarmRate: 1 });
    expect(choice.costPer1000).toBeCloseTo(100_000, 9);
  });

  it('never alarms when a true alarm saves less than nothing would', () => {
    // saves 50, false alarm 100: p* = 100 / 150 = 0.667, above every validation score; never = 1,000,
    // alarm on 0.5 = 1,100, on 0.5 and 0.3 = 1,200, on all = 950 + 200 = 1,150.
    const costs = { ...asymmetric, trueAlarmSaves: 50 };
    const choice = chooseBinaryThreshold([0.1, 0.3, 0.5], [1, 0, 0], costs);
    expect(choice.regime).toBe('never');
    expect(choice.threshold).toBeCloseTo(2 / 3, 12);
  });

  it('rejects scores that are not probabilities and mismatched labels', () => {
    expect(() => chooseBinaryThreshold([0.1, 1.5], [0, 1], asymmetric)).toThrow(/scores: row 1 is 1.5/);
    expect(() => chooseBinaryThreshold([0.1, 0.5], [0], asymmetric)).toThrow(/labels: has 1 entries but scores has 2/);
    expect(() => chooseBinaryThreshold([], [], asymmetric)).toThrow(/scores: is empty/);
  });
});
