// Outcome costs in plant words from each kind of cost table, and the monthly saving.
import { describe, expect, it } from 'vitest';
import { monthlySaving, outcomeCosts } from './model-money-rows.js';

describe('outcome costs', () => {
  it('prices the four binary outcomes as the decide stage does: a caught failure costs the miss minus what the alarm saves', () => {
    const rows = outcomeCosts({ target: 'Machine failure' }, { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' });
    expect(rows.map((r) => [r.outcome, r.cost, r.right])).toEqual([
      ['Stop, and Machine failure was coming (caught in time)', 1000, true],
      ['Stop, but the machine was fine (false alarm)', 300, false],
      ['No stop, and Machine failure happened (missed)', 5000, false],
      ['No stop, and the machine was fine', 0, true],
    ]);
  });

  it('prices acting early, in time and too late for regression', () => {
    const rows = outcomeCosts(
      { target: 'RUL' },
      { kind: 'regression', currency: 'EUR', actionThreshold: 30, actWhen: 'below', earlyActionCosts: 200, lateActionCosts: 9000, timelyActionCosts: 50, actionName: 'service' },
    );
    expect(rows.map((r) => r.cost)).toEqual([50, 200, 9000, 0]);
    expect(rows[2]!.outcome).toBe('No service, but RUL below 30 (too late)');
  });

  it('lists every multiclass pair from the matrix', () => {
    const rows = outcomeCosts({ target: 'defect' }, { kind: 'multiclass', currency: 'EUR', classes: ['ok', 'crack'], matrix: [[0, 20], [500, 5]] });
    expect(rows.map((r) => [r.cost, r.right])).toEqual([
      [0, true],
      [20, false],
      [500, false],
      [5, true],
    ]);
  });

  it('scales the saving per 1,000 to a month, and refuses a volume that is not positive', () => {
    expect(monthlySaving(250, 40_000)).toBe(10_000);
    expect(monthlySaving(250, 0)).toBeNull();
    expect(monthlySaving(250, Number.NaN)).toBeNull();
  });
});
