// On the bundled AI4I 2020 data: the pinned benchmark is UDI % 5 == 0, and a tool-wear monotonic constraint passes a direction test.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelTestSpec, type ModelTestRun, type User } from '@shopfloor/contracts';
import { createUser } from '../../access/index.js';
import { manualClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { createShopfloor, type Shopfloor } from '../../shopfloor.js';
import { openTestStore, type TestStore } from '../../store/index.js';
import { appendEvaluationSet, declareModelTest, loadBenchmarkSet, runModelTests } from '../index.js';

const AI4I = new URL('../../../data/ai4i2020/ai4i2020.csv', import.meta.url);
const WEAR = 'Tool wear [min]';

describe('model tests on AI4I 2020', () => {
  let t: TestStore;
  let shopfloor: Shopfloor;
  let engineer: User;
  let run: ModelTestRun;
  const clock = manualClock('2024-06-01T08:00:00.000Z');

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    shopfloor = createShopfloor({ store: t.store, config: loadConfig({ SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'UTC' }), clock });
    engineer = await createUser({ store: t.store, clock }, { name: 'erin', role: 'engineer' });
    const { version } = await shopfloor.importDataset(engineer, readFileSync(AI4I), { name: 'ai4i', fileName: 'ai4i2020.csv' });
    await shopfloor.createUseCase(engineer, {
      id: 'ai4i',
      name: 'Machine failure',
      task: 'binary',
      datasetVersionId: version.id,
      target: 'Machine failure',
      features: ['Type', 'Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', WEAR].map((name) => ({ name })),
      split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    });
    await shopfloor.train(engineer, 'ai4i', { params: { maxIter: 60, monotonicConstraints: { [WEAR]: 1 } } });
    const deps = { store: t.store, clock };
    await appendEvaluationSet(deps, engineer, 'ai4i', { name: 'type-l', note: '', source: { kind: 'slice', where: [{ column: 'Type', equals: 'L' }] } });
    const specs = [
      { name: 'auc on the benchmark', kind: 'minimum-metric', metric: 'roc_auc', threshold: 0.9 },
      { name: 'wear never lowers risk', kind: 'direction', input: WEAR, grid: { min: 0, max: 250, steps: 11 } },
      { name: 'wear never raises risk', kind: 'direction', input: WEAR, direction: 'decreasing', grid: { min: 0, max: 250, steps: 11 } },
      { name: 'recall on type L', kind: 'minimum-metric', metric: 'recall', threshold: 0.5, set: { name: 'type-l' } },
    ];
    for (const spec of specs) await declareModelTest(deps, engineer, 'ai4i', ModelTestSpec.parse(spec));
    run = await runModelTests(deps, 'ai4i', 'champion');
  }, 120_000);
  afterAll(async () => {
    await shopfloor?.close();
    await t?.cleanup();
  });

  it('pins the 2,000 rows with UDI divisible by 5 as the benchmark, with a stable hash', async () => {
    const benchmark = await loadBenchmarkSet(t.store, 'ai4i');
    expect(benchmark.rowCount).toBe(2000);
    expect(benchmark.rows.every((r) => Number(r['UDI']) % 5 === 0)).toBe(true);
    expect((await loadBenchmarkSet(t.store, 'ai4i')).hash).toBe(benchmark.hash);
    expect(run.tests[0]!.set).toEqual({ name: 'benchmark', version: 1, hash: benchmark.hash });
  });

  it('passes the direction test the monotonic constraint guarantees and fails its opposite', () => {
    const [auc, up, down, recall] = run.tests;
    expect(auc).toMatchObject({ passed: true, rows: 2000 });
    expect(up).toMatchObject({ passed: true, measured: 0, rows: 2000 });
    expect(down!.passed).toBe(false);
    expect(down!.measured).toBeGreaterThan(0);
    expect(down!.examples[0]!['riskChange']).toBeGreaterThan(0);
    expect(recall!.set).toMatchObject({ name: 'type-l', version: 1 });
    expect(recall!.rows).toBeGreaterThan(1000);
    expect(recall!.measured).not.toBeNull();
  });
});
