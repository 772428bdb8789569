import { RegressionCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import {
  decideRegression,
  probabilityActionNeeded,
  regressionActs,
  regressionBaseline,
  regressionCostPer1000,
  residualQuantiles,
} from './regression-costs.js';

// Remaining useful life: overhaul when under 30 cycles. Late = breakdown, early = wasted life.
const costs = RegressionCosts.parse({
  kind: 'regression',
  currency: 'EUR',
  actionThreshold: 30,
  earlyActionCosts: 200,
  lateActionCosts: 5000,
  timelyActionCosts: 100,
  actionName: 'overhaul',
});

describe('regression cost per 1,000', () => {
  it('prices a 10-row example by outcome', () => {
    const truths = [10, 20, 25, 40, 50, 60, 70, 80, 90, 100];
    const acts = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    // timely 2 * 100, late 1 * 5000, early 1 * 200, rest 0 = 5,400 over 10 -> 540,000 per 1,000.
    expect(regressionCostPer1000(acts, truths, costs)).toBe(540_000);
  });
  it('treats a value exactly at the threshold as not yet needing action', () => {
    expect(regressionCostPer1000([1], [30], costs)).toBe(200_000);
  });
  it('prices the baseline as always or never acting', () => {
    const truths = [10, 20, 25, 40, 50, 60, 70, 80, 90, 100];
    // always: 3 * 100 + 7 * 200 = 1,700 -> 170,000; never: 3 * 5000 = 15,000 -> 1,500,000.
    expect(regressionBaseline(truths, costs)).toEqual({ costPer1000: 170_000, label: 'overhaul' });
    expect(regressionBaseline([100, 200], costs)).toEqual({ costPer1000: 0, label: 'wait' });
  });
  it('acts above the threshold when the use case says so', () => {
    const vibration = { ...costs, actWhen: 'above' as const, actionThreshold: 7 };
    expect(Array.from(regressionActs([6, 7, 8], 7, 'above'))).toEqual([0, 0, 1]);
    expect(regressionCostPer1000([0, 1], [9, 3], vibration)).toBe((1000 * (5000 + 200)) / 2);
  });
});

describe('one regression decision', () => {
  const residuals = residualQuantiles([50, 50, 50, 50], [40, 45, 55, 60]); // r = -10, -5, 5, 10
  it('keeps every residual when there are few', () => {
    expect(residuals).toEqual([-10, -5, 5, 10]);
  });
  it('estimates P(needed) as the share of residuals that carry the prediction past the threshold', () => {
    // prediction 36: 36 + r < 30 for r = -10 only -> 1/4.
    expect(probabilityActionNeeded(36, residuals, costs)).toBe(0.25);
    expect(probabilityActionNeeded(20, residuals, costs)).toBe(0.75); // r < 10: the residual 10 lands exactly on 30
    expect(probabilityActionNeeded(19, residuals, costs)).toBe(1);
    expect(probabilityActionNeeded(50, residuals, costs)).toBe(0);
    expect(probabilityActionNeeded(36, [], costs)).toBe(0);
    expect(probabilityActionNeeded(36, residuals, { ...costs, actWhen: 'above', actionThreshold: 40 })).toBe(0.5);
  });
  it('weighs the outcomes of the chosen decision by that probability', () => {
    const rule = { threshold: 40, actWhen: 'below' as const, residuals };
    // act at 36: 0.25 * 100 + 0.75 * 200 = 175.
    expect(decideRegression(36, rule, costs)).toEqual({ label: 'overhaul', act: true, expectedCost: 175, currency: 'EUR' });
    // wait at 45: 45 + r < 30 for none -> 0.
    expect(decideRegression(45, rule, costs)).toEqual({ label: 'wait', act: false, expectedCost: 0, currency: 'EUR' });
    // wait at 38 without residuals: taken at face value, not needed -> 0; with residuals 1/4 * 5000.
    expect(decideRegression(38, { threshold: 30, actWhen: 'below' }, costs).expectedCost).toBe(0);
    expect(decideRegression(38, { threshold: 30, actWhen: 'below', residuals }, costs).expectedCost).toBe(1250);
  });
  it('thins many residuals to evenly spaced order statistics', () => {
    const preds = Array.from({ length: 10_001 }, () => 0);
    const truths = Array.from({ length: 10_001 }, (_, i) => 10_000 - i);
    const q = residualQuantiles(preds, truths, 101);
    expect(q).toHaveLength(101);
    expect(q[0]).toBe(0);
    expect(q[50]).toBe(5000);
    expect(q[100]).toBe(10_000);
  });
  it('names a missing prediction', () => {
    expect(() => residualQuantiles([1, NaN], [1, 2])).toThrow(/predictions: row 1 is NaN/);
    expect(() => decideRegression(NaN, { threshold: 30, actWhen: 'below' }, costs)).toThrow(/prediction: is NaN/);
  });
});
