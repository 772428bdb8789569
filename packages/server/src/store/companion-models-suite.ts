// The companion-model storage suite every backend runs: written once per (version, left-out input), read back intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanionModel, User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import type { Repositories, Store } from './store.js';
import { sha256Hex } from './repos/artifacts.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';

/** A user, a dataset version, a use case and one model version: what companions hang from. */
async function seedVersion(repos: Repositories) {
  const user: User = { id: newId('usr'), name: 'erin', role: 'engineer', createdAt: T0 };
  await repos.users.insert(user);
  const tableSha = await repos.artifacts.put('dataset', Buffer.from('table'), T0);
  const dataset = await repos.datasets.ensure({ id: newId('ds'), name: 'ai4i', createdAt: T0 });
  const { version } = await repos.datasetVersions.insert({
    id: sha256Hex(Buffer.from('file')),
    datasetId: dataset.id,
    fileName: 'ai4i2020.csv',
    format: 'csv',
    options: {},
    schema: [{ name: 'Torque [Nm]', kind: 'numeric' }],
    stats: {},
    rowCount: 10,
    artifactSha256: tableSha,
    createdAt: T0,
    createdBy: user.id,
  });
  const useCase = await repos.useCases.insert({ id: 'machine-failure', name: 'Machine failure', task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: user.id });
  const modelSha = await repos.artifacts.put('model', Buffer.from('model'), T0);
  const model = await repos.modelVersions.insert({ id: newId('mv'), useCaseId: useCase.id, datasetVersionId: version.id, params: {}, codeVersion: '0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: modelSha, createdAt: T0, createdBy: user.id });
  return { user, model };
}

function companion(s: Awaited<ReturnType<typeof seedVersion>>, leftOut: string, sha: string): CompanionModel {
  return {
    id: newId('cmp'),
    useCaseId: 'machine-failure',
    modelVersionId: s.model.id,
    version: s.model.version,
    leftOut,
    sensorId: null,
    criticalityRank: 1,
    robustnessRecordId: 'rob_1',
    inputs: ['Air temperature [K]', 'Type'],
    decisionRule: { kind: 'binary', threshold: 0.07 },
    metrics: { nTrain: 6400, nTest: 2000, auc: 0.92, expectedCostPer1000: 120_000, baselineCostPer1000: 170_000, trainSeconds: 0.2 },
    artifactSha256: sha,
    createdAt: T0,
    createdBy: s.user.id,
    trigger: 'training',
  };
}

export function runCompanionModelsSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`companion models on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    it('stores one companion per (version, left-out input), keeps the first of two, and reads them back by input', async () => {
      const s = await seedVersion(store);
      const sha = await store.artifacts.put('model', Buffer.from('companion without torque'), T0);
      const torque = companion(s, 'Torque [Nm]', sha);
      expect(await store.companionModels.insert(torque)).toBe(true);
      expect(await store.companionModels.insert({ ...torque, id: newId('cmp'), criticalityRank: 2 })).toBe(false);
      const wearSha = await store.artifacts.put('model', Buffer.from('companion without tool wear'), T0);
      const wear = companion(s, 'Tool wear [min]', wearSha);
      await store.companionModels.insert(wear);
      expect(await store.companionModels.get(s.model.id, 'Torque [Nm]')).toEqual(torque);
      expect(await store.companionModels.get(s.model.id, 'Air temperature [K]')).toBeNull();
      expect((await store.companionModels.list(s.model.id)).map((c) => c.leftOut)).toEqual(['Tool wear [min]', 'Torque [Nm]']); // by input name
      expect(await store.companionModels.list('mv_none')).toEqual([]);
    });

    it('refuses a companion whose model file is not stored', async () => {
      const [model] = await store.modelVersions.listForUseCase('machine-failure');
      const [first] = await store.companionModels.list(model!.id);
      await expect(store.companionModels.insert({ ...first!, id: newId('cmp'), leftOut: 'Rotational speed [rpm]', artifactSha256: 'f'.repeat(64) })).rejects.toThrow();
      expect(await store.companionModels.get(model!.id, 'Rotational speed [rpm]')).toBeNull();
    });
  });
}
