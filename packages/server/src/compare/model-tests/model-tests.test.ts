// Model tests on a real trained model whose answers are known: Type has no effect, wear raises the risk, temperature lowers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError, type ModelTestResult, type ModelTestRun, type ModelTestSpecInput } from '@shopfloor/contracts';
import { ModelTestSpec } from '@shopfloor/contracts';
import { manualClock } from '../../clock.js';
import { appendEvaluationSet, declareModelTest, modelTestChecks, runModelTests } from '../index.js';
import { openWearFixture, type WearFixture } from '../wear-fixture.js';

const TESTS: ModelTestSpecInput[] = [
  { name: 'recall on type L', kind: 'minimum-metric', metric: 'recall', threshold: 0.6, slice: [{ column: 'Type', equals: 'L' }] },
  { name: 'type does not matter', kind: 'invariance', input: 'Type' },
  { name: 'wear does not matter', kind: 'invariance', input: 'wear', grid: { min: 0, max: 240, steps: 7 } },
  { name: 'more wear never lowers risk', kind: 'direction', input: 'wear' },
  { name: 'more heat never lowers risk', kind: 'direction', input: 'temp', grid: { min: 285, max: 320, steps: 8 } },
  { name: 'wear sensor lost', kind: 'sensor-failure', input: 'wear', failure: { mode: 'missing' }, maxChangedFraction: 0.05 },
  { name: 'type reader stuck', kind: 'sensor-failure', input: 'Type', failure: { mode: 'stuck', value: 'L' }, maxChangedFraction: 0 },
  { name: 'accuracy on mislabelled rows', kind: 'minimum-metric', metric: 'accuracy', threshold: 0.5, set: { name: 'mislabelled' } },
];

describe('model tests on a trained tool-wear model', () => {
  let f: WearFixture;
  let run: ModelTestRun;
  const clock = manualClock('2024-06-01T08:00:00.000Z');
  const result = (name: string): ModelTestResult => run.tests.find((t) => t.name === name)!;

  beforeAll(async () => {
    f = await openWearFixture('sqlite');
    await f.shopfloor.train(f.engineer, 'tool-wear', { params: { monotonicConstraints: { wear: 1 }, maxIter: 60 } });
    // Operators' rows whose labels are the opposite of what happened: a sound model must score badly here.
    await appendEvaluationSet({ store: f.t.store, clock }, f.engineer, 'tool-wear', {
      name: 'mislabelled',
      note: 'labels flipped on purpose',
      source: { kind: 'rows', rows: [{ Type: 'L', wear: 240, temp: 310, failure: false }, { Type: 'M', wear: 0, temp: 310, failure: true }, { Type: 'H', wear: 20, temp: 290, failure: false }] },
    });
    for (const spec of TESTS) await declareModelTest({ store: f.t.store, clock }, f.engineer, 'tool-wear', ModelTestSpec.parse(spec));
    run = await runModelTests({ store: f.t.store, clock }, 'tool-wear', 'champion');
  }, 60_000);
  afterAll(async () => {
    await f?.cleanup();
  });

  it('runs every declared test on the named version, in declaration order, naming the set version and hash', async () => {
    expect(run).toMatchObject({ useCaseId: 'tool-wear', model: { version: 1 }, passed: false, ranAt: '2024-06-01T08:00:00.000Z' });
    expect(run.tests.map((t) => t.name)).toEqual(TESTS.map((t) => t.name));
    const benchmark = await f.shopfloor.store.evaluationSets.get('tool-wear', 'mislabelled');
    expect(benchmark).not.toBeNull();
    expect(result('recall on type L').set).toMatchObject({ name: 'benchmark', version: 1 });
    expect(result('accuracy on mislabelled rows').set).toMatchObject({ name: 'mislabelled', version: 1 });
    expect(result('recall on type L').set.hash).toMatch(/^[0-9a-f]{64}$/);
    const byNumber = await runModelTests({ store: f.t.store, clock }, 'tool-wear', 1);
    expect(byNumber.tests.map((t) => [t.name, t.passed, t.measured])).toEqual(run.tests.map((t) => [t.name, t.passed, t.measured]));
  });

  it('minimum metric: recall on the type-L slice of the benchmark passes; accuracy on mislabelled rows fails', () => {
    const recall = result('recall on type L');
    expect(recall).toMatchObject({ kind: 'minimum-metric', passed: true, threshold: 0.6, comparison: '>=', rows: 46 });
    expect(recall.measured).toBeGreaterThanOrEqual(0.9);
    expect(result('accuracy on mislabelled rows')).toMatchObject({ passed: false, measured: 0, rows: 3 });
  });

  it('invariance: an input with no effect never flips a decision; wear flips many, with examples', async () => {
    expect(result('type does not matter')).toMatchObject({ kind: 'invariance', passed: true, measured: 0, threshold: 0, examples: [] });
    const wear = result('wear does not matter');
    expect(wear.passed).toBe(false);
    expect(wear.measured).toBeGreaterThan(20);
    expect(wear.examples).toHaveLength(5);
    // Each example is reproduced by the prediction service.
    for (const e of wear.examples) {
      const row = e['row'] as Record<string, number | string | boolean | null>;
      const [before, after] = (await f.shopfloor.predict('tool-wear', { rows: [row, { ...row, wear: e['setTo'] as number }] })).predictions;
      expect([before!.decision.label, after!.decision.label]).toEqual([e['decision'], e['decisionAfter']]);
      expect(e['decision']).not.toBe(e['decisionAfter']);
    }
  });

  it('direction: wear under a monotonic constraint never lowers the risk; heat does below 300 K', () => {
    expect(result('more wear never lowers risk')).toMatchObject({ kind: 'direction', passed: true, measured: 0 });
    const heat = result('more heat never lowers risk');
    expect(heat.passed).toBe(false);
    expect(heat.measured).toBeGreaterThan(0);
    for (const e of heat.examples) {
      expect(e['riskChange']).toBeLessThan(0);
      expect(e['from']).toBeLessThanOrEqual(300);
    }
  });

  it('sensor failure: losing the wear reading changes many decisions; a stuck type reader none', () => {
    const lost = result('wear sensor lost');
    expect(lost).toMatchObject({ kind: 'sensor-failure', passed: false, threshold: 0.05, comparison: '<=' });
    expect(lost.measured).toBeGreaterThan(0.2);
    expect(lost.examples.every((e) => e['knockedTo'] === null && e['decision'] !== e['decisionAfter'])).toBe(true);
    expect(result('type reader stuck')).toMatchObject({ passed: true, measured: 0 });
  });

  it('reports each test as a gate check with its set version', async () => {
    const checks = await modelTestChecks({ store: f.t.store, clock })('tool-wear', run.model.id);
    expect(checks.map((c) => c.passed)).toEqual(run.tests.map((t) => t.passed));
    expect(checks[0]).toMatchObject({ name: 'model test "recall on type L" (minimum-metric)', limit: 0.6, measured: run.tests[0]!.measured });
    expect(checks[7]!.detail).toContain('on mislabelled v1 (3 rows');
  });

  it('names what it cannot find: an unknown version, an alias not set', async () => {
    const missing = await runModelTests({ store: f.t.store, clock }, 'tool-wear', 'v9').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ShopfloorError);
    expect((missing as ShopfloorError).code).toBe('MODEL_NOT_FOUND');
    const shadow = await runModelTests({ store: f.t.store, clock }, 'tool-wear', 'shadow').catch((e: unknown) => e);
    expect((shadow as ShopfloorError).code).toBe('MODEL_ALIAS_NOT_SET');
  });
});
