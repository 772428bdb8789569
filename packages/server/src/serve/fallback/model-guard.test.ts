// The champion's guard: input errors stay 400s, other errors and slow calls send requests down the model chain.
import { describe, expect, it } from 'vitest';
import { GradientBoosting } from '@shopfloor/gbdt';
import { ShopfloorError, type BinaryCosts } from '@shopfloor/contracts';
import { createPredictor, type Predictor } from '../predictor.js';
import { callBudgetMs, createModelGuard, createSlowMarks, isInputError, isModelTrigger, ModelFailure, within } from './model-guard.js';

const COSTS: BinaryCosts = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };

function predictor(): Predictor {
  const X = Array.from({ length: 200 }, (_, i) => [i % 50]);
  const y = X.map(([v]) => (v! > 30 ? 1 : 0));
  const model = new GradientBoosting({ objective: 'binary', maxIter: 5, minSamplesLeaf: 5 }).fit({ X, y, features: [{ name: 'load', type: 'numeric' }] });
  return createPredictor({ model, modelId: 'mv_a', modelVersion: 1, decisionRule: { kind: 'binary', threshold: 0.2 }, costs: COSTS, inputs: [{ name: 'load', kind: 'numeric', min: 0, max: 49 }], classes: undefined });
}

describe('model guard', () => {
  it('tells input errors (4xx ShopfloorErrors) from model errors', () => {
    expect(isInputError(new ShopfloorError('PREDICT_FEATURE_MISSING', 'rows[0]: feature "load" is missing', { row: 0 }))).toBe(true);
    expect(isInputError(new ShopfloorError('MODEL_ARTIFACT_CORRUPT', 'bad bytes'))).toBe(false);
    expect(isInputError(new TypeError('cannot read properties of undefined'))).toBe(false);
  });

  it('gives a batch its budget once per started 1,000 rows', () => {
    expect(callBudgetMs(250, 1)).toBe(250);
    expect(callBudgetMs(250, 1000)).toBe(250);
    expect(callBudgetMs(250, 1001)).toBe(500);
    expect(callBudgetMs(40, 10_000)).toBe(400);
    expect(callBudgetMs(250, 250, true)).toBe(250);
    expect(callBudgetMs(250, 251, true)).toBe(500);
    expect(callBudgetMs(250, 10_000, true)).toBe(10_000);
  });

  it('marks a version slow only over its budget, until the cool-down ends', () => {
    const marks = createSlowMarks(30_000);
    expect(marks.record('mv_a', 250, 250, 1000)).toBe(false);
    expect(marks.slow('mv_a', 1000)).toBeNull();
    expect(marks.record('mv_a', 900, 250, 2000)).toBe(true);
    expect(marks.slow('mv_a', 2000)).toEqual({ elapsedMs: 900, budgetMs: 250, untilMs: 32_000 });
    expect(marks.slow('mv_b', 2000)).toBeNull();
    expect(marks.slow('mv_a', 31_999)).not.toBeNull();
    expect(marks.slow('mv_a', 32_000)).toBeNull();
    expect(marks.slow('mv_a', 2000)).toBeNull(); // the mark is gone once it ended
  });

  it('answers a load that never settles with timeout, and one that settles with its value', async () => {
    expect(await within(new Promise<never>(() => undefined), 5)).toBe('timeout');
    expect(await within(Promise.resolve(7), 1000)).toBe(7);
  });

  it('turns a failed load into MODEL_ERROR and a version marked slow into MODEL_TIMEOUT, on its own clock', async () => {
    let t = 0;
    let cpu = 0;
    const guard = createModelGuard({ now: () => t, cpuNow: () => cpu, coolDownMs: 10_000 });
    const failed = await guard.load('mv_broken', () => Promise.reject(new ShopfloorError('MODEL_ARTIFACT_CORRUPT', 'Model version mv_broken cannot be read: bad header')));
    expect(failed).toMatchObject({ code: 'MODEL_ERROR' });
    expect(isModelTrigger(failed) && failed.message).toContain('cannot be read: bad header');
    const hung = await createModelGuard({ loadTimeoutMs: 5 }).load('mv_hung', () => new Promise<never>(() => undefined));
    expect(hung).toMatchObject({ code: 'MODEL_TIMEOUT', message: 'model mv_hung did not load within 5 ms' });

    // A call over budget still answers; the next request finds the version marked slow. The first call warms up, untimed.
    const real = predictor();
    let wall = 400;
    const slow: Predictor = { ...real, predict: (rows, options) => ((t += wall), (cpu += 380), real.predict(rows, options)) };
    const guarded = guard.guard('mv_a', slow, 250);
    guarded.predict([{ load: 40 }], { explain: false, topContributions: 5 });
    expect(isModelTrigger(await guard.load('mv_a', async () => real))).toBe(false);
    wall = 2000; // waiting for the CPU on a busy machine: over budget in wall time only after the 380 ms of CPU
    const [answer] = guarded.predict([{ load: 40 }], { explain: false, topContributions: 5 });
    expect(answer).toMatchObject({ path: 'champion', decision: { act: true } });
    const next = await guard.load('mv_a', async () => real);
    expect(next).toMatchObject({ code: 'MODEL_TIMEOUT' });
    expect(isModelTrigger(next) && next.message).toContain('took 380 ms for a call with a budget of 250 ms');
    t += 10_000;
    expect(isModelTrigger(await guard.load('mv_a', async () => real))).toBe(false);
    // Descheduled, not slow: 2 s of wall time with 100 ms of CPU marks nothing.
    const busy = createModelGuard({ now: () => t, cpuNow: () => cpu });
    const descheduled: Predictor = { ...real, predict: (rows, options) => ((t += 2000), (cpu += 100), real.predict(rows, options)) };
    const onBusyMachine = busy.guard('mv_b', descheduled, 250);
    onBusyMachine.predict([{ load: 1 }], { explain: false, topContributions: 5 });
    onBusyMachine.predict([{ load: 1 }], { explain: false, topContributions: 5 });
    expect(isModelTrigger(await busy.load('mv_b', async () => real))).toBe(false);
  });

  it('keeps input errors as they are and throws anything else a model throws as ModelFailure', () => {
    const real = predictor();
    const guard = createModelGuard();
    expect(() => guard.guard('mv_a', real, 250).predict([{}], { explain: false, topContributions: 5 })).toThrow(expect.objectContaining({ code: 'PREDICT_FEATURE_MISSING' }));
    const throwing: Predictor = { ...real, predict: () => { throw new RangeError('tree 3 points past its nodes'); } };
    const e = (() => {
      try {
        guard.guard('mv_a', throwing, 250).predict([{ load: 1 }], { explain: false, topContributions: 5 });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ModelFailure);
    expect((e as ModelFailure).trigger).toEqual({ code: 'MODEL_ERROR', message: 'model mv_a failed while predicting: tree 3 points past its nodes' });
  });
});
