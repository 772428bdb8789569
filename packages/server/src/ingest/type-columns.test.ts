// typeColumns: each kind's typed arrays, timestamps across both Berlin DST changes, and cell errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.js';
import { IngestError } from './errors.js';
import { inferSchema, type ColumnSchema } from './infer-schema.js';
import { BOOLEAN_MISSING } from './raw-table.js';
import { inferAndType, typeColumns } from './type-columns.js';
import type { TypedColumn, TypedTable } from './typed-table.js';

const table = (text: string | Buffer, fileName = 't.csv') =>
  parseCsv(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { fileName });
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function typed(text: string | Buffer, timeZone = 'Europe/Berlin', fileName = 't.csv'): TypedTable {
  const raw = table(text, fileName);
  return typeColumns(raw, inferSchema(raw, { timeZone }), { timeZone });
}

function column<K extends TypedColumn['kind']>(t: TypedTable, name: string, kind: K): Extract<TypedColumn, { kind: K }> {
  const c = t.columns.find((x) => x.name === name);
  expect(c?.kind).toBe(kind);
  return c as Extract<TypedColumn, { kind: K }>;
}

function thrown(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}

const iso = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : new Date(v).toISOString()));

describe('typeColumns', () => {
  it('types numbers (NaN for missing markers), categories (sorted levels, -1 missing), booleans and ids', () => {
    const t = typed(['id,temp,line,ok', 'a1,21.5,B,yes', 'a2,NA,A,no', 'a3,-1e2,,', 'a4,7,B,1'].join('\n'));
    expect(Array.from(column(t, 'temp', 'numeric').values)).toEqual([21.5, NaN, -100, 7]);
    const line = column(t, 'line', 'categorical');
    expect(line.levels).toEqual(['A', 'B']);
    expect(Array.from(line.codes)).toEqual([1, 0, -1, 1]);
    expect(Array.from(column(t, 'ok', 'boolean').values)).toEqual([1, 0, BOOLEAN_MISSING, 1]);
    expect(column(t, 'id', 'id').values).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('reads timestamps without offset in Europe/Berlin across both DST changes and keeps given offsets', () => {
    const t = typed(fixture('berlin-dst.csv'), 'Europe/Berlin', 'berlin-dst.csv');
    expect(iso(column(t, 'time', 'timestamp').values)).toEqual([
      '2024-03-31T00:59:59.000Z', // 01:59:59 CET, the last second before the spring change
      '2024-03-31T01:00:00.000Z', // 03:00 CEST, the first wall time after it
      '2024-10-26T23:30:00.000Z', // 01:30 CEST
      '2024-10-27T00:30:00.000Z', // 02:30 in the repeated hour: its first occurrence (CEST)
      '2024-10-27T01:30:00.000Z', // 02:30+01:00: the second occurrence, as the offset says
      '2024-10-27T02:30:00.000Z', // 03:30 CET
      '2024-06-01T12:00:00.000Z', // Z kept as is
    ]);
  });

  it('reads the same wall times in UTC when the site is in UTC', () => {
    const t = typed('time,v\n2024-03-31 02:30:00,1\n', 'UTC');
    expect(iso(column(t, 'time', 'timestamp').values)).toEqual(['2024-03-31T02:30:00.000Z']);
  });

  it('rejects a wall time in the skipped spring hour, naming file, line, column and value', () => {
    const e = thrown(() => typed('time,v\n2024-03-31 01:30:00,1\n2024-03-31 02:30:00,2\n', 'Europe/Berlin', 'log.csv'));
    expect(e.code).toBe('DATASET_TIMESTAMP_INVALID');
    expect(e.status).toBe(422);
    expect(e.message).toBe(
      'log.csv line 3, column 1 (time): "2024-03-31 02:30:00" does not exist in Europe/Berlin: the clocks jump from +01:00 to +02:00 there; write the offset or import with a fixed-offset time zone',
    );
    expect(e.details).toMatchObject({ file: 'log.csv', line: 3, column: 1, columnName: 'time', value: '2024-03-31 02:30:00' });
  });

  it('rejects a cell that is no timestamp of the column format when the schema says timestamp', () => {
    const raw = table('t,v\n31.03.2024 10:00,1\n2024-03-31 11:00,2\n');
    const schema: ColumnSchema[] = [
      { name: 't', kind: 'timestamp', inferred: 'categorical', reason: '' },
      { name: 'v', kind: 'numeric', inferred: 'numeric', reason: '' },
    ];
    const e = thrown(() => typeColumns(raw, schema, { timeZone: 'Europe/Berlin' }));
    expect(e.message).toBe('t.csv line 3, column 1 (t): "2024-03-31 11:00" is not a timestamp in this column\'s format DD.MM.YYYY [HH:MM[:SS]]');
  });

  it('types the European export: decimal comma, DD.MM.YYYY in Berlin, quoted text, markers', () => {
    const t = typed(fixture('european-export.csv'), 'Europe/Berlin', 'european-export.csv');
    expect(iso(column(t, 'Zeitstempel', 'timestamp').values)).toEqual([
      '2024-03-30T22:00:00.000Z',
      '2024-03-31T00:30:00.000Z',
      '2024-03-31T01:15:00.000Z',
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T02:30:00.000Z',
    ]);
    expect(Array.from(column(t, 'Temperatur [°C]', 'numeric').values)).toEqual([21.5, 21.75, -3.5, 22, NaN]);
    expect(Array.from(column(t, 'Drehmoment [Nm]', 'numeric').values)).toEqual([40.25, NaN, 41, 39.5, 42.125]);
    expect(Array.from(column(t, 'Ausschuss', 'boolean').values)).toEqual([0, 0, 1, 0, 1]);
    const note = column(t, 'Bemerkung', 'categorical');
    expect(note.levels).toEqual(['Riss "klein"', 'mehrzeilig\r\nzweite Zeile', 'ok; geprüft']);
    expect(Array.from(note.codes)).toEqual([2, -1, 0, 1, -1]);
    expect(column(t, 'Anlage', 'categorical').levels).toEqual(['Presse 1', 'Presse 2']);
  });

  it('rejects a schema that does not match the table', () => {
    const raw = table('a,b\n1,2\n');
    const e = thrown(() => typeColumns(raw, [{ name: 'a', kind: 'numeric', inferred: 'numeric', reason: '' }], { timeZone: 'UTC' }));
    expect(e.code).toBe('VALIDATION_FAILED');
  });

  it('inferAndType gives what inferSchema then typeColumns give', () => {
    const text = ['n,x,f,c,t', ...Array.from({ length: 5000 }, (_, k) => `${k},${(k * 0.37) % 11},${k % 2},k${k % 7},2024-01-0${1 + (k % 9)} 10:00`)].join('\n');
    const raw = table(text);
    const schema = inferSchema(raw, { timeZone: 'Europe/Berlin' });
    const both = inferAndType(raw, { timeZone: 'Europe/Berlin' });
    expect(both.schema).toEqual(schema);
    expect(both.typed).toEqual(typeColumns(raw, schema, { timeZone: 'Europe/Berlin' }));
  });
});
