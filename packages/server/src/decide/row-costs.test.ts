import { describe, expect, it } from 'vitest';
import type { Costs } from '@shopfloor/contracts';
import { expectedCostPer1000 } from './decision-rule.js';
import { practiceCostPer1000, rowCosts } from './row-costs.js';

const binary: Costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 };

describe('rowCosts', () => {
  it('prices each binary outcome by hand: TN 0, FN 5000, FP 300, TP 5000 - 4000', () => {
    expect(Array.from(rowCosts([0, 0, 1, 1], [0, 1, 0, 1], binary))).toEqual([0, 5000, 300, 1000]);
  });

  it('averages to expectedCostPer1000 for every task', () => {
    const labels = [0, 1, 1, 0, 1, 0, 0, 0];
    const acts = [0, 1, 0, 1, 1, 0, 0, 1];
    const mean = (a: Float64Array) => (1000 * a.reduce((s, v) => s + v, 0)) / a.length;
    expect(mean(rowCosts(acts, labels, binary))).toBeCloseTo(expectedCostPer1000(acts, labels, binary), 9);
    const multi: Costs = { kind: 'multiclass', currency: 'EUR', classes: ['ok', 'a', 'b'], matrix: [[0, 10, 20], [100, 0, 30], [200, 40, 0]] };
    expect(Array.from(rowCosts([0, 2, 1], [1, 2, 0], multi))).toEqual([100, 0, 10]);
    const reg: Costs = { kind: 'regression', currency: 'EUR', actionThreshold: 30, actWhen: 'below', timelyActionCosts: 100, earlyActionCosts: 400, lateActionCosts: 5000 };
    // truth 10 (needed): act -> timely 100; truth 50 (not needed): act -> early 400; truth 20 needed, wait -> late 5000; truth 80, wait -> 0
    expect(Array.from(rowCosts([1, 1, 0, 0], [10, 50, 20, 80], reg))).toEqual([100, 400, 5000, 0]);
  });
});

describe('practiceCostPer1000', () => {
  it('no model is the best constant decision; a fixed schedule mixes act and wait by its share', () => {
    const labels = [1, 0, 0, 0]; // one failure in four
    // never alarm: 5000 / 4 per row = 1250 per row; always alarm: (1000 + 3 x 300) / 4 = 475 per row -> no model = 475,000
    expect(practiceCostPer1000(labels, binary, { kind: 'no-model' })).toBeCloseTo(475_000, 6);
    // acting on 10%: 0.1 x 475 + 0.9 x 1250 = 1172.5 per row
    expect(practiceCostPer1000(labels, binary, { kind: 'fixed-schedule', actShare: 0.1 })).toBeCloseTo(1_172_500, 6);
  });

  it('refuses a schedule for a multiclass use case with COMPARE_INVALID', () => {
    const multi: Costs = { kind: 'multiclass', currency: 'EUR', classes: ['ok', 'a'], matrix: [[0, 10], [100, 0]] };
    expect(() => practiceCostPer1000([0, 1], multi, { kind: 'fixed-schedule', actShare: 0.5 })).toThrow(expect.objectContaining({ code: 'COMPARE_INVALID' }));
  });
});
