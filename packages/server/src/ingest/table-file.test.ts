// The typed-table artifact format: exact round trip of every column kind, and loud failure on damaged bytes.
import { describe, expect, it } from 'vitest';
import { decodeTypedTable, encodeTypedTable } from './table-file.js';
import type { TypedTable } from './typed-table.js';

const TABLE: TypedTable = {
  fileName: 'line-3.csv',
  rows: 4,
  columns: [
    { name: 'serial', kind: 'id', values: ['A-1', null, 'A-3', 'Ä "4"'] },
    { name: 'at', kind: 'timestamp', values: Float64Array.from([1.7e12, Number.NaN, 1.7e12 + 0.25, -1]) },
    { name: 'Torque [Nm]', kind: 'numeric', values: Float64Array.from([42.8, -0, Number.NaN, 1e-300]) },
    { name: 'Type', kind: 'categorical', codes: Int32Array.from([2, -1, 0, 1]), levels: ['H', 'L', 'M'] },
    { name: 'ok', kind: 'boolean', values: Uint8Array.from([1, 0, 255, 1]) },
  ],
};

describe('typed table file', () => {
  it('reads back every kind bit for bit, missing values and -0 included', () => {
    const bytes = encodeTypedTable(TABLE);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('SFTT');
    const back = decodeTypedTable(bytes, { fileName: 'line-3.csv' });
    expect(back).toEqual(TABLE);
    expect(Object.is((back.columns[2] as { values: Float64Array }).values[1], -0)).toBe(true);
  });

  it('leaves the file name out, so one content under two names is one artifact', () => {
    expect(encodeTypedTable({ ...TABLE, fileName: 'other.csv' })).toEqual(encodeTypedTable(TABLE));
  });

  it('reads a table held at an odd offset of a larger buffer (as a database driver may return it)', () => {
    const bytes = encodeTypedTable(TABLE);
    const host = Buffer.alloc(bytes.byteLength + 3);
    bytes.copy(host, 3);
    expect(decodeTypedTable(host.subarray(3), { fileName: 'line-3.csv' })).toEqual(TABLE);
  });

  it('refuses bytes that are not a typed table, or are cut short, as ARTIFACT_CORRUPT naming the artifact', () => {
    expect(() => decodeTypedTable(Buffer.from('a,b\n1,2\n'), { fileName: 'x.csv', sha256: 'abc' })).toThrow(expect.objectContaining({ code: 'ARTIFACT_CORRUPT', details: expect.objectContaining({ sha256: 'abc' }) }));
    const bytes = encodeTypedTable(TABLE);
    expect(() => decodeTypedTable(bytes.subarray(0, bytes.byteLength - 10), { fileName: 'x.csv', sha256: 'abc' })).toThrow(/cannot be read/);
  });
});
