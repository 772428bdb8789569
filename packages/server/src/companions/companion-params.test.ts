// A companion trains exactly like its version: the stored parameters, read back, refit the very same model.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../access/index.js';
import { manualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { loadDatasetTable } from '../ingest/index.js';
import { trainModel } from '../learn/index.js';
import { createShopfloor, type Shopfloor } from '../shopfloor.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { loadBenchmark, loadUseCase } from '../use-cases/index.js';
import { versionTrainingParams } from './companion-params.js';

const AI4I = new URL('../../data/ai4i2020/ai4i2020.csv', import.meta.url);
const USE_CASE = {
  id: 'machine-failure',
  name: 'Machine failure (AI4I 2020)',
  task: 'binary' as const,
  target: 'Machine failure',
  features: [{ name: 'Air temperature [K]' }, { name: 'Rotational speed [rpm]' }, { name: 'Torque [Nm]' }, { name: 'Tool wear [min]' }, { name: 'Type' }],
  costs: { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

describe('companion training parameters', () => {
  let t: TestStore;
  let shopfloor: Shopfloor;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const clock = manualClock('2024-06-01T08:00:00.000Z');
    shopfloor = createShopfloor({ store: t.store, config: { ...loadConfig({ SHOPFLOOR_LOG_LEVEL: 'silent', SHOPFLOOR_TIME_ZONE: 'UTC' }), companionSensors: 0 }, clock });
    const engineer = await createUser({ store: t.store, clock }, { name: 'erin', role: 'engineer' });
    const { version } = await shopfloor.importDataset(engineer, readFileSync(AI4I), { name: 'ai4i', fileName: 'ai4i2020.csv' });
    await shopfloor.createUseCase(engineer, { ...USE_CASE, datasetVersionId: version.id });
    await shopfloor.train(engineer, USE_CASE.id, { params: { maxIter: 25, learningRate: 0.2, maxLeafNodes: 8, minSamplesLeaf: 10 } });
  }, 60_000);
  afterAll(async () => {
    await shopfloor?.close();
    await t?.cleanup();
  });

  it('drops unset parameters, numClass and the label lineage, and keeps every one the learner was given', () => {
    expect(versionTrainingParams({ maxIter: 25, maxDepth: null, numClass: 3, labelTarget: { classes: ['x'] }, objective: 'binary' })).toEqual({ maxIter: 25, objective: 'binary' });
    expect(versionTrainingParams(null)).toEqual({});
  });

  it('refits the stored version bit for bit from its stored parameters (so a companion differs only by the input left out)', async () => {
    const record = (await t.store.modelVersions.listForUseCase(USE_CASE.id))[0]!;
    const stored = await loadUseCase(t.store, USE_CASE.id);
    const { table } = await loadDatasetTable(t.store, record.datasetVersionId);
    const again = await trainModel({ useCase: stored.useCase, table, benchmark: await loadBenchmark(t.store, stored), params: versionTrainingParams(record.params) });
    const artifact = await t.store.artifacts.get(record.artifactSha256);
    expect(again.modelText).toBe(artifact.bytes.toString('utf8'));
    expect(again.decisionRule).toEqual(record.threshold);
    expect(await t.store.companionModels.list(record.id)).toEqual([]); // companionSensors 0: none trained
  });
});
