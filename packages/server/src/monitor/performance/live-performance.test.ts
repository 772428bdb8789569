// Live performance known answers: AUC, accuracy and realised cost per 1,000 on labelled predictions; abstentions and unknown outcomes left out.
import { describe, expect, it } from 'vitest';
import type { Prediction } from '@shopfloor/contracts';
import { liveMetrics, type PerformanceContext } from './live-performance.js';

const BINARY: PerformanceContext = {
  task: 'binary',
  classes: ['0', '1'],
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'alarm' },
};

function answer(score: number | null, act: boolean | null): Prediction {
  return {
    predictionId: 'pred_x', score, model: { id: 'mv_1', version: 1 }, path: score === null ? 'abstain' : 'champion', degraded: false, untrustedSensors: [], reasonCode: null, reasons: [],
    decision: act === null ? null : { label: act ? 'alarm' : 'no alarm', act, expectedCost: 0, currency: 'EUR' },
  };
}

describe('live performance', () => {
  it('computes AUC, accuracy and cost per 1,000 of a binary use case by hand', () => {
    const m = liveMetrics(BINARY, [
      { output: answer(0.9, true), outcome: 1 },
      { output: answer(0.2, false), outcome: 0 },
      { output: answer(0.4, false), outcome: 1 },
      { output: answer(0.6, true), outcome: 0 },
      { output: answer(null, null), outcome: 1 }, // abstained: no decision to judge
      { output: answer(0.5, true), outcome: 'maybe' }, // not a class of the use case
    ]);
    expect(m.labelled).toBe(4);
    expect(m.auc).toBeCloseTo(0.75, 12); // 3 of 4 positive-negative pairs ordered
    expect(m.accuracy).toBeCloseTo(0.5, 12);
    // true alarm 5000 - 4000, no alarm 0, miss 5000, false alarm 300: (1000 + 0 + 5000 + 300) / 4 * 1000
    expect(m.costPer1000).toBeCloseTo(1_575_000, 6);
    expect(m.noModelCostPer1000).not.toBeNull();
    expect(m.rmse).toBeNull();
  });

  it('has no figures without labelled rows, and no AUC with one outcome only', () => {
    expect(liveMetrics(BINARY, [])).toMatchObject({ labelled: 0, auc: null, costPer1000: null });
    expect(liveMetrics(BINARY, [{ output: answer(0.9, true), outcome: '1' }])).toMatchObject({ labelled: 1, auc: null, costPer1000: 1_000_000 });
    // A 0/1 target read as boolean has classes false/true: an outcome of 1 or true is the event.
    const boolean = { ...BINARY, classes: ['false', 'true'] };
    expect(liveMetrics(boolean, [{ output: answer(0.9, true), outcome: 1 }, { output: answer(0.2, false), outcome: 'false' }, { output: answer(0.3, false), outcome: true }])).toMatchObject({ labelled: 3, auc: 1 });
  });

  it('scores a regression use case with RMSE and MAE of the predicted values', () => {
    const ctx: PerformanceContext = {
      task: 'regression', classes: undefined,
      costs: { kind: 'regression', currency: 'EUR', actionThreshold: 30, actWhen: 'below', earlyActionCosts: 100, lateActionCosts: 2000, timelyActionCosts: 0, actionName: 'change the tool' },
    };
    const m = liveMetrics(ctx, [
      { output: answer(20, true), outcome: 25 },
      { output: answer(50, false), outcome: 47 },
    ]);
    expect(m.rmse).toBeCloseTo(Math.sqrt((25 + 9) / 2), 12);
    expect(m.mae).toBeCloseTo(4, 12);
    expect(m.costPer1000).toBe(0); // acted when needed (25 < 30, cost 0), waited when not
    expect(m.auc).toBeNull();
  });
});
