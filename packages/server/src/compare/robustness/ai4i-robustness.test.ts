// On the bundled AI4I 2020 data with a real trained model: training records the replay, torque stuck at 0 Nm costs, the card says assessed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion, RobustnessRecord, User } from '@shopfloor/contracts';
import { createUser } from '../../access/index.js';
import { manualClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { createShopfloor, type Shopfloor } from '../../shopfloor.js';
import { openTestStore, type TestStore } from '../../store/index.js';

const AI4I = new URL('../../../data/ai4i2020/ai4i2020.csv', import.meta.url);
const TORQUE = 'Torque [Nm]';

/** The machine-failure use case of e2e/ai4i-gate-data.ts. */
const USE_CASE = {
  id: 'machine-failure',
  name: 'Machine failure (AI4I 2020)',
  decision: 'stop the machine for inspection before it fails',
  task: 'binary' as const,
  target: 'Machine failure',
  features: [{ name: 'Air temperature [K]' }, { name: 'Process temperature [K]' }, { name: 'Rotational speed [rpm]' }, { name: TORQUE }, { name: 'Tool wear [min]' }, { name: 'Type' }],
  costs: { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' },
};

/** The record without what differs between two runs of the same replay (id, time, duration). */
const content = (r: RobustnessRecord) => ({ ...r, id: '', createdAt: '', seconds: 0 });

describe.each(['sqlite', 'postgres'] as const)('sensor-failure robustness on AI4I 2020 (%s)', (backend) => {
  let t: TestStore;
  let shopfloor: Shopfloor;
  let engineer: User;
  let version: ModelVersion;
  let record: RobustnessRecord;
  const clock = manualClock('2024-06-01T08:00:00.000Z');

  beforeAll(async () => {
    t = await openTestStore(backend);
    shopfloor = createShopfloor({ store: t.store, config: loadConfig({ SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'UTC' }), clock });
    engineer = await createUser({ store: t.store, clock }, { name: 'erin', role: 'engineer' });
    const { version: data } = await shopfloor.importDataset(engineer, readFileSync(AI4I), { name: 'ai4i', fileName: 'ai4i2020.csv' });
    await shopfloor.createUseCase(engineer, { ...USE_CASE, datasetVersionId: data.id });
    version = await shopfloor.train(engineer, USE_CASE.id);
    record = await shopfloor.robustness.latest(USE_CASE.id, String(version.version));
  }, 180_000);
  afterAll(async () => {
    await shopfloor?.close();
    await t?.cleanup();
  });

  it('stores a record right after training, and the model card reads it as assessed', async () => {
    expect(record).toMatchObject({ modelVersionId: version.id, trigger: 'training', seed: 1, metric: 'roc_auc', sensorSource: 'numeric-inputs', currency: 'EUR' });
    expect(record.set).toMatchObject({ name: 'benchmark', version: 1, rows: 2000 });
    expect(record.sensors).toHaveLength(5); // Type is categorical: not a sensor
    expect(record.sensors.every((s) => s.modes.length === 5)).toBe(true);
    const card = await shopfloor.registry.modelCard(USE_CASE.id, 'champion');
    expect(card.sensorRobustness.status).toBe('assessed');
    const torque = card.sensorRobustness.sensors.find((s) => s.feature === TORQUE)!;
    expect(torque.status).toBe('assessed');
    expect(torque.finding).toMatch(/Torque \[Nm\] .*: AUC 0\.\d{3} -> \d\.\d{3}, [+-]?EUR [\d,]+ per 1,000/);
    expect(card.sensorRobustness.sensors.find((s) => s.feature === 'Type')).toMatchObject({ status: 'not-assessed', finding: null });
  });

  it('loses most of its ranking power when torque is stuck at 0 Nm', () => {
    const stuck = record.sensors.find((s) => s.feature === TORQUE)!.modes.find((m) => m.mode === 'stuck-zero')!;
    console.info(`[${backend}] AI4I AUC full ${record.baseline.metric?.toFixed(4)} vs torque stuck at 0 Nm ${stuck.metricAfter?.toFixed(4)}; cost per 1,000 ${stuck.costPer1000Before.toFixed(0)} -> ${stuck.costPer1000After.toFixed(0)} EUR; replay ${record.seconds.toFixed(3)} s`);
    expect(record.baseline.metric).toBeGreaterThan(0.95);
    expect(stuck.description).toBe('stuck at 0 Nm');
    expect(stuck.metricAfter).toBeLessThan(0.8);
    expect(stuck.costPer1000Change).toBeGreaterThan(0);
    expect(stuck.decisionsChanged).toBeGreaterThan(0);
  });

  it('replays a missing sensor through the default branches and ranks a mechanical sensor most critical', () => {
    for (const s of record.sensors) {
      const missing = s.modes.find((m) => m.mode === 'missing')!;
      expect(Number.isFinite(missing.costPer1000After)).toBe(true);
      expect(missing.metricAfter).not.toBeNull();
    }
    console.info(`[${backend}] ranking: ${record.sensors.map((s) => `${s.rank}. ${s.feature} (${s.worstMode}, +${s.criticality.toFixed(0)})`).join('; ')}`);
    expect(['Torque [Nm]', 'Rotational speed [rpm]', 'Tool wear [min]']).toContain(record.sensors[0]!.feature);
    const criticality = record.sensors.map((s) => s.criticality);
    expect(criticality).toEqual([...criticality].sort((a, b) => b - a));
    expect(record.sensors.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the same record for the same seed, another for another seed, and appends each run', async () => {
    const a = await shopfloor.robustness.assess(engineer, USE_CASE.id, 'champion', { seed: 7 });
    const b = await shopfloor.robustness.assess(engineer, USE_CASE.id, 'v1', { seed: 7 });
    expect(content(b)).toEqual(content(a));
    const c = await shopfloor.robustness.assess(engineer, USE_CASE.id, version.id, { seed: 8 });
    const noise = (r: RobustnessRecord) => r.sensors.map((s) => s.modes.find((m) => m.mode === 'noise-x3')!.costPer1000After);
    expect(noise(c)).not.toEqual(noise(a));
    expect((await shopfloor.robustness.latest(USE_CASE.id, 'champion')).id).toBe(c.id);
    expect((await t.store.robustnessRecords.list(version.id)).map((r) => r.id)).toEqual([c.id, b.id, a.id, record.id]);
  });
});
