import { RegressionCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { regressionActs, regressionCostPer1000 } from './regression-costs.js';
import { nextDown } from './next-double.js';
import { chooseRegressionThreshold } from './regression-threshold.js';

const costs = RegressionCosts.parse({
  kind: 'regression',
  currency: 'EUR',
  actionThreshold: 30,
  earlyActionCosts: 300,
  lateActionCosts: 10_000,
  timelyActionCosts: 100,
});

/** A model that overestimates remaining life by about 15 cycles, with seeded noise. */
function optimisticModel(n: number): { preds: number[]; truths: number[] } {
  let s = 12345;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const truths = Array.from({ length: n }, () => Math.floor(next() * 200));
  const preds = truths.map((t) => Math.round(t + 15 + (next() - 0.5) * 20));
  return { preds, truths };
}

describe('regression action threshold', () => {
  it('acts earlier than the nominal threshold when the model is optimistic and being late is dear', () => {
    const { preds, truths } = optimisticModel(4000);
    const choice = chooseRegressionThreshold(preds, truths, costs);
    const atNominal = regressionCostPer1000(regressionActs(preds, 30, 'below'), truths, costs);
    expect(choice.threshold).toBeGreaterThan(40);
    expect(choice.costPer1000).toBeLessThan(atNominal / 2);
    expect(choice.costPer1000).toBeCloseTo(regressionCostPer1000(regressionActs(preds, choice.threshold, 'below'), truths, costs), 9);
    // Brute force over every integer threshold: none is cheaper.
    for (let t = 0; t <= 250; t++) {
      expect(regressionCostPer1000(regressionActs(preds, t, 'below'), truths, costs)).toBeGreaterThanOrEqual(choice.costPer1000 - 1e-9);
    }
  });

  it('keeps the nominal threshold when predictions are exact', () => {
    const truths = [5, 10, 29, 31, 50, 80];
    const choice = chooseRegressionThreshold(truths, truths, costs);
    expect(choice).toMatchObject({ threshold: 30, actWhen: 'below', actRate: 0.5, regime: 'threshold' });
    expect(choice.costPer1000).toBeCloseTo((1000 * 300) / 6, 9);
  });

  it('tunes thresholds that act above a value', () => {
    const above = { ...costs, actWhen: 'above' as const, actionThreshold: 7 };
    // Predictions read 1 low: true 7.5 shows as 6.5, so act above the largest value that still catches it.
    const choice = chooseRegressionThreshold([5, 6.5, 9], [6, 7.5, 10], above);
    expect(choice.threshold).toBe(nextDown(6.5));
    expect(choice.costPer1000).toBeCloseTo((1000 * 200) / 3, 9);
  });

  it('never acts when acting costs more than being late', () => {
    const choice = chooseRegressionThreshold([10, 20, 40], [10, 20, 40], { ...costs, lateActionCosts: 50 });
    expect(choice.regime).toBe('never');
    expect(choice.actRate).toBe(0);
  });

  it('names a missing truth', () => {
    expect(() => chooseRegressionThreshold([1, 2], [1, NaN], costs)).toThrow(/truths: row 1 is NaN/);
  });
});
