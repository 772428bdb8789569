// The facade the CLI uses: the loop end to end without HTTP, its own store when asked, and the errors it names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingProgress } from '@shopfloor/gbdt';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import { ensureAdmin } from './access/index.js';
import { manualClock } from './clock.js';
import { loadConfig } from './config.js';
import { openShopfloor, type Shopfloor } from './shopfloor.js';
import { openTestStore, type TestStore } from './store/index.js';

/** Readings of a press line; `failure` follows torque and temperature, `coinflip` follows nothing. */
function pressCsv(rows: number, firstSerial = 1): string {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['serial,Torque [Nm],Temperature [K],Type,failure,coinflip'];
  for (let r = 0; r < rows; r++) {
    const torque = 20 + 40 * rand();
    const temp = 300 + 10 * rand();
    const failure = (torque - 45) / 5 + (temp - 305) / 2 + rand() * 1.5 > 3 ? 1 : 0;
    lines.push([firstSerial + r, torque.toFixed(2), temp.toFixed(2), ['H', 'L', 'M'][r % 3], failure, rand() < 0.5 ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const COSTS = { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 };
const FEATURES = [{ name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Temperature [K]', unit: 'K' }, { name: 'Type' }];
const FAST = { params: { maxIter: 30 } };

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

describe('the Shopfloor facade', () => {
  let t: TestStore;
  let sf: Shopfloor;
  let admin: User;
  let v1: string;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const clock = manualClock('2024-05-01T06:00:00.000Z');
    sf = await openShopfloor({ config: loadConfig({ SHOPFLOOR_TIME_ZONE: 'Europe/Berlin', SHOPFLOOR_LOG_LEVEL: 'silent' }), clock, store: t.store });
    admin = (await ensureAdmin({ store: t.store, clock })).user;
    v1 = (await sf.importDataset(admin, Buffer.from(pressCsv(1500)), { name: 'press', fileName: 'press.csv' })).version.id;
  });
  afterAll(async () => {
    await sf?.close();
    await t?.cleanup();
  });

  it('trains with progress, registers a champion and predicts with it', async () => {
    await sf.createUseCase(admin, { id: 'press-failure', name: 'Press failure', task: 'binary', datasetVersionId: v1, target: 'failure', features: FEATURES, costs: COSTS });
    const progress: TrainingProgress[] = [];
    const model = await sf.train(admin, 'press-failure', FAST, (p) => progress.push(p));
    expect(progress).toHaveLength(30);
    expect(progress[29]).toMatchObject({ iteration: 30, maxIter: 30 });
    expect(progress[0]!.validLoss).toBeGreaterThan(0);
    expect(model).toMatchObject({ version: 1, aliases: ['champion'], datasetVersionId: v1 });
    expect(model.codeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect((await sf.getUseCase('press-failure')).championVersionId).toBe(model.id);

    const answer = await sf.predict('press-failure', { row: { 'Torque [Nm]': 58, 'Temperature [K]': 309, Type: 'M' } });
    expect(answer.useCaseId).toBe('press-failure');
    expect(answer.predictions[0]).toMatchObject({ model: { id: model.id, version: 1 }, decision: { act: true, label: 'alarm' } });
  });

  it('keeps the first champion when a later version trains, and lists versions newest first', async () => {
    const second = await sf.train(admin, 'press-failure', { params: { maxIter: 20, learningRate: 0.2 } });
    expect(second.aliases).toEqual([]);
    const models = await sf.listModels('press-failure');
    expect(models.map((m) => [m.version, m.aliases])).toEqual([[2, []], [1, ['champion']]]);
    expect(second.params).toMatchObject({ maxIter: 20, learningRate: 0.2 });
  });

  it('trains on a newer dataset version without its frozen benchmark rows', async () => {
    // v2 = the 1,500 rows again plus 500 new ones: serials 1..2000, test = serial % 5 == 0 as before.
    const more = pressCsv(500, 1501).split('\n').slice(1).join('\n');
    const v2 = (await sf.importDataset(admin, Buffer.from(pressCsv(1500) + more), { name: 'press' })).version;
    expect(v2.rowCount).toBe(2000);
    const model = await sf.train(admin, 'press-failure', { ...FAST, datasetVersionId: v2.id });
    expect(model.datasetVersionId).toBe(v2.id);
    expect(model.metrics.nTest).toBe(400);
  });

  it('registers but does not crown a model that saves nothing against doing nothing', async () => {
    // A false alarm costs far more than a miss: no threshold beats "never alarm", so no champion.
    const costs = { ...COSTS, trueAlarmSaves: 5, falseAlarmCosts: 100_000, missCosts: 10 };
    await sf.createUseCase(admin, { id: 'coinflip', name: 'Coin flip', task: 'binary', datasetVersionId: v1, target: 'coinflip', features: FEATURES, costs });
    const model = await sf.train(admin, 'coinflip', FAST);
    expect(model.metrics.expectedCostPer1000).toBeGreaterThanOrEqual(model.metrics.baselineCostPer1000);
    expect(model.aliases).toEqual([]);
    expect((await rejection(sf.predict('coinflip', { row: { 'Torque [Nm]': 40, 'Temperature [K]': 305, Type: 'H' } }))).code).toBe('MODEL_NO_CHAMPION');
  });

  it('names the problem: unknown use case, bad parameter, bad request', async () => {
    expect((await rejection(sf.train(admin, 'nope', {}))).code).toBe('USE_CASE_NOT_FOUND');
    expect((await rejection(sf.listModels('nope'))).code).toBe('USE_CASE_NOT_FOUND');
    expect((await rejection(sf.predict('nope', { row: {} }))).code).toBe('USE_CASE_NOT_FOUND');
    expect((await rejection(sf.train(admin, 'press-failure', { params: { maxDepth: 0 } }))).details).toMatchObject({ param: 'maxDepth' });
    expect((await rejection(sf.predict('press-failure', { row: {}, rows: [] }))).code).toBe('VALIDATION_FAILED');
    const invalid = await rejection(sf.createUseCase(admin, { id: 'Bad Id', name: 'x', task: 'binary', datasetVersionId: v1, target: 'failure', features: FEATURES, costs: COSTS }));
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'id' }] } });
  });
});

describe('openShopfloor without a store', () => {
  it('opens and migrates SQLite in the data directory, and closes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopfloor-facade-'));
    try {
      const sf = await openShopfloor({ config: loadConfig({ SHOPFLOOR_DATA_DIR: dataDir, SHOPFLOOR_TIME_ZONE: 'UTC' }) });
      expect(sf.store.where).toBe(`sqlite:${join(dataDir, 'shopfloor.db')}`);
      expect(await sf.listDatasets()).toEqual([]);
      await sf.close();
      await expect(sf.store.ping()).rejects.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
