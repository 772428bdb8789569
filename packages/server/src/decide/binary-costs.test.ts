import { BinaryCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { bayesThreshold, binaryActs, binaryBaseline, binaryCostPer1000, binaryOutcomeCosts, decideBinary } from './binary-costs.js';

// A tool change: a true alarm saves 900 of a 1,000 breakdown, a false alarm costs 100.
const costs = BinaryCosts.parse({ kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 100, missCosts: 1000 });

describe('binary outcome costs', () => {
  it('follow from what an alarm saves and costs', () => {
    expect(binaryOutcomeCosts(costs)).toEqual({ truePositive: 100, falsePositive: 100, falseNegative: 1000, trueNegative: 0 });
  });
  it('put the Bayes threshold at FP / (FP + saves)', () => {
    expect(bayesThreshold(costs)).toBeCloseTo(0.1, 15);
  });
  it('reject a table where no alarm threshold makes sense, naming the field', () => {
    const bad = { ...costs, trueAlarmSaves: -100, falseAlarmCosts: 100 };
    expect(() => binaryOutcomeCosts(bad)).toThrow(/costs.trueAlarmSaves/);
    expect(() => binaryOutcomeCosts({ ...costs, missCosts: NaN })).toThrow(/costs.missCosts/);
  });
});

describe('one binary decision', () => {
  it('alarms at the threshold and prices the alarm by p', () => {
    const d = decideBinary(0.3, 0.1, costs);
    expect(d).toEqual({ label: 'alarm', act: true, expectedCost: 0.3 * 100 + 0.7 * 100, currency: 'EUR' });
  });
  it('stays quiet below the threshold and prices the miss by p', () => {
    const d = decideBinary(0.05, 0.1, costs);
    expect(d.label).toBe('no alarm');
    expect(d.act).toBe(false);
    expect(d.expectedCost).toBeCloseTo(50, 12);
  });
  it('uses the plant words for the action', () => {
    expect(decideBinary(0.9, 0.5, { ...costs, actionName: 'tool change' }).label).toBe('tool change');
    expect(decideBinary(0.1, 0.5, { ...costs, actionName: 'tool change' }).label).toBe('no tool change');
  });
  it('rejects a score that is not a probability', () => {
    expect(() => decideBinary(1.2, 0.5, costs)).toThrow(/p: is 1.2/);
    expect(() => decideBinary(NaN, 0.5, costs)).toThrow(/p: is NaN/);
  });
});

describe('binary cost per 1,000', () => {
  // Ten rows, hand-checked: labels and decisions give TP=2, FN=1, FP=2, TN=5.
  const labels = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const acts = [1, 1, 0, 1, 1, 0, 0, 0, 0, 0];
  it('averages the realised outcome costs of a 10-row example', () => {
    // 2 * 100 + 1 * 1000 + 2 * 100 + 5 * 0 = 1,400 over 10 rows = 140 per row = 140,000 per 1,000.
    expect(binaryCostPer1000(acts, labels, costs)).toBe(140_000);
  });
  it('prices the no-model baseline as the cheaper of always and never alarming', () => {
    // always: 3 * 100 + 7 * 100 = 1,000 -> 100,000; never: 3 * 1000 = 3,000 -> 300,000.
    expect(binaryBaseline(labels, costs)).toEqual({ costPer1000: 100_000, label: 'alarm' });
    // With rare failures never alarming wins: 1 miss in 10 = 100,000 vs always 100 per row = 100,000 -> tie goes to no alarm.
    expect(binaryBaseline([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], costs)).toEqual({ costPer1000: 100_000, label: 'no alarm' });
    expect(binaryBaseline([0, 0, 0, 0], costs)).toEqual({ costPer1000: 0, label: 'no alarm' });
  });
  it('builds decisions from scores at a threshold', () => {
    expect(Array.from(binaryActs([0.05, 0.1, 0.7], 0.1))).toEqual([0, 1, 1]);
  });
  it('names a mismatched or non-binary input', () => {
    expect(() => binaryCostPer1000([1, 0], labels, costs)).toThrow(/decisions: has 2 entries but labels has 10/);
    expect(() => binaryCostPer1000([1, 2], [1, 0], costs)).toThrow(/decisions: row 1 is 2/);
  });
});
