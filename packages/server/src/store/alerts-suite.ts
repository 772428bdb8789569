// The alerts storage suite every backend runs (alerts.sqlite.test.ts, alerts.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import { sha256Hex } from './repos/artifacts.js';
import type { NewAlert } from './repos/alerts.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';

function at(minute: number): string {
  return new Date(Date.parse(T0) + minute * 60_000).toISOString();
}

export function runAlertsSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`alerts on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let operator: User;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      operator = { id: newId('usr'), name: 'operator', role: 'operator', createdAt: T0 };
      await store.users.insert(operator);
      const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
      const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'mill', createdAt: T0 });
      const { version } = await store.datasetVersions.insert({
        id: sha256Hex(Buffer.from('file')), datasetId: dataset.id, fileName: 'mill.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: operator.id,
      });
      for (const id of ['mill-a', 'mill-b']) {
        await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: operator.id });
      }
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    const alert = (useCaseId: string, minute: number, key: string, extra: Partial<NewAlert> = {}): NewAlert => ({
      id: newId('alr'), useCaseId, kind: 'decision', severity: 'critical', key, at: at(minute), entity: 'M-7', predictionId: key.replace('decision:', ''), modelVersionId: 'mv_1',
      message: 'stop the machine', details: { score: 0.93, decision: 'alarm' }, ...extra,
    });

    it('stores alerts as given and lists them newest first per use case', async () => {
      const a = alert('mill-a', 1, 'decision:pred_1');
      const b = alert('mill-a', 3, 'drift:Torque [Nm]', { kind: 'drift', severity: 'warning', entity: null, predictionId: null, details: { psi: 0.31, band: 'major' } });
      const c = alert('mill-b', 2, 'decision:pred_2');
      await store.alerts.insertMany([a, b, c]);
      expect(await store.alerts.get(a.id)).toEqual({ ...a, acknowledged: null });
      const listed = await store.alerts.list({ useCaseId: 'mill-a' });
      expect(listed.map((l) => l.id)).toEqual([b.id, a.id]);
      expect(listed[0]).toMatchObject({ kind: 'drift', severity: 'warning', entity: null, predictionId: null, details: { psi: 0.31, band: 'major' } });
      expect(await store.alerts.get('alr_none')).toBeNull();
    });

    it('acknowledges an open alert once, with who, when and note, and filters by state', async () => {
      const open = alert('mill-b', 10, 'decision:pred_10');
      await store.alerts.insertMany([open]);
      const ack = { at: at(12), by: operator.id, note: 'tool changed, machine restarted' };
      const done = await store.alerts.acknowledge(open.id, ack);
      expect(done).toEqual({ ...open, acknowledged: ack });
      expect(await store.alerts.acknowledge(open.id, { ...ack, note: 'again' })).toBeNull();
      expect((await store.alerts.get(open.id))?.acknowledged?.note).toBe('tool changed, machine restarted');
      expect(await store.alerts.acknowledge('alr_missing', ack)).toBeNull();
      expect((await store.alerts.list({ useCaseId: 'mill-b', state: 'acknowledged' })).map((l) => l.id)).toEqual([open.id]);
      expect((await store.alerts.list({ useCaseId: 'mill-b', state: 'open' })).every((l) => l.acknowledged === null)).toBe(true);
    });

    it('finds the open alert of a key and forgets it once acknowledged', async () => {
      const first = alert('mill-a', 20, 'drift:Tool wear [min]', { kind: 'drift' });
      await store.alerts.insertMany([first]);
      expect((await store.alerts.openWithKey('mill-a', 'drift:Tool wear [min]'))?.id).toBe(first.id);
      expect(await store.alerts.openWithKey('mill-b', 'drift:Tool wear [min]')).toBeNull();
      await store.alerts.acknowledge(first.id, { at: at(21), by: operator.id, note: '' });
      expect(await store.alerts.openWithKey('mill-a', 'drift:Tool wear [min]')).toBeNull();
    });

    it('limits and bounds the list by raise time', async () => {
      const many = Array.from({ length: 30 }, (_, i) => alert('mill-b', 100 + i, `decision:pred_m${i}`));
      await store.alerts.insertMany(many);
      const page = await store.alerts.list({ useCaseId: 'mill-b', from: at(110), to: at(119), limit: 5 });
      expect(page.map((p) => p.at)).toEqual([at(119), at(118), at(117), at(116), at(115)]);
    });

    it('counts open alerts per use case and kind', async () => {
      const counts = await store.alerts.countOpen();
      const open = async (useCaseId: string, kind: string) => (await store.alerts.list({ useCaseId, state: 'open', limit: 1000 })).filter((a) => a.kind === kind).length;
      expect(counts.map((c) => [c.useCaseId, c.kind])).toEqual([['mill-a', 'decision'], ['mill-a', 'drift'], ['mill-b', 'decision']]);
      for (const c of counts) expect(c.count).toBe(await open(c.useCaseId, c.kind));
    });

    it('refuses an alert for a use case that does not exist, storing none of the batch', async () => {
      const good = alert('mill-a', 200, 'decision:pred_ok');
      await expect(store.transaction((tx) => tx.alerts.insertMany([good, alert('no-such-case', 200, 'decision:x')]))).rejects.toThrow();
      expect(await store.alerts.get(good.id)).toBeNull();
    });
  });
}
