// Which outcomes and overrides a use case accepts, checked against the labels the decide stage really gives.
import { describe, expect, it } from 'vitest';
import type { Costs } from '@shopfloor/contracts';
import { decide } from '../../decide/index.js';
import { checkOutcome, checkOverride, decisionLabels } from './feedback-rules.js';

const binary: Costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop the press' } as Costs;
const regression = { kind: 'regression', currency: 'EUR', actionThreshold: 30, earlyActionCosts: 100, lateActionCosts: 2000, actionName: 'change the tool' } as Costs;
const useCase = (task: 'binary' | 'multiclass' | 'regression', classes: string[] | undefined, costs: Costs) => ({ id: 'press', task, costs, ...(classes === undefined ? {} : { classes }) });

describe('feedback rules', () => {
  it('names exactly the decision labels the decide stage gives, so every real decision can be overridden', () => {
    const labels = decisionLabels(binary);
    expect(labels).toEqual(['stop the press', 'no stop the press']);
    for (const score of [0.01, 0.99]) expect(labels).toContain(decide(score, { kind: 'binary', threshold: 0.5 }, binary).label);
    expect(decisionLabels(regression)).toEqual(['change the tool', 'wait']);
    expect(checkOverride(useCase('binary', ['0', '1'], binary), 'no stop the press')).toBe('no stop the press');
    expect(() => checkOverride(useCase('binary', ['0', '1'], binary), 'alarm')).toThrow(expect.objectContaining({ code: 'FEEDBACK_INVALID', details: expect.objectContaining({ field: 'decision' }) }));
  });

  it('reads an outcome as the class the use case spells, taking 1/0 for a true/false target, and a number for regression', () => {
    const boolTarget = useCase('binary', ['false', 'true'], binary);
    expect(checkOutcome(boolTarget, 1, 'outcome')).toBe('true');
    expect(checkOutcome(boolTarget, '0', 'outcome')).toBe('false');
    expect(checkOutcome(boolTarget, true, 'outcome')).toBe('true');
    expect(checkOutcome(useCase('multiclass', ['ok', 'wear'], binary), 'wear', 'outcome')).toBe('wear');
    expect(() => checkOutcome(useCase('multiclass', ['ok', 'wear'], binary), 1, 'outcome')).toThrow(expect.objectContaining({ code: 'FEEDBACK_INVALID', details: expect.objectContaining({ allowed: ['ok', 'wear'] }) }));
    expect(checkOutcome(useCase('regression', undefined, regression), 12.5, 'outcome')).toBe(12.5);
    expect(() => checkOutcome(useCase('regression', undefined, regression), '12.5', 'outcome')).toThrow(expect.objectContaining({ code: 'FEEDBACK_INVALID' }));
  });
});
