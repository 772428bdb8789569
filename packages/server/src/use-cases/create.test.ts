// Creating use cases against an imported dataset: defaults that fit the data, and every way a request can not fit it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { importDataset } from '../ingest/index.js';
import { openTestStore, type TestStore } from '../store/index.js';
import { createUseCase, getUseCase, listUseCases, loadBenchmark, loadUseCase, type UseCaseDeps } from './index.js';

/** 200 press readings: serial (row number), line (asset), time, sensors, and several candidate targets. */
function pressCsv(): string {
  const lines = ['serial,line,time,product,Torque [Nm],Temperature [K],Type,failure,status,mode,wear'];
  for (let r = 0; r < 200; r++) {
    const torque = 20 + ((r * 37) % 41);
    const temp = 300 + ((r * 13) % 11);
    const failure = torque > 52 && temp > 305 ? 1 : 0;
    const minute = String(r % 60).padStart(2, '0');
    const hour = String(8 + Math.floor(r / 60)).padStart(2, '0');
    lines.push(
      [r + 1, `press-${(r % 4) + 1}`, `2024-03-01 ${hour}:${minute}`, `P${1000 + r}x`, torque, temp, ['H', 'L', 'M'][r % 3], failure, failure ? 'fail' : 'ok', ['cold', 'hot', 'overload'][r % 3], torque * 3].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const BINARY = { kind: 'binary' as const, currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

describe('createUseCase', () => {
  let t: TestStore;
  let deps: UseCaseDeps;
  let datasetVersionId: string;
  const engineer: User = { id: 'usr_engineer', name: 'erin', role: 'engineer', createdAt: '2024-05-01T06:00:00.000Z' };
  let n = 0;
  const request = (over: Record<string, unknown> = {}) => ({
    id: `press-${++n}`,
    name: 'Press failure',
    decision: 'stop the press',
    task: 'binary' as const,
    datasetVersionId,
    target: 'failure',
    features: [{ name: 'Torque [Nm]', unit: 'Nm', sensorId: 'tq-1' }, { name: 'Temperature [K]', unit: 'K' }, { name: 'Type' }],
    costs: BINARY,
    ...over,
  });

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await t.store.users.insert(engineer);
    deps = { store: t.store, clock: manualClock('2024-05-01T06:00:00.000Z') };
    ({ version: { id: datasetVersionId } } = await importDataset({ ...deps, siteTimeZone: 'Europe/Berlin' }, engineer, Buffer.from(pressCsv()), { name: 'press' }));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('splits by the row-number key when there is no time or entity column, and describes the inputs from the training rows', async () => {
    const useCase = await createUseCase(deps, engineer, request({ id: 'press-failure' }));
    expect(useCase.split).toEqual({ kind: 'key', column: 'serial', modulo: 5, remainder: 0 });
    expect(useCase.classes).toEqual(['false', 'true']);
    expect(useCase.championVersionId).toBeNull();
    const [torque, temp, type] = useCase.inputs;
    expect(torque).toMatchObject({ name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', sensorId: 'tq-1', min: 20, max: 60 });
    expect(temp).toMatchObject({ kind: 'numeric', unit: 'K', min: 300, max: 310 });
    expect(type).toEqual({ name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] });
    expect(await getUseCase(t.store, 'press-failure')).toEqual(useCase);
    expect((await listUseCases(t.store)).map((u) => u.id)).toContain('press-failure');
    const stored = await loadUseCase(t.store, 'press-failure');
    expect(stored.split.rows).toEqual({ train: 160, test: 40, missingTarget: 0 });
    const benchmark = await loadBenchmark(t.store, stored);
    expect(benchmark.columns).toEqual(['serial']);
    expect(benchmark.keys).toHaveLength(40);
    expect(benchmark.keys.every((k) => Number(k) % 5 === 0)).toBe(true);
    expect((await t.store.audit.list({ subject: 'use-case:press-failure' })).map((a) => a.action)).toEqual(['use-case.create']);
  });

  it('splits by time when there is a time column, else by entity', async () => {
    const byTime = await createUseCase(deps, engineer, request({ timeColumn: 'time', entityColumn: 'line' }));
    expect(byTime.split).toEqual({ kind: 'time', column: 'time', testFraction: 0.2 });
    const byEntity = await createUseCase(deps, engineer, request({ entityColumn: 'line' }));
    expect(byEntity.split).toMatchObject({ kind: 'entity', column: 'line' });
    const given = await createUseCase(deps, engineer, request({ split: { kind: 'key', column: 'serial', modulo: 4, remainder: 1 } }));
    expect(given.split).toEqual({ kind: 'key', column: 'serial', modulo: 4, remainder: 1 });
  });

  it('maps the positive class of a text target from costs.positiveLabel', async () => {
    const useCase = await createUseCase(deps, engineer, request({ target: 'status', costs: { ...BINARY, positiveLabel: 'fail' } }));
    expect(useCase.classes).toEqual(['ok', 'fail']);
    const unclear = await rejection(createUseCase(deps, engineer, request({ target: 'status' })));
    expect(unclear).toMatchObject({ code: 'USE_CASE_INVALID', details: { part: 'costs', field: 'positiveLabel', classes: ['fail', 'ok'] } });
    const unknown = await rejection(createUseCase(deps, engineer, request({ target: 'status', costs: { ...BINARY, positiveLabel: 'broken' } })));
    expect(unknown.message).toContain('positiveLabel "broken"');
  });

  it('names every column the dataset lacks in one DATASET_COLUMN_MISSING', async () => {
    const e = await rejection(createUseCase(deps, engineer, request({ target: 'Failure', features: [{ name: 'Torque [Nm]' }, { name: 'Pressure [bar]' }], timeColumn: 'ts' })));
    expect(e.code).toBe('DATASET_COLUMN_MISSING');
    expect(e.status).toBe(422);
    expect(e.details['columns']).toEqual(['Failure', 'Pressure [bar]', 'ts']);
    expect(e.message).toContain('"Pressure [bar]" (feature)');
  });

  it.each([
    ['an id column as a feature', { features: [{ name: 'product' }] }, 'features', 'product'],
    ['a timestamp as a feature', { features: [{ name: 'time' }] }, 'features', 'time'],
    ['the target as a feature', { features: [{ name: 'failure' }] }, 'features', 'the target'],
    ['a feature listed twice', { features: [{ name: 'Type' }, { name: 'Type' }] }, 'features', 'twice'],
    ['a binary target with three classes', { target: 'mode' }, 'target', '3 classes'],
    ['a regression target that is text', { task: 'regression', target: 'mode', costs: { kind: 'regression', currency: 'EUR', actionThreshold: 1, earlyActionCosts: 1, lateActionCosts: 1 } }, 'target', 'numeric'],
    ['costs of another task', { task: 'regression', target: 'wear' }, 'costs', 'binary costs'],
    ['a cost matrix missing a class', { task: 'multiclass', target: 'mode', costs: { kind: 'multiclass', currency: 'EUR', classes: ['cold', 'hot'], matrix: [[0, 1], [1, 0]] } }, 'costs', 'overload'],
    ['a time column that is text', { timeColumn: 'line' }, 'timeColumn', 'categorical'],
    ['alarms that never pay', { costs: { ...BINARY, trueAlarmSaves: -300 } }, 'costs', 'trueAlarmSaves'],
  ])('refuses %s with USE_CASE_INVALID naming the part', async (_, over, part, words) => {
    const e = await rejection(createUseCase(deps, engineer, request(over)));
    expect(e.code).toBe('USE_CASE_INVALID');
    expect(e.details['part']).toBe(part);
    expect(e.message).toContain(words);
  });

  it('accepts a multiclass cost matrix over exactly the target classes, keeping its order', async () => {
    const classes = ['overload', 'cold', 'hot'];
    const useCase = await createUseCase(deps, engineer, request({ task: 'multiclass', target: 'mode', costs: { kind: 'multiclass', currency: 'EUR', classes, matrix: [[0, 9, 9], [1, 0, 1], [1, 1, 0]] } }));
    expect(useCase.classes).toEqual(classes);
  });

  it('refuses a taken id and an unknown dataset version', async () => {
    expect((await rejection(createUseCase(deps, engineer, request({ id: 'press-failure' })))).code).toBe('USE_CASE_EXISTS');
    expect((await rejection(createUseCase(deps, engineer, request({ datasetVersionId: 'nope' })))).code).toBe('DATASET_NOT_FOUND');
    expect((await rejection(getUseCase(t.store, 'nope'))).code).toBe('USE_CASE_NOT_FOUND');
  });
});
