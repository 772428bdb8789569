// inferSchema: the kind rules (see infer-column.ts) and the user's overrides, checked cell by cell.
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.js';
import { IngestError } from './errors.js';
import { inferSchema, type ColumnSchema } from './infer-schema.js';

const table = (text: string, fileName = 't.csv') => parseCsv(Buffer.from(text, 'utf8'), { fileName });
const kinds = (schema: ColumnSchema[]) => Object.fromEntries(schema.map((s) => [s.name, s.kind]));
const infer = (text: string, overrides?: Record<string, ColumnSchema['kind']>) =>
  inferSchema(table(text), { timeZone: 'Europe/Berlin', ...(overrides ? { overrides } : {}) });

function thrown(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}

describe('inferSchema', () => {
  it('tells numbers, 0/1 flags, boolean words, timestamps, text and identifiers apart', () => {
    const schema = infer(
      [
        'row,serial,temp,failure,ok,when,line,note',
        '1,S-001,21.5,0,true,2024-01-01 10:00,A,x',
        '2,S-002,NA,1,FALSE,2024-01-01 10:01,B,x',
        '3,S-003,22,0,yes,,A,y',
      ].join('\n'),
    );
    expect(kinds(schema)).toEqual({
      row: 'id', serial: 'id', temp: 'numeric', failure: 'boolean', ok: 'boolean', when: 'timestamp', line: 'categorical', note: 'categorical',
    });
    expect(schema.find((s) => s.name === 'row')?.reason).toMatch(/strictly increasing/);
    expect(schema.find((s) => s.name === 'failure')?.reason).toBe('only the values 0 and 1');
    expect(schema.find((s) => s.name === 'line')?.reason).toBe('text (first non-number "A" on line 2)');
  });

  it('keeps integers that are not a row number numeric, unless the name says identifier', () => {
    const text = ['speed,asset_id,assetId,fluid', '1500,7,7,3', '1400,3,3,1', '1450,5,5,2'].join('\n');
    expect(kinds(infer(text))).toEqual({ speed: 'numeric', asset_id: 'id', assetId: 'id', fluid: 'numeric' });
  });

  it('does not call a row-number-like column an id when a cell is missing or values repeat', () => {
    expect(kinds(infer('n,x\n1,a\n2,b\n,c\n4,d\n'))).toMatchObject({ n: 'numeric' });
    expect(kinds(infer('n\n1\n2\n2\n4\n'))).toEqual({ n: 'numeric' });
    expect(kinds(infer('n\n1.5\n2.5\n3.5\n'))).toEqual({ n: 'numeric' });
  });

  it('calls text with repeats or gaps categorical, all-distinct complete text an id', () => {
    const serials = Array.from({ length: 25 }, (_, k) => `S${1000 + k * 7}`);
    expect(kinds(infer(['a', ...serials].join('\n')))).toEqual({ a: 'id' });
    expect(kinds(infer(['a', ...serials.slice(1), serials[0]!, serials[0]!].join('\n')))).toEqual({ a: 'categorical' });
    expect(kinds(infer(['a', ...serials.slice(1), 'NA'].join('\n')))).toEqual({ a: 'categorical' });
  });

  it('needs a name like an identifier to call a small all-distinct column an id', () => {
    expect(kinds(infer('machine,speed,Asset Key\npress,1,a\nlathe,2,b\nmill,3,c\n'))).toEqual({
      machine: 'categorical', speed: 'numeric', 'Asset Key': 'id',
    });
    const rows = Array.from({ length: 20 }, (_, k) => `m${k},${k + 1}`);
    expect(kinds(infer(['machine,speed', ...rows].join('\n')))).toEqual({ machine: 'id', speed: 'id' });
  });

  it('calls a column of only missing cells numeric and says why', () => {
    const [s] = infer('a,b\n,1\nNA,2\n');
    expect(s).toMatchObject({ kind: 'numeric', reason: 'every cell is missing' });
  });

  it('reads numbers with the decimal comma of a ";" file', () => {
    expect(kinds(inferSchema(table('t;v\n21,5;x\n22,25;y\n'), { timeZone: 'UTC' }))).toMatchObject({ t: 'numeric' });
  });

  it('calls a mixed ISO/European date column categorical: one family per column', () => {
    expect(kinds(infer('t,v\n2024-01-01 10:00,1\n01.01.2024 10:00,2\n2024-01-01 10:00,3\n'))).toMatchObject({ t: 'categorical' });
  });

  it('applies a valid override and keeps what inference chose', () => {
    const [s] = infer('code,v\n1,1\n2,2\n1,3\n', { code: 'categorical' });
    expect(s).toMatchObject({ name: 'code', kind: 'categorical', inferred: 'numeric' });
    expect(s?.reason).toBe('integer numbers; overridden to categorical');
    expect(infer('flag\n0\n1\n', { flag: 'numeric' })[0]).toMatchObject({ kind: 'numeric', inferred: 'boolean' });
  });

  it('rejects an override to numeric naming the first cell that is not a number', () => {
    const e = thrown(() =>
      inferSchema(table('UDI,Torque [Nm]\n1,40.1\n2,41.0\n3,n/a?\n4,oops\n', 'ai4i.csv'), {
        timeZone: 'UTC',
        overrides: { 'Torque [Nm]': 'numeric', UDI: 'numeric' },
      }),
    );
    expect(e.code).toBe('DATASET_SCHEMA_OVERRIDE_INVALID');
    expect(e.status).toBe(422);
    expect(e.message).toBe('cannot override column 2 (Torque [Nm]) to numeric: ai4i.csv line 4, column 2 (Torque [Nm]): "n/a?" is not a number');
    expect(e.details).toMatchObject({ line: 4, row: 3, column: 2, value: 'n/a?', override: 'numeric' });
  });

  it('hints at the decimal separator when an override to numeric meets a decimal comma', () => {
    const e = thrown(() => inferSchema(table('a,b\n1,"2,5"\n'), { timeZone: 'UTC', overrides: { b: 'numeric' } }));
    expect(e.message).toMatch(/"2,5" is not a number with the file's decimal separator "\." \(set decimal to ","\)/);
  });

  it('rejects overrides to boolean and timestamp that some cell cannot take', () => {
    expect(thrown(() => infer('f\n0\n1\n2\n', { f: 'boolean' })).message).toMatch(/line 4, column 1 \(f\): "2" is not a boolean/);
    expect(thrown(() => infer('t\n2024-01-01\nsoon\n', { t: 'timestamp' })).message).toMatch(/line 3, column 1 \(t\): "soon" is not a timestamp/);
  });

  it('rejects an override of an unknown column or to an unknown kind', () => {
    const unknown = thrown(() => infer('a\n1\n', { b: 'numeric' }));
    expect(unknown.code).toBe('DATASET_SCHEMA_OVERRIDE_INVALID');
    expect(unknown.message).toBe('t.csv: an override names column "b", which the file does not have (columns: "a")');
    const badKind = thrown(() => infer('a\n1\n', { a: 'float' as 'numeric' }));
    expect(badKind.message).toMatch(/asks for kind "float"; kinds are numeric, categorical, boolean, timestamp, id/);
  });
});
