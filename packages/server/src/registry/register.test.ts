// The registry: immutable versions, the champion set once by the first version that beats no model, models loaded and verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GradientBoosting, saveModel } from '@shopfloor/gbdt';
import { ShopfloorError, type Metrics, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, sha256Hex, type TestStore } from '../store/index.js';
import { createModelCache, listModels, championId, registerModel, type NewModel } from './index.js';

const T0 = '2024-05-01T06:00:00.000Z';
const engineer: User = { id: 'usr_engineer', name: 'erin', role: 'engineer', createdAt: T0 };

function metrics(expected: number, baseline: number): Metrics {
  return { nTrain: 800, nTest: 200, auc: 0.9, expectedCostPer1000: expected, baselineCostPer1000: baseline, trainSeconds: 0.5 };
}

const MODEL_TEXT = saveModel(new GradientBoosting({ objective: 'binary', maxIter: 3, minSamplesLeaf: 1 }).fit({ X: [[1], [2], [3], [4]], y: [0, 0, 1, 1] }));

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

describe.each(['sqlite', 'postgres'] as const)('registry on %s', (backend) => {
  let t: TestStore;
  const clock = manualClock(T0);
  let datasetVersionId: string;

  /** One use case to hang versions from (records only: the registry does not read the use case's spec). */
  async function useCase(id: string): Promise<string> {
    await t.store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId, split: {}, createdAt: T0, createdBy: engineer.id });
    return id;
  }
  const model = (useCaseId: string, m: Metrics, text = MODEL_TEXT): NewModel => ({
    useCaseId,
    datasetVersionId,
    modelText: text,
    params: { maxIter: 3, maxDepth: null },
    codeVersion: '0.1.0+abc',
    metrics: m,
    decisionRule: { kind: 'binary', threshold: 0.2 },
    featureImportance: [{ feature: 'f0', gain: 1.5 }],
  });

  beforeAll(async () => {
    t = await openTestStore(backend);
    await t.store.users.insert(engineer);
    const sha = await t.store.artifacts.put('dataset', Buffer.from('table'), T0);
    const ds = await t.store.datasets.ensure({ id: 'ds_1', name: 'press', createdAt: T0 });
    datasetVersionId = sha256Hex(Buffer.from('press v1'));
    await t.store.datasetVersions.insert({ id: datasetVersionId, datasetId: ds.id, fileName: 'press.csv', format: 'csv', options: {}, schema: [], stats: [], rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: engineer.id });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('makes the first version that beats no model the champion, and never moves it on its own', async () => {
    const id = await useCase('press-a');
    const worse = await registerModel({ store: t.store, clock }, engineer, model(id, metrics(500, 500)));
    expect(worse).toMatchObject({ version: 1, aliases: [], codeVersion: '0.1.0+abc', params: { maxIter: 3, maxDepth: null } });
    expect((await rejection(championId(t.store, id))).code).toBe('MODEL_NO_CHAMPION');

    const first = await registerModel({ store: t.store, clock }, engineer, model(id, metrics(300, 500)));
    expect(first).toMatchObject({ version: 2, aliases: ['champion'], decisionRule: { kind: 'binary', threshold: 0.2 } });
    const better = await registerModel({ store: t.store, clock }, engineer, model(id, metrics(100, 500)));
    expect(better.aliases).toEqual([]);
    expect(await championId(t.store, id)).toBe(first.id);

    const listed = await listModels(t.store, id);
    expect(listed.map((m) => [m.version, m.aliases])).toEqual([[3, []], [2, ['champion']], [1, []]]);
    expect(listed[1]).toEqual(first);
    const audit = await t.store.audit.list({ subject: `use-case:${id}` });
    expect(audit.filter((a) => a.action === 'model.promote')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'model.train')).toHaveLength(3);
  });

  it('loads a model once per version, and refuses a damaged artifact as MODEL_ARTIFACT_CORRUPT', async () => {
    const id = await useCase('press-b');
    const mv = await registerModel({ store: t.store, clock }, engineer, model(id, metrics(1, 2)));
    const record = (await t.store.modelVersions.get(mv.id))!;
    const cache = createModelCache(t.store);
    const loaded = await cache.get(record);
    expect(loaded.predictRow([4])).toBeGreaterThan(loaded.predictRow([1]));
    expect(await cache.get(record)).toBe(loaded);

    await t.store.db.updateTable('artifacts').set({ bytes: Buffer.from(MODEL_TEXT.replace('"binary"', '"binarx"')) }).where('sha256', '=', record.artifactSha256).execute();
    expect(await cache.get(record)).toBe(loaded); // versions are immutable: a loaded model stays valid
    const fresh = createModelCache(t.store);
    const corrupt = await rejection(fresh.get(record));
    expect(corrupt).toMatchObject({ code: 'MODEL_ARTIFACT_CORRUPT', status: 500 });
    expect((await rejection(fresh.get(record))).code).toBe('MODEL_ARTIFACT_CORRUPT'); // failures are not cached
  });

  it('refuses stored bytes that hash right but are no model, as MODEL_ARTIFACT_CORRUPT naming the version', async () => {
    const id = await useCase('press-c');
    const mv = await registerModel({ store: t.store, clock }, engineer, model(id, metrics(1, 2), '{"format":"something-else"}'));
    const e = await rejection(createModelCache(t.store).get((await t.store.modelVersions.get(mv.id))!));
    expect(e).toMatchObject({ code: 'MODEL_ARTIFACT_CORRUPT', details: { modelVersionId: mv.id, learnerCode: 'GBDT_MODEL_FORMAT' } });
  });
});
