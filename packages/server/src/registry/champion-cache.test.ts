// The cached champion alias: read once per second, forgotten on a move, a missing champion never cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GradientBoosting, saveModel } from '@shopfloor/gbdt';
import { ShopfloorError, type Metrics, type ModelVersion, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, sha256Hex, type TestStore } from '../store/index.js';
import { createChampionAliases, moveAlias, registerModel, type NewModel } from './index.js';

const T0 = '2024-05-01T06:00:00.000Z';
const engineer: User = { id: 'usr_engineer', name: 'erin', role: 'engineer', createdAt: T0 };
const MODEL_TEXT = saveModel(new GradientBoosting({ objective: 'binary', maxIter: 2, minSamplesLeaf: 1 }).fit({ X: [[1], [2], [3], [4]], y: [0, 0, 1, 1] }));
const UC = 'press-line';

function metrics(expected: number): Metrics {
  return { nTrain: 800, nTest: 200, auc: 0.9, expectedCostPer1000: expected, baselineCostPer1000: 500, trainSeconds: 0.5 };
}

describe('champion aliases for serving', () => {
  let t: TestStore;
  const clock = manualClock(T0);
  let datasetVersionId: string;
  let ms = 0;
  const versions: ModelVersion[] = [];
  const register = (m: Metrics) =>
    registerModel({ store: t.store, clock }, engineer, {
      useCaseId: UC,
      datasetVersionId,
      modelText: MODEL_TEXT,
      params: { maxIter: 2 },
      codeVersion: '0.1.0+abc',
      metrics: m,
      decisionRule: { kind: 'binary', threshold: 0.3 },
      featureImportance: [{ feature: 'torque', gain: 2 }],
    } satisfies NewModel);

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await t.store.users.insert(engineer);
    const sha = await t.store.artifacts.put('dataset', Buffer.from('table'), T0);
    const ds = await t.store.datasets.ensure({ id: 'ds_1', name: 'press', createdAt: T0 });
    datasetVersionId = sha256Hex(Buffer.from('press v1'));
    await t.store.datasetVersions.insert({ id: datasetVersionId, datasetId: ds.id, fileName: 'press.csv', format: 'csv', options: {}, schema: [], stats: [], rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: engineer.id });
    await t.store.useCases.insert({ id: UC, name: UC, task: 'binary', spec: {}, datasetVersionId, split: {}, createdAt: T0, createdBy: engineer.id });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers MODEL_NO_CHAMPION without caching it, then the first champion', async () => {
    const champions = createChampionAliases(t.store, () => ms);
    const missing = await champions.get(UC).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(ShopfloorError);
    expect((missing as ShopfloorError).code).toBe('MODEL_NO_CHAMPION');
    versions.push(await register(metrics(300))); // beats the no-model cost: the first champion
    expect(await champions.get(UC)).toBe(versions[0]!.id);
  });

  it('keeps a champion for a second, re-reads it after, and forgets it at once when told', async () => {
    const champions = createChampionAliases(t.store, () => ms);
    versions.push(await register(metrics(250)));
    expect(await champions.get(UC)).toBe(versions[0]!.id);
    clock.advance(60_000);
    await moveAlias({ store: t.store, clock }, engineer, UC, 'champion', { version: versions[1]!.version, reason: 'lower cost' });
    ms += 999;
    expect(await champions.get(UC)).toBe(versions[0]!.id); // moved by another process, as far as this cache knows
    ms += 1;
    expect(await champions.get(UC)).toBe(versions[1]!.id);
    await moveAlias({ store: t.store, clock }, engineer, UC, 'champion', { version: versions[0]!.version, reason: 'back' });
    expect(await champions.get(UC)).toBe(versions[1]!.id);
    champions.forget(UC);
    expect(await champions.get(UC)).toBe(versions[0]!.id);
  });
});
