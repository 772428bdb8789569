// The store-backed import on both backends: content-addressed versions, the typed table read back, nothing kept of a failure.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, type Store, type TestStore } from '../store/index.js';
import { getDatasetVersion, importDataset, listDatasetVersions, loadDatasetTable, type ImportDeps } from './import.js';

const CSV = [
  'asset;time;Torque [Nm];state;ok',
  'press-1;2024-03-01 08:00;42,5;run;yes',
  'press-2;2024-03-01 08:01;;idle;no',
  'press-1;2024-03-01 08:02;39,0;run;yes',
  '',
].join('\r\n');

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

async function countRows(store: Store): Promise<{ artifacts: number; datasets: number; versions: number }> {
  const count = async (table: 'artifacts' | 'datasets' | 'dataset_versions') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { artifacts: await count('artifacts'), datasets: await count('datasets'), versions: await count('dataset_versions') };
}

describe.each(['sqlite', 'postgres'] as const)('importDataset on %s', (backend) => {
  let t: TestStore;
  let deps: ImportDeps;
  const clock = manualClock('2024-05-01T06:00:00.000Z');
  const engineer: User = { id: 'usr_engineer', name: 'erin', role: 'engineer', createdAt: '2024-05-01T06:00:00.000Z' };

  beforeAll(async () => {
    t = await openTestStore(backend);
    await t.store.users.insert(engineer);
    deps = { store: t.store, clock, siteTimeZone: 'Europe/Berlin' };
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('stores a version with schema and statistics, and returns the same version for the same file', async () => {
    const first = await importDataset(deps, engineer, Buffer.from(CSV), { name: 'presses', fileName: 'presses.csv' });
    expect(first.created).toBe(true);
    expect(first.version).toMatchObject({ datasetName: 'presses', fileName: 'presses.csv', format: 'csv', rowCount: 3, createdBy: engineer.id });
    expect(first.version.columns.map((c) => [c.name, c.kind])).toEqual([
      ['asset', 'categorical'],
      ['time', 'timestamp'],
      ['Torque [Nm]', 'numeric'],
      ['state', 'categorical'],
      ['ok', 'boolean'],
    ]);
    expect(first.version.columns[2]!.stats).toMatchObject({ count: 2, missing: 1, min: 39, max: 42.5 });

    clock.advance(60_000);
    const again = await importDataset(deps, engineer, Buffer.from(CSV), { name: 'presses', fileName: 'renamed.csv' });
    expect(again.created).toBe(false);
    expect(again.version).toEqual(first.version);
    expect(await getDatasetVersion(t.store, first.version.id)).toEqual(first.version);
    const audit = await t.store.audit.list({ subject: `dataset-version:${first.version.id}` });
    expect(audit.map((a) => a.action)).toEqual(['dataset.import']);
  });

  it('gives another dataset name or other options a version of its own, sharing the stored table when it is identical', async () => {
    const before = await countRows(t.store);
    const other = await importDataset(deps, engineer, Buffer.from(CSV), { name: 'presses-copy' });
    const presses = (await listDatasetVersions(t.store)).find((v) => v.datasetName === 'presses')!;
    expect(other.created).toBe(true);
    expect(other.version.id).not.toBe(presses.id);
    expect(await countRows(t.store)).toEqual({ artifacts: before.artifacts, datasets: before.datasets + 1, versions: before.versions + 1 });

    clock.advance(60_000);
    const asText = await importDataset(deps, engineer, Buffer.from(CSV), { name: 'presses', columnKinds: JSON.stringify({ ok: 'categorical' }) });
    expect(asText.created).toBe(true);
    expect(asText.version.columns[4]).toMatchObject({ name: 'ok', kind: 'categorical', inferred: 'boolean' });
    const listed = await listDatasetVersions(t.store);
    expect(listed[0]!.id).toBe(asText.version.id);
  });

  it('reads the typed table back from its artifact exactly as it was typed', async () => {
    const { version } = await importDataset(deps, engineer, Buffer.from(CSV), { name: 'presses' });
    const { table } = await loadDatasetTable(t.store, version.id);
    expect(table.rows).toBe(3);
    const [asset, time, torque, , ok] = table.columns;
    expect(asset).toEqual({ name: 'asset', kind: 'categorical', codes: Int32Array.from([0, 1, 0]), levels: ['press-1', 'press-2'] });
    expect(time).toEqual({ name: 'time', kind: 'timestamp', values: Float64Array.from([Date.UTC(2024, 2, 1, 7, 0), Date.UTC(2024, 2, 1, 7, 1), Date.UTC(2024, 2, 1, 7, 2)]) });
    expect(Array.from((torque as { values: Float64Array }).values)).toEqual([42.5, Number.NaN, 39]);
    expect(ok).toEqual({ name: 'ok', kind: 'boolean', values: Uint8Array.from([1, 0, 1]) });
  });

  it('imports Parquet bytes', async () => {
    const bytes = parquetWriteBuffer({ columnData: [{ name: 'Torque [Nm]', data: [40.5, 41.25], type: 'DOUBLE' }] });
    const { version } = await importDataset(deps, engineer, new Uint8Array(bytes), { name: 'torque', format: 'parquet' });
    expect(version).toMatchObject({ format: 'parquet', fileName: 'torque.parquet', rowCount: 2 });
  });

  it('rejects a malformed CSV naming file, line and column, and stores nothing', async () => {
    const before = await countRows(t.store);
    const malformed = await rejection(importDataset(deps, engineer, Buffer.from('a,b\n1,"2\n3,4\n'), { name: 'broken', fileName: 'broken.csv' }));
    expect(malformed.code).toBe('DATASET_CSV_MALFORMED');
    expect(malformed.message).toContain('broken.csv');
    const ragged = await rejection(importDataset(deps, engineer, Buffer.from('a,b\n1,2\n3\n'), { name: 'broken', fileName: 'broken.csv' }));
    expect(ragged.code).toBe('DATASET_RAGGED_ROW');
    expect(ragged.details).toMatchObject({ file: 'broken.csv', line: 3 });
    const cell = await rejection(importDataset(deps, engineer, Buffer.from('x\n1\n2\n'), { name: 'broken', columnKinds: '{"x":"timestamp"}' }));
    expect(cell.code).toBe('DATASET_SCHEMA_OVERRIDE_INVALID');
    expect((await rejection(importDataset(deps, engineer, Buffer.from('x\n1\n'), { name: 'broken', columnKinds: '{x' }))).code).toBe('VALIDATION_FAILED');
    expect((await rejection(importDataset(deps, engineer, new Uint8Array(0), { name: 'broken' }))).code).toBe('DATASET_EMPTY');
    expect(await countRows(t.store)).toEqual(before);
    expect(await t.store.datasets.getByName('broken')).toBeNull();
  });

  it('rolls back the table and the dataset when the version record cannot be written', async () => {
    const before = await countRows(t.store);
    const ghost: User = { ...engineer, id: 'usr_deleted' }; // not in users: the version's created_by reference fails
    await expect(importDataset(deps, ghost, Buffer.from('reading\n1.5\n2.5\n'), { name: 'orphan' })).rejects.toThrow();
    expect(await countRows(t.store)).toEqual(before);
    expect(await t.store.datasets.getByName('orphan')).toBeNull();
  });

  it('answers DATASET_NOT_FOUND for an unknown version', async () => {
    expect((await rejection(getDatasetVersion(t.store, 'f'.repeat(64)))).code).toBe('DATASET_NOT_FOUND');
    expect((await rejection(loadDatasetTable(t.store, 'f'.repeat(64)))).status).toBe(404);
  });
});
