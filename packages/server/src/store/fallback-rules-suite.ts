// The fallback-rule storage suite every backend runs (fallback-rules.sqlite.test.ts, fallback-rules.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import { sha256Hex } from './repos/artifacts.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';
const T1 = '2024-03-01T09:00:00.000Z';

export function runFallbackRulesSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`fallback rules on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let user: User;
    const useCaseIds = ['mill-a', 'mill-b'];
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
      for (const id of useCaseIds) {
        await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: user.id });
      }
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    const entry = (useCaseId: string, rule: string | null, reason: string, at = T0) => ({
      id: newId('fbr'), useCaseId, action: rule === null ? ('removed' as const) : ('set' as const), rule, inputs: rule === null ? [] : ['Torque [Nm]'], reason, at, by: user.id,
    });

    it('has no rule for a use case that never had one', async () => {
      expect(await store.fallbackRules.latest('mill-a')).toBeNull();
      expect(await store.fallbackRules.history('mill-a')).toEqual([]);
    });

    it('numbers entries per use case and keeps every one, newest first, with a removal as the latest', async () => {
      const first = await store.fallbackRules.append(entry('mill-a', '`Torque [Nm]` > 60', 'first guess'));
      await store.fallbackRules.append(entry('mill-b', 'speed > 1', 'other line'));
      const second = await store.fallbackRules.append(entry('mill-a', '`Torque [Nm]` > 65', 'fewer false alarms', T1));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      expect(await store.fallbackRules.latest('mill-a')).toEqual(second);
      await store.fallbackRules.append(entry('mill-a', null, 'model is back', T1));
      const history = await store.fallbackRules.history('mill-a');
      expect(history.map((h) => [h.seq, h.action, h.rule, h.reason])).toEqual([
        [3, 'removed', null, 'model is back'],
        [2, 'set', '`Torque [Nm]` > 65', 'fewer false alarms'],
        [1, 'set', '`Torque [Nm]` > 60', 'first guess'],
      ]);
      expect(history[1]).toMatchObject({ inputs: ['Torque [Nm]'], at: T1, by: user.id, useCaseId: 'mill-a' });
      expect((await store.fallbackRules.latest('mill-a'))?.action).toBe('removed');
      expect((await store.fallbackRules.history('mill-b')).map((h) => h.seq)).toEqual([1]);
    });

    it('gives concurrent appends distinct numbers', async () => {
      const made = await Promise.all(Array.from({ length: 6 }, (_, i) => store.fallbackRules.append(entry('mill-b', `speed > ${i}`, 'race'))));
      expect(made.map((m) => m.seq).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    });

    it('refuses an entry for a use case that does not exist', async () => {
      await expect(store.fallbackRules.append(entry('no-such-case', 'speed > 1', 'x'))).rejects.toThrow();
    });
  });
}
