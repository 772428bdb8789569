// The streaming-scoring settings suite every backend runs (streaming-scoring.sqlite.test.ts, streaming-scoring.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { sha256Hex } from './repos/artifacts.js';
import type { StreamingScoringRecord } from './repos/streaming-scoring.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';

export function runStreamingScoringSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`streaming scoring settings on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    const userId = newId('usr');
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      await store.users.insert({ id: userId, name: 'engineer', role: 'engineer', createdAt: T0 });
      const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
      const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'mill', createdAt: T0 });
      const { version } = await store.datasetVersions.insert({
        id: sha256Hex(Buffer.from('file')), datasetId: dataset.id, fileName: 'mill.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: userId,
      });
      for (const id of ['mill-a', 'mill-b']) {
        await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: userId });
      }
    });
    afterAll(async () => testStore?.cleanup());

    const setting = (useCaseId: string, enabled: boolean, intervalMs = 1000): StreamingScoringRecord => ({
      useCaseId, enabled, intervalMs, maxAgeMs: 30_000, sensors: { 'mill-1.torque': 'Torque [Nm]' }, constants: { Type: 'M', flag: true, none: null, n: 2.5 }, updatedAt: T0, updatedBy: userId,
    });

    it('stores a setting, replaces it whole, and lists only the enabled ones', async () => {
      expect(await store.streamingScoring.get('mill-a')).toBeNull();
      await store.streamingScoring.put(setting('mill-a', true));
      await store.streamingScoring.put(setting('mill-b', false));
      expect(await store.streamingScoring.get('mill-a')).toEqual(setting('mill-a', true));
      expect((await store.streamingScoring.listEnabled()).map((s) => s.useCaseId)).toEqual(['mill-a']);
      await store.streamingScoring.put(setting('mill-a', false, 5000));
      await store.streamingScoring.put(setting('mill-b', true, 7000));
      expect(await store.streamingScoring.get('mill-a')).toEqual(setting('mill-a', false, 5000));
      expect(await store.streamingScoring.listEnabled()).toEqual([setting('mill-b', true, 7000)]);
    });

    it('refuses a setting for a use case that does not exist', async () => {
      await expect(store.streamingScoring.put(setting('no-such-use-case', true))).rejects.toThrow();
    });
  });
}
