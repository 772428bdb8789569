// Migration 003 on both backends: aliases standing before it get one history event each, numbered per use case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import { openTestStore, type TestStore } from '../test-store.js';
import { registryMigration } from './003-registry.js';

const T0 = '2024-03-01T08:00:00.000Z';

describe.each(['sqlite', 'postgres'] as const)('migration 003 on %s', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('backfills one event per alias that existed before alias history was kept', async () => {
    const { store } = t;
    const user = { id: newId('usr'), name: 'erin', role: 'engineer' as const, createdAt: T0 };
    await store.users.insert(user);
    const sha = await store.artifacts.put('dataset', Buffer.from('t'), T0);
    const ds = await store.datasets.ensure({ id: newId('ds'), name: 'press', createdAt: T0 });
    const { version } = await store.datasetVersions.insert({ id: 'dv_1', datasetId: ds.id, fileName: 'p.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: user.id });
    const models: string[] = [];
    for (const uc of ['uc-a', 'uc-b']) {
      await store.useCases.insert({ id: uc, name: uc, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: user.id });
      const mv = await store.modelVersions.insert({ id: newId('mv'), useCaseId: uc, datasetVersionId: version.id, params: {}, codeVersion: '0.1.0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: sha, createdAt: T0, createdBy: user.id });
      models.push(mv.id);
    }
    // Back to the state before 003, with aliases set the old way, then forward again.
    const db = store.db as unknown as Kysely<unknown>;
    await registryMigration().down!(db);
    for (const alias of ['shadow', 'champion']) {
      await store.modelAliases.set({ useCaseId: 'uc-a', alias, modelVersionId: models[0]!, updatedAt: T0, updatedBy: user.id });
    }
    await store.modelAliases.set({ useCaseId: 'uc-b', alias: 'champion', modelVersionId: models[1]!, updatedAt: T0, updatedBy: user.id });
    await registryMigration().up(db);

    const a = await store.aliasEvents.listForUseCase('uc-a');
    expect(a.map((e) => [e.seq, e.alias, e.modelVersionId, e.previousModelVersionId, e.by, e.at])).toEqual([
      [2, 'shadow', models[0], null, user.id, T0],
      [1, 'champion', models[0], null, user.id, T0],
    ]);
    expect(a[0]?.reason).toBe('set before alias history was kept');
    expect((await store.aliasEvents.listForUseCase('uc-b')).map((e) => e.seq)).toEqual([1]);
    // A move after the backfill continues the numbering.
    const next = await store.aliasEvents.append({ id: newId('ale'), useCaseId: 'uc-a', alias: 'shadow', modelVersionId: null, previousModelVersionId: models[0]!, reason: '', at: T0, by: user.id });
    expect(next.seq).toBe(3);
  });
});
