import { BinaryCosts, Metrics, MulticlassCosts, RegressionCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { applyDecisionRule, chooseDecisionRule } from '../decide/index.js';
import { buildMetrics } from './build-metrics.js';
import { SKLEARN_BINARY_CASES, SKLEARN_MULTICLASS_CASE } from './sklearn-cases.js';

const binary = BinaryCosts.parse({ kind: 'binary', currency: 'EUR', trueAlarmSaves: 900, falseAlarmCosts: 100, missCosts: 1000 });

describe('metrics of a model version', () => {
  it('assemble binary metrics at the cost-optimal threshold, readable in money', () => {
    const c = SKLEARN_BINARY_CASES[0]!;
    const rule = chooseDecisionRule(c.scores, c.labels, binary);
    const decisions = applyDecisionRule(c.scores, rule, binary);
    const m = buildMetrics({ labels: c.labels, predictions: c.scores, decisions, costs: binary, nTrain: 120, trainSeconds: 1.5 });
    expect(Metrics.parse(m)).toEqual(m);
    expect(m).toMatchObject({ nTrain: 120, nTest: 30, trainSeconds: 1.5 });
    expect(m.auc).toBeCloseTo(c.auc, 14);
    expect(m.prAuc).toBeCloseTo(c.ap, 14);
    expect(m.logLoss).toBeGreaterThan(0);
    expect(m.expectedCostPer1000).toBeLessThan(m.baselineCostPer1000);
    expect(m.rmse).toBeUndefined();
  });

  it('leave out AUC when the test split has one class', () => {
    const m = buildMetrics({ labels: [0, 0, 0], predictions: [0.1, 0.2, 0.3], decisions: [0, 0, 1], costs: binary, nTrain: 5, trainSeconds: 0 });
    expect(m.auc).toBeUndefined();
    expect(m.prAuc).toBeUndefined();
    expect(m.accuracy).toBeCloseTo(2 / 3, 15);
    expect(m.expectedCostPer1000).toBeCloseTo(100_000 / 3, 9);
    expect(m.baselineCostPer1000).toBe(0);
  });

  it('assemble multiclass metrics', () => {
    const c = SKLEARN_MULTICLASS_CASE;
    const costs = MulticlassCosts.parse({ kind: 'multiclass', currency: 'EUR', classes: ['a', 'b', 'c'], matrix: [[0, 1, 1], [1, 0, 1], [1, 1, 0]] });
    const decisions = applyDecisionRule(c.probabilities, { kind: 'multiclass' }, costs);
    const m = buildMetrics({ labels: c.labels, predictions: c.probabilities, decisions, costs, nTrain: 1, trainSeconds: 0 });
    expect(m.auc).toBeCloseTo(c.auc, 14);
    expect(m.logLoss).toBeCloseTo(c.logLoss, 14);
    // With 0/1 costs the decision is the most likely class, and the cost is the error rate in money.
    expect(m.expectedCostPer1000).toBeCloseTo(1000 * (1 - m.accuracy!), 9);
  });

  it('assemble regression metrics', () => {
    const costs = RegressionCosts.parse({ kind: 'regression', currency: 'EUR', actionThreshold: 30, earlyActionCosts: 200, lateActionCosts: 5000 });
    const m = buildMetrics({ labels: [10, 20, 30, 40], predictions: [7, 24, 30, 39], decisions: [1, 1, 0, 0], costs, nTrain: 8, trainSeconds: 2 });
    expect(m).toEqual({ nTrain: 8, nTest: 4, rmse: Math.sqrt(6.5), mae: 2, expectedCostPer1000: 0, baselineCostPer1000: 100_000, trainSeconds: 2 });
  });

  it('names decisions of the wrong length', () => {
    expect(() => buildMetrics({ labels: [0, 1], predictions: [0.1, 0.9], decisions: [1], costs: binary, nTrain: 1, trainSeconds: 0 })).toThrow(
      /decisions: has 1 entries but labels has 2/,
    );
  });
});
