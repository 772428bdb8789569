// The real AI4I 2020 file: the kinds the machine-failure use case needs, and values checked by a naive split.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableStats } from './column-stats.js';
import { parseCsv } from './csv-parse.js';
import { inferAndType } from './type-columns.js';

// The copy bundled with the server (identical to ../shared/data/ai4i2020/ai4i2020.csv).
const AI4I = new URL('../../data/ai4i2020/ai4i2020.csv', import.meta.url);
const SENSORS = ['Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'];
const FAILURES = ['Machine failure', 'TWF', 'HDF', 'PWF', 'OSF', 'RNF'];

describe('AI4I 2020', () => {
  const bytes = readFileSync(AI4I);
  const raw = parseCsv(bytes, { fileName: 'ai4i2020.csv' });
  const { schema, typed } = inferAndType(raw, { timeZone: 'Europe/Berlin' });
  const kind = Object.fromEntries(schema.map((s) => [s.name, s.kind]));
  // naive twin: the file has no quotes, so splitting lines on "," is exact
  const lines = bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  const header = lines[0]!.split(',');
  const naiveColumn = (name: string) => lines.slice(1).map((l) => l.split(',')[header.indexOf(name)]!);

  it('reads 10,000 rows of 14 columns through its BOM and CRLF', () => {
    expect(raw.rows).toBe(10_000);
    expect(raw.columns).toEqual(header);
    expect(raw.delimiter).toBe(',');
  });

  it('infers UDI and Product ID as ids, Type as categorical, the five sensors as numeric', () => {
    expect(kind.UDI).toBe('id');
    expect(kind['Product ID']).toBe('id');
    expect(kind.Type).toBe('categorical');
    for (const sensor of SENSORS) expect(kind[sensor], sensor).toBe('numeric');
  });

  it('infers Machine failure and the five failure modes as boolean 0/1, usable as a binary target', () => {
    for (const name of FAILURES) expect(kind[name], name).toBe('boolean');
    const failure = typed.columns.find((c) => c.name === 'Machine failure');
    if (failure?.kind !== 'boolean') throw new Error('Machine failure is not boolean');
    const positives = failure.values.reduce((sum, v) => sum + v, 0);
    expect(positives).toBe(naiveColumn('Machine failure').filter((v) => v === '1').length);
    expect(positives).toBe(339);
  });

  it('types every sensor reading exactly as Number() reads the text', () => {
    for (const sensor of SENSORS) {
      const column = typed.columns.find((c) => c.name === sensor);
      if (column?.kind !== 'numeric') throw new Error(`${sensor} is not numeric`);
      expect(Array.from(column.values)).toEqual(naiveColumn(sensor).map(Number));
    }
  });

  it('counts the product types in the statistics', () => {
    const stats = tableStats(typed);
    const type = stats[header.indexOf('Type')]!;
    expect(type.levels).toEqual([{ value: 'L', count: 6000 }, { value: 'M', count: 2997 }, { value: 'H', count: 1003 }]);
    const torque = stats[header.indexOf('Torque [Nm]')]!;
    const values = naiveColumn('Torque [Nm]').map(Number);
    expect(torque.count).toBe(10_000);
    expect(torque.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    expect(torque.min).toBe(Math.min(...values));
    expect(torque.max).toBe(Math.max(...values));
  });
});
