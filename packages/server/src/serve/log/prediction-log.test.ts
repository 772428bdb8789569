// The group-commit writer on both backends: one transaction per turn, promises after commit, failed batches kept out whole, shadow bounds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prediction } from '@shopfloor/contracts';
import { newId, openTestStore, sha256Hex, type Store, type TestStore } from '../../store/index.js';
import { createPredictionLog, type LoggedPrediction, type ShadowResult } from './prediction-log.js';

const T0 = '2024-03-01T08:00:00.000Z';

/** A use case and a model version for the log's foreign keys. */
async function seed(store: Store): Promise<string> {
  const userId = newId('usr');
  await store.users.insert({ id: userId, name: 'erin', role: 'engineer', createdAt: T0 });
  const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
  const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'ai4i', createdAt: T0 });
  const { version } = await store.datasetVersions.insert({ id: sha256Hex(Buffer.from('file')), datasetId: dataset.id, fileName: 'a.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: userId });
  await store.useCases.insert({ id: 'press', name: 'Press', task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: userId });
  const model = await store.modelVersions.insert({ id: newId('mv'), useCaseId: 'press', datasetVersionId: version.id, params: {}, codeVersion: '0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: await store.artifacts.put('model', Buffer.from('m'), T0), createdAt: T0, createdBy: userId });
  return model.id;
}

function row(modelVersionId: string, i: number, id = newId('pred')): LoggedPrediction {
  const output: Prediction = { predictionId: id, score: 0.1, decision: { label: 'no stop', act: false, expectedCost: 1, currency: 'EUR' }, model: { id: modelVersionId, version: 1 }, path: 'champion', degraded: false, untrustedSensors: [], reasonCode: null, reasons: [] };
  return { id, useCaseId: 'press', entity: `P-${i % 7}`, at: new Date(Date.parse(T0) + i).toISOString(), modelVersionId, role: 'champion', path: 'champion', input: { force: i }, output, latencyMs: 0.1 };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(['sqlite', 'postgres'] as const)('prediction log writer on %s', (backend) => {
  let t: TestStore;
  let mv: string;
  beforeEach(async () => {
    t = await openTestStore(backend);
    mv = await seed(t.store);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it('commits everything appended in one turn in one transaction, and each promise resolves with its row already stored', async () => {
    const log = createPredictionLog(t.store);
    const rows = Array.from({ length: 300 }, (_, i) => row(mv, i));
    const seenAtResolve = await Promise.all(rows.map((r) => log.append([r]).then(() => t.store.predictions.get(r.id))));
    expect(seenAtResolve.every((p) => p !== null)).toBe(true);
    expect(log.stats()).toMatchObject({ committed: 300, transactions: 1, failed: 0 });
    await log.close();
  });

  it('groups appends arriving over several turns into at most one transaction per turn', async () => {
    const log = createPredictionLog(t.store);
    const pending: Promise<void>[] = [];
    for (let wave = 0; wave < 5; wave++) {
      for (let i = 0; i < 40; i++) pending.push(log.append([row(mv, wave * 40 + i)]));
      await nextTurn();
    }
    await Promise.all(pending);
    const { committed, transactions } = log.stats();
    expect(committed).toBe(200);
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(5);
    expect(await t.store.predictions.list({ useCaseId: 'press', limit: 500 })).toHaveLength(200);
    await log.close();
  });

  it('rejects every caller of a batch whose commit failed and stores none of it, then keeps logging', async () => {
    const log = createPredictionLog(t.store);
    const first = row(mv, 1);
    await log.append([first]);
    const a = row(mv, 2);
    const b = row(mv, 3);
    const results = await Promise.allSettled([log.append([a]), log.append([b]), log.append([row(mv, 4, first.id)])]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(r.status === 'rejected' && r.reason).toMatchObject({ code: 'PREDICTION_LOG_FAILED' });
    }
    expect(await t.store.predictions.get(a.id)).toBeNull();
    expect(await t.store.predictions.get(b.id)).toBeNull();
    expect(log.stats()).toMatchObject({ committed: 1, failed: 3 });
    const c = row(mv, 5);
    await log.append([c]);
    expect(await t.store.predictions.get(c.id)).not.toBeNull();
    await log.close();
  });

  it('gathers shadow rows of many turns into one write, and writes a full batch at once', async () => {
    const log = createPredictionLog(t.store, { shadowFlushMs: 3_600_000, shadowBatch: 4 });
    const p = row(mv, 1);
    await log.append([p]);
    const shadow = (i: number): ShadowResult => ({ predictionId: p.id, useCaseId: 'press', modelVersionId: mv, mode: 'shadow', output: null, error: `slow ${i}`, latencyMs: 1, at: p.at });
    for (let i = 0; i < 3; i++) {
      log.appendShadow([shadow(i)]);
      await new Promise((resolve) => setImmediate(resolve));
      await log.append([row(mv, 10 + i)]); // prediction groups commit meanwhile; the shadow rows wait for their batch
    }
    expect(await t.store.predictions.shadowsOf(p.id)).toEqual([]);
    log.appendShadow([shadow(3)]); // the fourth row fills the batch: written without waiting for the timer
    for (let i = 0; i < 100 && log.stats().shadowWritten < 4; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await t.store.predictions.shadowsOf(p.id)).map((s) => s.error)).toEqual(['slow 0', 'slow 1', 'slow 2', 'slow 3']);
    log.appendShadow([shadow(4)]);
    await log.close(); // close writes what is still gathering
    expect(log.stats()).toMatchObject({ shadowWritten: 5, shadowDropped: 0 });
  });

  it('keeps at most the queue bound of shadow rows, counts the rest as dropped, and counts a refused batch as lost', async () => {
    const errors: number[] = [];
    const log = createPredictionLog(t.store, { shadowQueueLimit: 5, onShadowError: (_e, n) => errors.push(n) });
    const p = row(mv, 1);
    await log.append([p]);
    const shadow = (i: number): ShadowResult => ({ predictionId: p.id, useCaseId: 'press', modelVersionId: mv, mode: 'shadow', output: null, error: `timeout ${i}`, latencyMs: 50, at: p.at });
    log.appendShadow(Array.from({ length: 8 }, (_, i) => shadow(i)));
    expect(log.stats().shadowDropped).toBe(3);
    await log.close();
    expect(log.stats()).toMatchObject({ shadowWritten: 5, shadowDropped: 3 });
    expect((await t.store.predictions.shadowsOf(p.id)).map((s) => s.error)).toEqual(['timeout 0', 'timeout 1', 'timeout 2', 'timeout 3', 'timeout 4']);

    const broken = createPredictionLog(t.store, { onShadowError: (_e, n) => errors.push(n) });
    broken.appendShadow([shadow(8), { ...shadow(9), useCaseId: null as unknown as string }]); // NOT NULL refuses the batch
    await broken.close();
    expect(broken.stats()).toMatchObject({ shadowWritten: 0, shadowDropped: 2 });
    expect(errors).toEqual([2]);
  });

  it('writes what is queued on close, refuses appends afterwards, and prunes by cutoff', async () => {
    const log = createPredictionLog(t.store);
    const early = row(mv, 0);
    const late = { ...row(mv, 1), at: '2024-06-01T00:00:00.000Z' };
    const pending = log.append([early, late]);
    await log.close();
    await pending;
    expect(await t.store.predictions.get(late.id)).not.toBeNull();
    await expect(log.append([row(mv, 2)])).rejects.toMatchObject({ code: 'PREDICTION_LOG_FAILED' });
    expect(await log.prune(new Date('2024-05-01T00:00:00.000Z'))).toEqual({ predictions: 1, shadows: 0, feedback: 0 });
    expect(await t.store.predictions.get(early.id)).toBeNull();
    expect(await t.store.predictions.get(late.id)).not.toBeNull();
  });
});
