// Frozen evaluation sets on SQLite and PostgreSQL: the pinned benchmark, append-only versions with stable hashes, every row source, and the errors a user meets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError, type EvaluationSetContent } from '@shopfloor/contracts';
import { manualClock } from '../../clock.js';
import { buildMatrix, modelFeatures, rowsOf } from '../../learn/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { appendEvaluationSet, declareModelTest, edgeSetTables, evaluationSetTable, listEvaluationSets, listModelTests, loadBenchmarkSet, loadEvaluationSet } from '../index.js';
import { openWearFixture, wearCsv, WEAR_USE_CASE, type WearFixture } from '../wear-fixture.js';

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

const TYPE_L = [{ column: 'Type', equals: 'L' }];

describe.each(['sqlite', 'postgres'] as const)('evaluation sets on %s', (backend) => {
  let f: WearFixture;
  const clock = manualClock('2024-06-01T08:00:00.000Z');
  const deps = () => ({ store: f.t.store, clock });
  const append = (body: Parameters<typeof appendEvaluationSet>[3]) => appendEvaluationSet(deps(), f.engineer, 'tool-wear', body);

  beforeAll(async () => {
    f = await openWearFixture(backend);
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('pins the benchmark: the rows of the frozen cells of the use case\'s dataset version, hash stable after a new import', async () => {
    const benchmark = await loadBenchmarkSet(f.t.store, 'tool-wear');
    expect(benchmark).toMatchObject({ name: 'benchmark', version: 1, datasetVersionId: f.datasetVersionId, keyColumns: ['cell'] });
    // cell % 4 == 0: cells 0, 4, ..., 88 of 91, six rows each.
    expect(benchmark.rowCount).toBe(23 * 6);
    expect(benchmark.rows.every((r) => Number(r['cell']) % 4 === 0)).toBe(true);
    expect(benchmark.rows[0]).toEqual({ row: '1', cell: 0, Type: 'H', wear: 0, temp: 290, failure: true });
    expect(benchmark.columns.map((c) => c.kind)).toEqual(['id', 'numeric', 'categorical', 'numeric', 'numeric', 'boolean']);
    const more = `${wearCsv()}547,91,L,260,330,1\n`;
    await f.shopfloor.importDataset(f.engineer, Buffer.from(more), { name: 'tool-wear', fileName: 'wear-2.csv' });
    const again = await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'benchmark' });
    expect(again).toEqual(benchmark);
    expect(again.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await rejection(loadEvaluationSet(f.t.store, 'tool-wear', { name: 'benchmark', version: 2 }))).code).toBe('EVALUATION_SET_NOT_FOUND');
  });

  it('creates a set from a slice of the benchmark, appends operator rows as version 2, and never changes version 1', async () => {
    const v1 = await append({ name: 'type-l', description: 'product type L', note: 'the L slice', source: { kind: 'slice', where: TYPE_L } });
    expect(v1).toMatchObject({ name: 'type-l', version: 1, rowCount: 46, addedRows: 46, created: true, skippedDuplicates: 0, source: { kind: 'slice', where: TYPE_L } });
    const first = await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l' });
    expect(first.hash).toBe(v1.hash);
    expect(first.rows.every((r) => r['Type'] === 'L')).toBe(true);

    const flagged = { row: 'op-1', cell: null, Type: 'L', wear: 230, temp: 310, failure: false };
    const v2 = await append({ name: 'type-l', note: 'operator: no failure at high wear', source: { kind: 'rows', rows: [flagged, { Type: 'L', wear: 10, temp: 310 }] } });
    expect(v2).toMatchObject({ version: 2, rowCount: 48, addedRows: 2, created: true, source: { kind: 'rows', count: 2 } });
    expect(v2.hash).not.toBe(v1.hash);
    const second = await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 2 });
    expect(second.rows.slice(0, 46)).toEqual(first.rows);
    expect(second.rows.slice(46)).toEqual([flagged, { row: null, cell: null, Type: 'L', wear: 10, temp: 310, failure: null }]);
    expect(await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 1 })).toEqual(first);

    const repeat = await append({ name: 'type-l', note: 'same rows again', source: { kind: 'rows', rows: [flagged] } });
    expect(repeat).toMatchObject({ version: 2, created: false, skippedDuplicates: 1, hash: v2.hash });
    const [listed] = await listEvaluationSets(f.t.store, 'tool-wear');
    expect(listed).toMatchObject({ name: 'type-l', description: 'product type L' });
    expect(listed!.versions.map((v) => [v.version, v.rowCount, v.hash])).toEqual([[1, 46, v1.hash], [2, 48, v2.hash]]);
    const audit = (await f.t.store.audit.list({ subject: 'use-case:tool-wear' })).filter((a) => a.action === 'evaluation-set.append');
    expect(audit).toHaveLength(2);
  });

  it('hashes content: the same rows in another set give the same hash', async () => {
    const a = await append({ name: 'same-a', note: '', source: { kind: 'slice', where: TYPE_L } });
    const b = await append({ name: 'same-b', note: '', source: { kind: 'slice', where: TYPE_L } });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toBe((await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 1 })).hash);
  });

  it('takes rows by number from a dataset version and by a sensor-health state', async () => {
    const byNumber = await append({ name: 'flagged', note: '', source: { kind: 'row-numbers', rows: [1, 546] } });
    expect(byNumber).toMatchObject({ version: 1, rowCount: 2, source: { kind: 'row-numbers', datasetVersionId: f.datasetVersionId, rows: [1, 546] } });
    const rows = (await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'flagged' })).rows;
    expect(rows.map((r) => r['row'])).toEqual(['1', '546']);
    const cold = await append({ name: 'cold-sensor', note: '', source: { kind: 'sensor-health', sensor: 'temp', state: 'reads-cold', where: [{ column: 'temp', max: 290 }] } });
    // Cells at 290 K are 7i; frozen ones have 7i % 4 == 0, so i = 0, 4, 8, 12: four cells of six rows.
    expect(cold.rowCount).toBe(24);
    expect(cold.source).toMatchObject({ kind: 'sensor-health', sensor: 'temp', state: 'reads-cold' });
  });

  it('appends concurrently without losing a row or reusing a version', async () => {
    const results = await Promise.all([0, 1, 2, 3].map((k) => append({ name: 'parallel', note: '', source: { kind: 'rows', rows: [{ Type: 'M', wear: 100 + k, temp: 300 }] } })));
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    const newest = await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'parallel' });
    expect(newest).toMatchObject({ version: 4, rowCount: 4 });
    expect(newest.rows.map((r) => r['wear']).sort()).toEqual([100, 101, 102, 103]);
  });

  it.each([
    ['the reserved name', { name: 'benchmark', note: '', source: { kind: 'slice', where: TYPE_L } }, 'name'],
    ['an unknown column', { name: 'x', note: '', source: { kind: 'rows', rows: [{ Type: 'L', wear: 1, temp: 300, speed: 3 }] } }, 'source.rows[0].speed'],
    ['a missing model input', { name: 'x', note: '', source: { kind: 'rows', rows: [{ Type: 'L', wear: 1 }] } }, 'source.rows[0].temp'],
    ['a level the model never saw', { name: 'x', note: '', source: { kind: 'rows', rows: [{ Type: 'XL', wear: 1, temp: 300 }] } }, 'source.rows[0].Type'],
    ['text where a number belongs', { name: 'x', note: '', source: { kind: 'rows', rows: [{ Type: 'L', wear: '1', temp: 300 }] } }, 'source.rows[0].wear'],
    ['an unknown target class', { name: 'x', note: '', source: { kind: 'rows', rows: [{ Type: 'L', wear: 1, temp: 300, failure: 2 }] } }, 'source.rows[0].failure'],
    ['a row past the end', { name: 'x', note: '', source: { kind: 'row-numbers', rows: [1, 547] } }, 'source.rows[1]'],
    ['a slice on an unknown column', { name: 'x', note: '', source: { kind: 'slice', where: [{ column: 'speed', equals: 1 }] } }, 'source.where[0].column'],
    ['a range on a category', { name: 'x', note: '', source: { kind: 'slice', where: [{ column: 'Type', min: 1 }] } }, 'source.where[0]'],
    ['a slice matching nothing', { name: 'x', note: '', source: { kind: 'slice', where: [{ column: 'wear', min: 1000 }] } }, 'source.where'],
  ] as const)('refuses %s with EVALUATION_SET_INVALID naming the field, storing nothing', async (_, body, field) => {
    const e = await rejection(append(body as Parameters<typeof append>[0]));
    expect(e).toMatchObject({ code: 'EVALUATION_SET_INVALID', status: 422, details: { field } });
    expect((await f.t.store.evaluationSets.get('tool-wear', 'x'))).toBeNull();
  });

  it('answers EVALUATION_SET_NOT_FOUND for an unknown set or version, USE_CASE_NOT_FOUND for an unknown use case', async () => {
    expect(await rejection(loadEvaluationSet(f.t.store, 'tool-wear', { name: 'nope' }))).toMatchObject({ code: 'EVALUATION_SET_NOT_FOUND', status: 404 });
    expect(await rejection(loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 9 }))).toMatchObject({ code: 'EVALUATION_SET_NOT_FOUND', details: { version: 9 } });
    expect((await rejection(loadEvaluationSet(f.t.store, 'nope', { name: 'type-l' }))).code).toBe('USE_CASE_NOT_FOUND');
  });

  it('gives a typed table learn\'s feature matrix reads with the model\'s category codes', async () => {
    const set: EvaluationSetContent = await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 2 });
    const useCase = await f.shopfloor.getUseCase('tool-wear');
    const table = evaluationSetTable(set, useCase.inputs);
    const features = modelFeatures(table, useCase.inputs);
    expect(features[0]).toEqual({ name: 'Type', type: 'categorical', categories: ['H', 'L', 'M'] });
    const matrix = buildMatrix(table, features, rowsOf(new Uint8Array(table.rows).fill(1)));
    expect(Array.from(matrix.values.subarray(46 * 3, 48 * 3))).toEqual([1, 230, 310, 1, 10, 310]);
  });

  it('hands the comparison every edge-case set (or the named versions) as typed tables with their references', async () => {
    const stored = await loadUseCase(f.t.store, 'tool-wear');
    const all = await edgeSetTables(f.t.store)(stored, undefined);
    expect(all.map((s) => s.ref.name)).toEqual(['cold-sensor', 'flagged', 'parallel', 'same-a', 'same-b', 'type-l']);
    const [old] = await edgeSetTables(f.t.store)(stored, ['type-l@1']);
    expect(old!.ref).toEqual({ name: 'type-l', version: 1, hash: (await loadEvaluationSet(f.t.store, 'tool-wear', { name: 'type-l', version: 1 })).hash, rows: 46 });
    expect(old!.table.rows).toBe(46);
    expect(old!.rows).toHaveLength(46);
    expect((await rejection(edgeSetTables(f.t.store)(stored, ['type-l@3']))).code).toBe('EVALUATION_SET_NOT_FOUND');
  });

  it('stores model tests once per name and refuses one that does not fit the use case', async () => {
    const spec = { name: 'recall on L', kind: 'minimum-metric' as const, description: '', set: { name: 'benchmark' }, slice: TYPE_L, metric: 'recall' as const, threshold: 0.6 };
    const test = await declareModelTest(deps(), f.engineer, 'tool-wear', spec);
    expect(test).toMatchObject({ useCaseId: 'tool-wear', spec, createdBy: f.engineer.id });
    expect(await listModelTests(f.t.store, 'tool-wear')).toEqual([test]);
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...spec, threshold: 0.9 }))).toMatchObject({ code: 'MODEL_TEST_EXISTS', status: 409 });
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...spec, name: 'rmse', metric: 'rmse' }))).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'metric' } });
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...spec, name: 's', slice: [{ column: 'speed', equals: 1 }] }))).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'slice[0].column' } });
    expect((await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...spec, name: 'v', set: { name: 'type-l', version: 7 } }))).code).toBe('EVALUATION_SET_NOT_FOUND');
    const invariance = { name: 'i', kind: 'invariance' as const, description: '', set: { name: 'benchmark' }, slice: [], maxFlips: 0 };
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...invariance, input: 'speed' }))).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'input' } });
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...invariance, input: 'Type', values: ['XL'] }))).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'values[0]' } });
    expect(await rejection(declareModelTest(deps(), f.engineer, 'tool-wear', { ...invariance, input: 'Type', grid: { min: 0, max: 1, steps: 3 } }))).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'grid' } });
    expect(await listModelTests(f.t.store, 'tool-wear')).toHaveLength(1);
    expect(WEAR_USE_CASE.id).toBe('tool-wear');
  });
});
