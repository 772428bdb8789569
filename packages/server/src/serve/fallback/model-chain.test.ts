// The model chain: the previous champion answers for a failing champion, else the fallback rule, else an abstention.
import { describe, expect, it } from 'vitest';
import type { InputRow } from '@shopfloor/contracts';
import { COSTS, EVENT_RATE, INPUTS, record, RULE, trainedPredictor } from './chain-fixture.js';
import { modelChainPredictions, previousChampionId, previousChampionStep, type PreviousChampion } from './model-chain.js';
import { createModelGuard, type ModelTrigger } from './model-guard.js';

const OPTIONS = { explain: false, topContributions: 5 };
const TRIGGER: ModelTrigger = { code: 'MODEL_ERROR', message: 'model mv_2 cannot be loaded: Model version mv_2 cannot be read: bad header' };
const USE_CASE = { costs: COSTS, inputs: INPUTS };
const ROWS: InputRow[] = [{ load: 45, coolant: 0 }, { load: 10, coolant: 1 }];

describe('previous champion', () => {
  const move = (to: string | null, from: string | null) => ({ modelVersionId: to, previousModelVersionId: from });

  it('is the version the move to the current champion replaced, the latest such move', () => {
    // newest first: v3 -> v2 (rollback), v2 -> v3, v1 -> v2, first champion v1
    const events = [move('mv_2', 'mv_3'), move('mv_3', 'mv_2'), move('mv_2', 'mv_1'), move('mv_1', null)];
    expect(previousChampionId(events, 'mv_2')).toBe('mv_3');
    expect(previousChampionId(events, 'mv_3')).toBe('mv_2');
    expect(previousChampionId(events, 'mv_1')).toBeNull();
    expect(previousChampionId([], 'mv_1')).toBeNull();
    expect(previousChampionId([move('mv_1', 'mv_1')], 'mv_1')).toBeNull();
  });

  it('steps aside when there is none, it fails too, or it reads an untrusted input', () => {
    const prev: PreviousChampion = { record: record('mv_1', 1), predictor: trainedPredictor('mv_1', 1) };
    expect(previousChampionStep(null, [])).toEqual({ skip: 'the champion alias names no previous version' });
    expect(previousChampionStep({ record: record('mv_1', 1), trigger: TRIGGER }, [])).toEqual({ skip: `the previous champion (version 1) cannot answer either: ${TRIGGER.message}` });
    expect(previousChampionStep(prev, ['coolant'])).toEqual({ skip: 'the previous champion (version 1) reads the untrusted "coolant"' });
    expect(previousChampionStep(prev, ['spindle'])).toHaveProperty('use');
  });
});

describe('model chain', () => {
  const champion = record('mv_2', 2);

  it('answers from the previous champion, naming it and the trigger', async () => {
    const previous = trainedPredictor('mv_1', 1);
    const answers = await modelChainPredictions(USE_CASE, champion, TRIGGER, [], ROWS, OPTIONS, { previous: async () => ({ record: record('mv_1', 1), predictor: previous }), fallbackRule: async () => RULE });
    const direct = previous.predict(ROWS, OPTIONS);
    expect(answers.map((a) => a.score)).toEqual(direct.map((d) => d.score));
    for (const a of answers) {
      expect(a).toMatchObject({ path: 'previous-champion', model: { id: 'mv_1', version: 1 }, degraded: true, reasonCode: 'MODEL_ERROR' });
      expect(a.reasons.slice(0, 2)).toEqual([TRIGGER.message, 'answered by the previous champion (version 1)']);
    }
    expect(answers[0]!.decision!.act).toBe(true);
  });

  it('keeps an input error of the previous champion a 400', async () => {
    const deps = { previous: async () => ({ record: record('mv_1', 1), predictor: trainedPredictor('mv_1', 1) }), fallbackRule: async () => RULE };
    await expect(modelChainPredictions(USE_CASE, champion, TRIGGER, [], [{ load: 'high', coolant: 1 }], OPTIONS, deps)).rejects.toMatchObject({ code: 'PREDICT_FEATURE_TYPE' });
  });

  it('falls to the rule when the previous champion fails while predicting, priced at the champion event rate', async () => {
    const real = trainedPredictor('mv_1', 1);
    const broken = createModelGuard().guard('mv_1', { ...real, predict: () => { throw new Error('corrupt tree'); } }, 250);
    const answers = await modelChainPredictions(USE_CASE, champion, { code: 'MODEL_TIMEOUT', message: 'model mv_2 did not load within 5000 ms' }, [], ROWS, OPTIONS, {
      previous: async () => ({ record: record('mv_1', 1), predictor: broken }),
      fallbackRule: async () => RULE,
    });
    expect(answers.map((a) => [a.path, a.score, a.decision?.act, a.reasonCode])).toEqual([['rule', null, true, 'MODEL_TIMEOUT'], ['rule', null, false, 'MODEL_TIMEOUT']]);
    expect(answers[1]!.decision!.expectedCost).toBeCloseTo(EVENT_RATE * 5000, 9);
    expect(answers[0]!.model).toEqual({ id: 'mv_2', version: 2 });
    expect(answers[0]!.reasons[1]).toBe('the previous champion (version 1) cannot answer either: model mv_1 failed while predicting: corrupt tree');
  });

  it('abstains, the operator decides, with no previous champion and no rule', async () => {
    const answers = await modelChainPredictions(USE_CASE, champion, TRIGGER, [], ROWS, OPTIONS, { previous: async () => null, fallbackRule: async () => null });
    expect(answers.every((a) => a.path === 'abstain' && a.decision === null && a.score === null && a.reasonCode === 'MODEL_ERROR')).toBe(true);
    expect(answers[0]!.reasons).toEqual([TRIGGER.message, 'the champion alias names no previous version', 'the use case has no fallback rule: no decision, the operator decides']);
  });

  it('checks rows against the use case inputs when no model reads them: bad data stays a 400, an untrusted value is never read', async () => {
    const deps = { previous: async () => null, fallbackRule: async () => RULE };
    await expect(modelChainPredictions(USE_CASE, champion, TRIGGER, [], [{ load: 3, coolant: 1 }, { load: 3 }], OPTIONS, deps)).rejects.toMatchObject({ code: 'PREDICT_FEATURE_MISSING', details: { row: 1, feature: 'coolant' } });
    await expect(modelChainPredictions(USE_CASE, champion, TRIGGER, [], [{ load: 'high', coolant: 1 }], OPTIONS, deps)).rejects.toMatchObject({ code: 'PREDICT_FEATURE_TYPE' });
    const [a] = await modelChainPredictions(USE_CASE, champion, TRIGGER, ['load'], [{ load: 'stuck', coolant: 1 }], OPTIONS, deps);
    expect(a).toMatchObject({ path: 'abstain', untrustedSensors: ['load'] });
  });

  it('abstains when the rule reads an untrusted input', async () => {
    const [a] = await modelChainPredictions(USE_CASE, champion, TRIGGER, ['load'], ROWS.slice(0, 1), OPTIONS, { previous: async () => null, fallbackRule: async () => RULE });
    expect(a).toMatchObject({ path: 'abstain', untrustedSensors: ['load'] });
    expect(a!.reasons.at(-1)).toBe('the fallback rule reads the untrusted "load": no decision, the operator decides');
  });
});
