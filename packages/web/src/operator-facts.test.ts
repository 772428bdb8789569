// What the operator pages read from a logged prediction: unsure answers near the threshold, degraded paths, review state, choices offered.
import { describe, expect, it } from 'vitest';
import type { LoggedPrediction, PredictionFeedback } from '@shopfloor/contracts';
import { decisionLabels, feedbackWords, isLowConfidence, isReviewed, outcomeChoices, reviewReasons } from './operator-facts.js';

function logged(change: Partial<LoggedPrediction> & { degraded?: boolean }): LoggedPrediction {
  const { degraded = false, ...rest } = change;
  return {
    id: 'pred_1',
    useCaseId: 'mf',
    entity: 'mill-3',
    at: '2026-12-04T10:00:00.000Z',
    modelVersionId: 'mv_1',
    role: 'champion',
    path: 'champion',
    decision: 'no alarm',
    act: false,
    score: 0.01,
    latencyMs: 1,
    input: {},
    output: {
      predictionId: 'pred_1',
      score: 0.01,
      decision: { label: 'no alarm', act: false, expectedCost: 1, currency: 'EUR' },
      model: { id: 'mv_1', version: 1 },
      path: 'champion',
      degraded,
      untrustedSensors: [],
      reasonCode: null,
      reasons: [],
    },
    ...rest,
  };
}

function feedback(kind: PredictionFeedback['kind']): PredictionFeedback {
  return { id: 'fb', predictionId: 'pred_1', kind, outcome: null, decision: null, reasonCode: null, note: '', by: 'usr', at: '2026-12-04T10:00:00.000Z' };
}

describe('isLowConfidence', () => {
  it('calls a binary score unsure within half a log-odds unit of the threshold, whatever the threshold', () => {
    const rule = { kind: 'binary' as const, threshold: 0.05 };
    expect(isLowConfidence(0.06, rule)).toBe(true);
    expect(isLowConfidence(0.04, rule)).toBe(true);
    expect(isLowConfidence(0.2, rule)).toBe(false);
    expect(isLowConfidence(0.005, rule)).toBe(false);
    expect(isLowConfidence(0.55, { kind: 'binary', threshold: 0.5 })).toBe(true);
    expect(isLowConfidence(0.9, { kind: 'binary', threshold: 0.5 })).toBe(false);
  });

  it('uses 10 % of the threshold for regression and the top probability for multiclass', () => {
    const rule = { kind: 'regression' as const, threshold: 30, actWhen: 'below' as const };
    expect(isLowConfidence(32, rule)).toBe(true);
    expect(isLowConfidence(40, rule)).toBe(false);
    expect(isLowConfidence(0.4, { kind: 'multiclass' })).toBe(true);
    expect(isLowConfidence(0.8, { kind: 'multiclass' })).toBe(false);
  });

  it('is never unsure without a score or a known rule (rule and abstain paths)', () => {
    expect(isLowConfidence(null, { kind: 'binary', threshold: 0.5 })).toBe(false);
    expect(isLowConfidence(0.5, undefined)).toBe(false);
  });
});

describe('reviewReasons', () => {
  const rule = { kind: 'binary' as const, threshold: 0.3 };

  it('lists nothing for a sure champion answer nobody flagged', () => {
    expect(reviewReasons(logged({}), false, rule)).toEqual([]);
  });

  it('names flagged, unsure and degraded answers, together when several hold', () => {
    expect(reviewReasons(logged({}), true, rule)).toEqual(['flagged']);
    expect(reviewReasons(logged({ score: 0.3 }), false, rule)).toEqual(['low-confidence']);
    expect(reviewReasons(logged({ path: 'companion', degraded: true }), false, rule)).toEqual(['degraded']);
    expect(reviewReasons(logged({ path: 'rule', score: null }), true, rule)).toEqual(['flagged', 'degraded']);
  });
});

describe('review state and words', () => {
  it('is reviewed once confirmed right or given the true outcome, not when only flagged or overridden', () => {
    expect(isReviewed([feedback('wrong')])).toBe(false);
    expect(isReviewed([feedback('override')])).toBe(false);
    expect(isReviewed([feedback('wrong'), feedback('outcome')])).toBe(true);
    expect(isReviewed([feedback('right')])).toBe(true);
  });

  it('writes feedback in plant words', () => {
    expect(feedbackWords({ ...feedback('override'), decision: 'no alarm', reasonCode: 'SENSOR_FAULT' })).toBe('overridden to no alarm (SENSOR_FAULT)');
    expect(feedbackWords({ ...feedback('outcome'), outcome: '1' })).toBe('true outcome: 1');
  });
});

describe('choices', () => {
  it('offers the decisions the decide stage writes', () => {
    expect(decisionLabels({ kind: 'binary', currency: 'EUR', trueAlarmSaves: 1, falseAlarmCosts: 1, missCosts: 2, actionName: 'alarm' })).toEqual(['alarm', 'no alarm']);
    expect(decisionLabels({ kind: 'regression', currency: 'EUR', actionThreshold: 3, actWhen: 'below', earlyActionCosts: 1, lateActionCosts: 2, timelyActionCosts: 0, actionName: 'replace' })).toEqual(['replace', 'wait']);
  });

  it('offers the classes as outcomes, the event first for a yes/no target, and a number for regression', () => {
    expect(outcomeChoices({ task: 'binary', classes: ['0', '1'], target: 'Machine failure' })).toEqual([
      { value: '1', label: 'Machine failure: yes (1)' },
      { value: '0', label: 'Machine failure: no (0)' },
    ]);
    expect(outcomeChoices({ task: 'regression', target: 'RUL' })).toBeNull();
  });
});
