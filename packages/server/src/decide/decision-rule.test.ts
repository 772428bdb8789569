import { BinaryCosts, MulticlassCosts, RegressionCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { applyDecisionRule, baselineCostPer1000, chooseDecisionRule, decide, expectedCostPer1000, validateCosts } from './decision-rule.js';

const binary = BinaryCosts.parse({ kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 100, missCosts: 1000 });
const multiclass = MulticlassCosts.parse({ kind: 'multiclass', currency: 'EUR', classes: ['ok', 'worn'], matrix: [[0, 50], [400, 20]] });
const regression = RegressionCosts.parse({ kind: 'regression', currency: 'EUR', actionThreshold: 30, earlyActionCosts: 200, lateActionCosts: 5000 });

describe('decision rules for any task', () => {
  it('tune, apply and price a binary rule', () => {
    const scores = [0.02, 0.05, 0.3, 0.8];
    const labels = [0, 0, 1, 1];
    const rule = chooseDecisionRule(scores, labels, binary);
    expect(rule).toEqual({ kind: 'binary', threshold: 0.1 });
    const acts = applyDecisionRule(scores, rule, binary);
    expect(Array.from(acts)).toEqual([0, 0, 1, 1]);
    expect(expectedCostPer1000(acts, labels, binary)).toBe(50_000);
    expect(baselineCostPer1000(labels, binary)).toEqual({ costPer1000: 100_000, label: 'alarm' });
    expect(decide(0.3, rule, binary).label).toBe('alarm');
  });

  it('apply the multiclass argmin and price it', () => {
    const rule = chooseDecisionRule([0.9, 0.1, 0.8, 0.2], [0, 1], multiclass);
    expect(rule).toEqual({ kind: 'multiclass' });
    // row 2: ok = 0.2 * 400 = 80 vs worn = 0.8 * 50 + 0.2 * 20 = 44 -> worn.
    const decisions = applyDecisionRule([0.9, 0.1, 0.8, 0.2], rule, multiclass);
    expect(Array.from(decisions)).toEqual([0, 1]);
    expect(expectedCostPer1000(decisions, [0, 1], multiclass)).toBe(10_000);
    expect(decide([0.8, 0.2], rule, multiclass)).toMatchObject({ label: 'worn', act: true });
  });

  it('store the tuned regression threshold with its residuals', () => {
    const rule = chooseDecisionRule([12, 28, 35, 60], [10, 31, 25, 70], regression);
    expect(rule).toMatchObject({ kind: 'regression', actWhen: 'below', residuals: [-10, -2, 3, 10] });
    // Needed for the true values 10 and 25; catching 25 (predicted 35) means overhauling 31 (predicted 28) early too.
    const acts = applyDecisionRule([12, 28, 35, 60], rule, regression);
    expect(Array.from(acts)).toEqual([1, 1, 1, 0]);
    expect(expectedCostPer1000(acts, [10, 31, 25, 70], regression)).toBe(50_000);
    expect(decide(20, rule, regression).act).toBe(true);
  });

  it('refuse a rule of another task', () => {
    expect(() => decide(0.5, { kind: 'binary', threshold: 0.5 }, regression)).toThrow(/rule: is a binary rule but the costs are regression/);
    expect(() => decide(0.5, { kind: 'multiclass' }, multiclass)).toThrow(/prediction: is one number/);
  });

  it('check a cost table when the use case is created', () => {
    expect(validateCosts(binary)).toBe(binary);
    expect(() => validateCosts({ ...binary, falseAlarmCosts: 0, trueAlarmSaves: 0 })).toThrow(expect.objectContaining({ code: 'USE_CASE_INVALID' }));
    expect(validateCosts(multiclass, ['worn', 'ok'])).toMatchObject({ classes: ['worn', 'ok'], matrix: [[20, 400], [50, 0]] });
    expect(() => validateCosts(multiclass, ['ok', 'broken'])).toThrow(/missing \[broken\], unknown \[worn\]/);
    expect(() => validateCosts({ ...regression, lateActionCosts: Infinity })).toThrow(/costs.lateActionCosts/);
  });
});
