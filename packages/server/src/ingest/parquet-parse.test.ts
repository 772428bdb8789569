// parseParquet: a round trip through hyparquet-writer for every column kind, and files it must refuse.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.js';
import { inferSchema } from './infer-schema.js';
import { parseParquet } from './parquet-parse.js';
import { BOOLEAN_MISSING } from './raw-table.js';
import { typeColumns } from './type-columns.js';
import type { TypedColumn } from './typed-table.js';

type WriteOptions = Parameters<typeof parquetWriteBuffer>[0];
const write = (options: WriteOptions) => new Uint8Array(parquetWriteBuffer(options));

async function rejected(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}

const byName = (columns: readonly TypedColumn[], name: string) => columns.find((c) => c.name === name)!;

describe('parseParquet', () => {
  it('round-trips ids, numbers, text, booleans and timestamps with nulls, then infers and types them', async () => {
    const t0 = Date.parse('2024-10-27T00:30:00.000Z');
    const bytes = write({
      columnData: [
        { name: 'UDI', data: [1n, 2n, 3n, 4n], type: 'INT64' },
        { name: 'Torque [Nm]', data: [42.8, null, 39.5, 40], type: 'DOUBLE' },
        { name: 'Type', data: ['M', 'L', null, 'L'], type: 'STRING' },
        { name: 'failure', data: [true, false, null, false], type: 'BOOLEAN' },
        { name: 'flag', data: [0, 1, 1, 0], type: 'INT32' },
        { name: 'at', data: [new Date(t0), new Date(t0 + 1000), null, new Date(t0 + 3000)], type: 'TIMESTAMP' },
      ],
    });
    const raw = await parseParquet(bytes, { fileName: 'ai4i.parquet' });
    expect(raw).toMatchObject({ format: 'parquet', rows: 4, lineOfRow: null, delimiter: null });
    expect(raw.columns).toEqual(['UDI', 'Torque [Nm]', 'Type', 'failure', 'flag', 'at']);
    const schema = inferSchema(raw, { timeZone: 'Europe/Berlin' });
    expect(schema.map((s) => s.kind)).toEqual(['id', 'numeric', 'categorical', 'boolean', 'boolean', 'timestamp']);
    const typed = typeColumns(raw, schema, { timeZone: 'Europe/Berlin' });
    expect(byName(typed.columns, 'UDI')).toMatchObject({ kind: 'id', values: ['1', '2', '3', '4'] });
    expect(Array.from((byName(typed.columns, 'Torque [Nm]') as { values: Float64Array }).values)).toEqual([42.8, NaN, 39.5, 40]);
    expect(byName(typed.columns, 'Type')).toMatchObject({ levels: ['L', 'M'], codes: Int32Array.from([1, 0, -1, 0]) });
    expect(byName(typed.columns, 'failure')).toMatchObject({ values: Uint8Array.from([1, 0, BOOLEAN_MISSING, 0]) });
    expect(byName(typed.columns, 'flag')).toMatchObject({ kind: 'boolean', values: Uint8Array.from([0, 1, 1, 0]) });
    expect(Array.from((byName(typed.columns, 'at') as { values: Float64Array }).values)).toEqual([t0, t0 + 1000, NaN, t0 + 3000]);
  });

  it('reads local (not UTC-adjusted) timestamps and dates as wall times in the site zone', async () => {
    const wall = Date.parse('2024-10-27T02:30:00Z'); // 02:30 on the Berlin clock, the repeated hour
    const bytes = write({
      columnData: [
        { name: 'local', data: [BigInt(wall), null] },
        { name: 'day', data: [19_000, 19_001] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'local', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' } },
        { name: 'day', type: 'INT32', repetition_type: 'REQUIRED', converted_type: 'DATE' },
      ],
    });
    const raw = await parseParquet(bytes, { fileName: 'local.parquet' });
    const typed = typeColumns(raw, inferSchema(raw, { timeZone: 'Europe/Berlin' }), { timeZone: 'Europe/Berlin' });
    const [local, day] = typed.columns as readonly { values: Float64Array }[];
    expect(Array.from(local!.values)).toEqual([Date.parse('2024-10-27T00:30:00Z'), NaN]);
    // day 19000 = 2022-01-08, midnight in Berlin (+01:00) = 23:00 UTC the day before
    expect(Array.from(day!.values)).toEqual([Date.parse('2022-01-07T23:00:00Z'), Date.parse('2022-01-08T23:00:00Z')]);
  });

  it('refuses an INT64 beyond the safe integer range, naming row and column', async () => {
    const bytes = write({ columnData: [{ name: 'counter', data: [1n, 9_007_199_254_740_993n], type: 'INT64' }] });
    const e = await rejected(parseParquet(bytes, { fileName: 'big.parquet' }));
    expect(e.code).toBe('DATASET_PARQUET_MALFORMED');
    expect(e.message).toBe(
      'big.parquet row 2, column 1 (counter): "9007199254740993" is an integer outside +-9007199254740991, the range a number holds exactly',
    );
    expect(e.details).toMatchObject({ row: 2, column: 1, columnName: 'counter' });
  });

  it('refuses infinite numbers', async () => {
    const bytes = write({ columnData: [{ name: 'x', data: [1, Infinity], type: 'DOUBLE' }] });
    expect((await rejected(parseParquet(bytes, { fileName: 'inf.parquet' }))).message).toMatch(/^inf\.parquet row 2, column 1 \(x\): "Infinity" is not a finite number$/);
  });

  it('refuses JSON and other column types it cannot flatten', async () => {
    const bytes = write({
      columnData: [{ name: 'payload', data: ['{"a":1}'] }],
      schema: [{ name: 'root', num_children: 1 }, { name: 'payload', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'JSON' }],
    });
    const e = await rejected(parseParquet(bytes, { fileName: 'j.parquet' }));
    expect(e.message).toBe('j.parquet: column 1 (payload) is nested or of an unsupported type; flatten it to numbers, booleans, timestamps or strings');
  });

  it('refuses bytes that are not Parquet and a truncated file', async () => {
    expect((await rejected(parseParquet(Buffer.from('a,b\n1,2\n'), { fileName: 'x.parquet' }))).message).toMatch(/not a Parquet file/);
    const good = write({ columnData: [{ name: 'x', data: [1, 2, 3], type: 'DOUBLE' }] });
    const truncated = new Uint8Array([...good.subarray(0, 8), ...good.subarray(good.length - 20)]);
    const e = await rejected(parseParquet(truncated, { fileName: 'cut.parquet' }));
    expect(e.code).toBe('DATASET_PARQUET_MALFORMED');
  });
});
