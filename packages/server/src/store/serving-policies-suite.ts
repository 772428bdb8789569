// The serving-policy storage suite every backend runs (serving-policies.sqlite.test.ts, serving-policies.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import { sha256Hex } from './repos/artifacts.js';
import type { NewServingPolicy } from './repos/serving-policies.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';
const T1 = '2024-03-01T09:00:00.000Z';

export function runServingPoliciesSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`serving policies on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let user: User;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      user = { id: newId('usr'), name: 'engineer', role: 'engineer', createdAt: T0 };
      await store.users.insert(user);
      const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
      const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'mill', createdAt: T0 });
      const { version } = await store.datasetVersions.insert({
        id: sha256Hex(Buffer.from('file')), datasetId: dataset.id, fileName: 'mill.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: user.id,
      });
      for (const id of ['mill-a', 'mill-b']) {
        await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: user.id });
      }
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    const entry = (useCaseId: string, fields: Partial<NewServingPolicy>, at = T0): NewServingPolicy => ({
      id: newId('svp'), useCaseId, outOfRange: 'fallback', lowConfidenceBand: null, modelTimeoutMs: 250, reason: 'test', at, by: user.id, ...fields,
    });

    it('has no policy for a use case that never had one', async () => {
      expect(await store.servingPolicies.latest('mill-a')).toBeNull();
      expect(await store.servingPolicies.history('mill-a')).toEqual([]);
    });

    it('numbers entries per use case, keeps every one newest first, and reads back a fractional band and a null one', async () => {
      const first = await store.servingPolicies.append(entry('mill-a', { lowConfidenceBand: 0.35, reason: 'unsure rows to the rule' }));
      await store.servingPolicies.append(entry('mill-b', { outOfRange: 'flag' }));
      const second = await store.servingPolicies.append(entry('mill-a', { outOfRange: 'flag', lowConfidenceBand: null, modelTimeoutMs: 40, reason: 'new sensor range' }, T1));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      expect(await store.servingPolicies.latest('mill-a')).toEqual(second);
      const history = await store.servingPolicies.history('mill-a');
      expect(history.map((h) => [h.seq, h.outOfRange, h.lowConfidenceBand, h.modelTimeoutMs, h.reason])).toEqual([
        [2, 'flag', null, 40, 'new sensor range'],
        [1, 'fallback', 0.35, 250, 'unsure rows to the rule'],
      ]);
      expect(history[0]).toMatchObject({ at: T1, by: user.id, useCaseId: 'mill-a' });
      expect((await store.servingPolicies.history('mill-b')).map((h) => h.seq)).toEqual([1]);
    });

    it('gives concurrent appends distinct numbers', async () => {
      const made = await Promise.all(Array.from({ length: 5 }, (_, i) => store.servingPolicies.append(entry('mill-b', { modelTimeoutMs: 100 + i }))));
      expect(made.map((m) => m.seq).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    });

    it('refuses an entry for a use case that does not exist', async () => {
      await expect(store.servingPolicies.append(entry('no-such-case', {}))).rejects.toThrow();
    });
  });
}
