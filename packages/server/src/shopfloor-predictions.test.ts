// Prediction-log retention through the facade: what is older than the configured days goes, 0 keeps all, and the server's schedule runs it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Prediction } from '@shopfloor/contracts';
import { manualClock } from './clock.js';
import { createPredictionLog, type LoggedPrediction, type PredictionLog } from './serve/index.js';
import { createPredictionLogFacade } from './shopfloor-predictions.js';
import { newId, openTestStore, sha256Hex, type PruneCounts, type TestStore } from './store/index.js';

const T0 = '2024-01-01T00:00:00.000Z';
const DAY = 86_400_000;

describe('prediction log retention', () => {
  let t: TestStore;
  let log: PredictionLog;
  let modelVersionId: string;
  const clock = manualClock('2024-06-01T00:00:00.000Z');
  const loggedAt = (daysAgo: number): LoggedPrediction => {
    const id = newId('pred');
    const output: Prediction = { predictionId: id, score: 0.9, decision: { label: 'alarm', act: true, expectedCost: 1, currency: 'EUR' }, model: { id: modelVersionId, version: 1 }, path: 'champion', degraded: false, untrustedSensors: [], reasonCode: null, reasons: [] };
    return { id, useCaseId: 'press', entity: 'P-1', at: new Date(clock.now().getTime() - daysAgo * DAY).toISOString(), modelVersionId, role: 'champion', path: 'champion', input: { force: 1 }, output, latencyMs: 0.2 };
  };

  beforeEach(async () => {
    t = await openTestStore('sqlite');
    const { store } = t;
    await store.users.insert({ id: 'usr_1', name: 'erin', role: 'engineer', createdAt: T0 });
    const { version } = await store.datasetVersions.insert({ id: sha256Hex(Buffer.from('f')), datasetId: (await store.datasets.ensure({ id: 'ds_1', name: 'press', createdAt: T0 })).id, fileName: 'p.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: await store.artifacts.put('dataset', Buffer.from('t'), T0), createdAt: T0, createdBy: 'usr_1' });
    await store.useCases.insert({ id: 'press', name: 'Press', task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: 'usr_1' });
    modelVersionId = (await store.modelVersions.insert({ id: newId('mv'), useCaseId: 'press', datasetVersionId: version.id, params: {}, codeVersion: '0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: await store.artifacts.put('model', Buffer.from('m'), T0), createdAt: T0, createdBy: 'usr_1' })).id;
    log = createPredictionLog(store);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await log.close();
    await t.cleanup();
  });

  it('removes predictions older than the retention period and keeps the rest; 0 days keeps everything', async () => {
    const [old, recent] = [loggedAt(91), loggedAt(89)];
    await log.append([old, recent]);
    expect(await createPredictionLogFacade({ store: t.store, clock, log, retentionDays: 0 }).pruneExpired()).toBeNull();
    expect(await t.store.predictions.get(old.id)).not.toBeNull();
    const facade = createPredictionLogFacade({ store: t.store, clock, log }); // default 90 days
    expect(await facade.pruneExpired()).toEqual({ predictions: 1, shadows: 0, feedback: 0 });
    expect(await t.store.predictions.get(old.id)).toBeNull();
    expect(await t.store.predictions.get(recent.id)).not.toBeNull();
  });

  it('prunes on the schedule the server starts, and not after it is stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await log.append([loggedAt(200), loggedAt(150)]);
    const facade = createPredictionLogFacade({ store: t.store, clock, log, retentionDays: 30 });
    const results: (PruneCounts | null)[] = [];
    let told!: () => void;
    let next = new Promise<void>((resolve) => (told = resolve));
    const stop = facade.startRetention((err, counts) => {
      expect(err).toBeNull();
      results.push(counts);
      told();
    });
    expect(results).toEqual([]);
    vi.advanceTimersByTime(60_000);
    await next;
    expect(results).toEqual([{ predictions: 2, shadows: 0, feedback: 0 }]);
    next = new Promise<void>((resolve) => (told = resolve));
    await log.append([loggedAt(31)]);
    vi.advanceTimersByTime(3_600_000);
    await next;
    expect(results[1]).toEqual({ predictions: 1, shadows: 0, feedback: 0 });
    stop();
    vi.advanceTimersByTime(10 * 3_600_000);
    expect(results).toHaveLength(2);
  });
});
