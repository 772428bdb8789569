// The prediction-log storage suite every backend runs: batches all-or-nothing, newest-first pages, feedback, shadows, retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prediction, User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import type { Repositories, Store } from './store.js';
import { sha256Hex } from './repos/artifacts.js';
import type { NewPrediction } from './repos/predictions.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';

async function seedVersion(repos: Repositories) {
  const user: User = { id: newId('usr'), name: 'olga', role: 'operator', createdAt: T0 };
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

type Seed = Awaited<ReturnType<typeof seedVersion>>;

function output(s: Seed, id: string, score: number | null): Prediction {
  const act = score !== null && score >= 0.5;
  return {
    predictionId: id,
    score,
    decision: score === null ? null : { label: act ? 'alarm' : 'no alarm', act, expectedCost: 12.5, currency: 'EUR' },
    model: { id: s.model.id, version: s.model.version },
    path: score === null ? 'abstain' : 'champion',
    degraded: score === null,
    untrustedSensors: [],
    reasonCode: score === null ? 'NO_RULE' : null,
    reasons: [],
  };
}

/** A logged row of machine `entity` at `minute` minutes after T0. */
function logged(s: Seed, entity: string | null, minute: number, score: number | null = 0.7): NewPrediction {
  const id = newId('pred');
  return {
    id,
    useCaseId: 'machine-failure',
    entity,
    at: new Date(Date.parse(T0) + minute * 60_000).toISOString(),
    modelVersionId: s.model.id,
    role: 'champion',
    path: score === null ? 'abstain' : 'champion',
    input: { 'Torque [Nm]': 40 + minute, Type: 'L', ok: true, missing: null },
    output: output(s, id, score),
    latencyMs: 0.25,
  };
}

export function runPredictionsSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`prediction log on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let s: Seed;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      s = await seedVersion(store);
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    it('stores a batch and reads each row back with its decision, act and score copied out of the answer', async () => {
      const rows = [logged(s, 'M-1', 1), logged(s, 'M-2', 2, 0.2), logged(s, null, 3, null)];
      await store.transaction((tx) => tx.predictions.insertMany(rows));
      const [one, two, three] = await Promise.all(rows.map((r) => store.predictions.get(r.id)));
      expect(one).toEqual({ ...rows[0], decision: 'alarm', act: true, score: 0.7 });
      expect(two).toMatchObject({ decision: 'no alarm', act: false, score: 0.2, entity: 'M-2' });
      expect(three).toMatchObject({ decision: null, act: null, score: null, entity: null, path: 'abstain' });
      expect(await store.predictions.get('pred_none')).toBeNull();
    });

    it('keeps none of a batch when one row of it fails', async () => {
      const [first] = await store.predictions.list({ useCaseId: 'machine-failure', limit: 1 });
      const fresh = [logged(s, 'M-9', 4), logged(s, 'M-9', 5)];
      await expect(store.transaction((tx) => tx.predictions.insertMany([...fresh, { ...logged(s, 'M-9', 6), id: first!.id }]))).rejects.toThrow();
      expect(await store.predictions.get(fresh[0]!.id)).toBeNull();
      expect(await store.predictions.get(fresh[1]!.id)).toBeNull();
      expect(await store.predictions.list({ useCaseId: 'machine-failure', entity: 'M-9', limit: 10 })).toEqual([]);
    });

    it('lists newest first in pages that neither skip nor repeat rows sharing a timestamp, filtered by entity, time and path', async () => {
      const batch = [10, 11, 11, 11, 12, 13].map((m) => logged(s, 'M-3', m));
      await store.transaction((tx) => tx.predictions.insertMany(batch));
      const seen: string[] = [];
      let before: { at: string; id: string } | undefined;
      for (;;) {
        const page = await store.predictions.list({ useCaseId: 'machine-failure', entity: 'M-3', limit: 2, before });
        seen.push(...page.map((p) => p.id));
        if (page.length < 2) break;
        before = { at: page[1]!.at, id: page[1]!.id };
      }
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
      const ats = seen.map((id) => batch.find((b) => b.id === id)!.at);
      expect(ats).toEqual([...ats].sort().reverse());
      const window = await store.predictions.list({ useCaseId: 'machine-failure', from: batch[1]!.at, to: batch[4]!.at, limit: 50 });
      expect(window.map((p) => p.at)).toEqual([batch[1]!.at, batch[1]!.at, batch[1]!.at]);
      expect((await store.predictions.list({ useCaseId: 'machine-failure', path: 'abstain', limit: 50 })).map((p) => p.entity)).toEqual([null]);
      expect(await store.predictions.list({ useCaseId: 'other', limit: 50 })).toEqual([]);
    });

    it('keeps feedback in order, lists flagged rows (wrong or overridden) and finds an entity\'s predictions in a window', async () => {
      const [a, b, c] = [logged(s, 'M-4', 20), logged(s, 'M-4', 30), logged(s, 'M-4', 40)];
      await store.transaction((tx) => tx.predictions.insertMany([a!, b!, c!]));
      const base = { useCaseId: 'machine-failure', outcome: null, decision: null, reasonCode: null, note: '', by: s.user.id };
      await store.predictions.addFeedback([
        { ...base, id: newId('fb'), predictionId: a!.id, kind: 'wrong', at: '2024-03-02T00:00:00.000Z' },
        { ...base, id: newId('fb'), predictionId: a!.id, kind: 'outcome', outcome: 'No failure', at: '2024-03-02T01:00:00.000Z' },
        { ...base, id: newId('fb'), predictionId: b!.id, kind: 'override', decision: 'no alarm', reasonCode: 'SENSOR_RECALIBRATED', at: '2024-03-02T02:00:00.000Z' },
        { ...base, id: newId('fb'), predictionId: c!.id, kind: 'right', at: '2024-03-02T03:00:00.000Z' },
      ]);
      const fb = await store.predictions.feedbackOf([a!.id, b!.id]);
      expect(fb.map((f) => [f.predictionId, f.kind, f.outcome, f.decision, f.reasonCode])).toEqual([
        [a!.id, 'wrong', null, null, null],
        [a!.id, 'outcome', 'No failure', null, null],
        [b!.id, 'override', null, 'no alarm', 'SENSOR_RECALIBRATED'],
      ]);
      const flagged = await store.predictions.list({ useCaseId: 'machine-failure', entity: 'M-4', flagged: true, limit: 10 });
      expect(flagged.map((p) => p.id)).toEqual([b!.id, a!.id]);
      expect((await store.predictions.list({ useCaseId: 'machine-failure', entity: 'M-4', flagged: false, limit: 10 })).map((p) => p.id)).toEqual([c!.id]);
      // (from, to]: the row exactly at `from` is out, the one exactly at `to` is in.
      expect(await store.predictions.idsOfEntity('machine-failure', 'M-4', a!.at, c!.at)).toEqual([b!.id, c!.id]);
      expect(await store.predictions.idsOfEntity('machine-failure', 'M-5', a!.at, c!.at)).toEqual([]);
      await expect(store.predictions.addFeedback([{ ...base, id: newId('fb'), predictionId: 'pred_none', kind: 'right', at: T0 }])).rejects.toThrow();
    });

    it('stores shadow answers and failures, and prunes predictions, their feedback and shadows older than the cutoff', async () => {
      const old = logged(s, 'M-6', -600);
      const recent = logged(s, 'M-6', 600);
      await store.transaction((tx) => tx.predictions.insertMany([old, recent]));
      const shadow = { useCaseId: 'machine-failure', modelVersionId: s.model.id, mode: 'shadow' as const, latencyMs: 1.5 };
      await store.predictions.insertShadows([
        { ...shadow, predictionId: old.id, output: output(s, old.id, 0.4), error: null, at: old.at },
        { ...shadow, predictionId: recent.id, output: null, error: 'shadow threw: boom', at: recent.at },
      ]);
      expect(await store.predictions.shadowsOf(recent.id)).toEqual([{ predictionId: recent.id, modelVersionId: s.model.id, mode: 'shadow', output: null, error: 'shadow threw: boom', latencyMs: 1.5, at: recent.at }]);
      expect((await store.predictions.shadowsOf(old.id))[0]?.output?.score).toBe(0.4);
      await store.predictions.addFeedback([{ id: newId('fb'), predictionId: old.id, useCaseId: 'machine-failure', kind: 'wrong', outcome: null, decision: null, reasonCode: null, note: 'n', by: s.user.id, at: recent.at }]);
      const counts = await store.transaction((tx) => tx.predictions.prune(T0));
      expect(counts).toEqual({ predictions: 1, shadows: 1, feedback: 1 });
      expect(await store.predictions.get(old.id)).toBeNull();
      expect(await store.predictions.shadowsOf(old.id)).toEqual([]);
      expect(await store.predictions.get(recent.id)).not.toBeNull();
      expect(await store.predictions.shadowsOf(recent.id)).toHaveLength(1);
    });

    it('prunes the old predictions of every use case, and a large batch in one call', async () => {
      const other = await store.useCases.get('machine-failure');
      await store.useCases.insert({ ...other!, id: 'tool-wear', name: 'Tool wear' });
      const model = await store.modelVersions.insert({ id: newId('mv'), useCaseId: 'tool-wear', datasetVersionId: other!.datasetVersionId, params: {}, codeVersion: '0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: s.model.artifactSha256, createdAt: T0, createdBy: s.user.id });
      const wear = (minute: number): NewPrediction => ({ ...logged(s, 'T-1', minute), useCaseId: 'tool-wear', modelVersionId: model.id });
      const batch = Array.from({ length: 1500 }, (_, i) => (i % 2 === 0 ? logged(s, `M-${i % 7}`, -900 - i) : wear(-900 - i)));
      await store.transaction((tx) => tx.predictions.insertMany([...batch, wear(900), logged(s, 'M-1', 900)]));
      const before = new Date(Date.parse(T0) - 60_000).toISOString();
      const counts = await store.transaction((tx) => tx.predictions.prune(before));
      expect(counts.predictions).toBe(1500);
      expect(await store.predictions.list({ useCaseId: 'tool-wear', limit: 10 })).toHaveLength(1);
      expect(await store.predictions.list({ useCaseId: 'machine-failure', to: before, limit: 10 })).toEqual([]);
    });
  });
}
