// Shared by the alert tests: a store holding one use case, and served predictions that act or not.
import type { User } from '@shopfloor/contracts';
import { newId, openTestStore, sha256Hex, type Backend, type TestStore } from '../../store/index.js';
import type { ServedPrediction } from './dispatcher.js';

export const T0 = '2024-05-01T06:00:00.000Z';

/** A migrated test store with an operator and the use cases named (on a one-row dataset). */
export async function storeWithUseCases(backend: Backend, useCaseIds: readonly string[]): Promise<{ testStore: TestStore; operator: User }> {
  const testStore = await openTestStore(backend);
  const { store } = testStore;
  const operator: User = { id: newId('usr'), name: `operator-${newId('n')}`, role: 'operator', createdAt: T0 };
  await store.users.insert(operator);
  const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
  const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'mill', createdAt: T0 });
  const { version } = await store.datasetVersions.insert({
    id: sha256Hex(Buffer.from(`file-${newId('f')}`)), datasetId: dataset.id, fileName: 'mill.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: operator.id,
  });
  for (const id of useCaseIds) {
    await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: operator.id });
  }
  return { testStore, operator };
}

export function served(useCaseId: string, act: boolean, entity: string | null = 'M-7', score = act ? 0.91 : 0.04): ServedPrediction {
  const id = newId('pred');
  return {
    id,
    useCaseId,
    entity,
    at: T0,
    modelVersionId: 'mv_test',
    output: {
      predictionId: id,
      score,
      decision: { label: act ? 'alarm' : 'no alarm', act, expectedCost: 12.5, currency: 'EUR' },
      model: { id: 'mv_test', version: 3 },
      path: 'champion',
      degraded: false,
      untrustedSensors: [],
      reasonCode: null,
      reasons: [],
    },
  };
}
