import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SplitSpec } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import type { IdColumn, NumericColumn, TimestampColumn, TypedColumn } from '../ingest/index.js';
import { assignSplit, benchmarkKeyColumns, benchmarkKeys, defaultSplit, excludeBenchmarkRows, stableHash } from './split.js';

// The copy bundled with the server (identical to ../shared/data/ai4i2020/ai4i2020.csv).
const AI4I = fileURLToPath(new URL('../../data/ai4i2020/ai4i2020.csv', import.meta.url));

/** AI4I's UDI and Product ID columns, read simply: no quotes in this file, first line is the header. */
function readAi4i(): { udi: number[]; productId: string[] } {
  const lines = readFileSync(AI4I, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]!.split(',').slice(0, 2)).toEqual(['UDI', 'Product ID']);
  const rows = lines.slice(1).map((l) => l.split(','));
  return { udi: rows.map((r) => Number(r[0])), productId: rows.map((r) => r[1]!) };
}

const numeric = (name: string, values: number[]): NumericColumn => ({ name, kind: 'numeric', values: Float64Array.from(values) });
const ids = (name: string, values: (string | null)[]): IdColumn => ({ name, kind: 'id', values });
const times = (name: string, values: number[]): TimestampColumn => ({ name, kind: 'timestamp', values: Float64Array.from(values) });
const count = (mask: Uint8Array): number => mask.reduce((s, v) => s + v, 0);

describe('key split', () => {
  const { udi, productId } = readAi4i();
  const spec = SplitSpec.parse({ kind: 'key', column: 'UDI' });

  it('puts exactly the 2,000 AI4I rows with UDI % 5 == 0 in the test set', () => {
    const test = assignSplit([numeric('UDI', udi)], spec);
    expect(udi).toHaveLength(10_000);
    expect(count(test)).toBe(2000);
    expect(Array.from(test)).toEqual(udi.map((u) => (u % 5 === 0 ? 1 : 0)));
  });

  it('reads integer ids stored as text by value, so UDI as an id column splits the same way', () => {
    const asText = assignSplit([ids('UDI', udi.map(String))], spec);
    expect(asText).toEqual(assignSplit([numeric('UDI', udi)], spec));
  });

  it('hashes text keys with sha256, reproducible from Python hashlib', () => {
    // int.from_bytes(hashlib.sha256(b'M14860').digest()[:4], 'big') = 3873476012 (% 5 = 2); 'L47181' -> 1194060648 (% 5 = 3).
    expect(stableHash('M14860')).toBe(3873476012);
    expect(stableHash('L47181')).toBe(1194060648);
    const test = assignSplit([ids('Product ID', productId)], { kind: 'key', column: 'Product ID', modulo: 5, remainder: 2 });
    expect(test[0]).toBe(1);
    expect(test[1]).toBe(0);
    expect(count(test)).toBeGreaterThan(1800);
    expect(count(test)).toBeLessThan(2200);
  });

  it('names a missing key and a remainder out of range', () => {
    expect(() => assignSplit([numeric('UDI', [1, NaN])], spec)).toThrow(/column "UDI" is missing a value at row 2/);
    expect(() => assignSplit([ids('UDI', ['1', null])], spec)).toThrow(/row 2/);
    expect(() => assignSplit([numeric('UDI', [1])], { kind: 'key', column: 'UDI', modulo: 5, remainder: 5 })).toThrow(/remainder is 5/);
    expect(() => assignSplit([numeric('UDI', [1])], { kind: 'key', column: 'serial', modulo: 5, remainder: 0 })).toThrow(
      expect.objectContaining({ code: 'DATASET_COLUMN_MISSING', message: expect.stringMatching(/no column "serial"/) }),
    );
  });
});

describe('time split', () => {
  it('holds out the latest rows, keeping rows of the same time together', () => {
    // 10 rows, 20% target: the last distinct time (t = 9) has 2 rows.
    const t = [5, 1, 1, 2, 3, 3, 3, 4, 9, 9];
    const test = assignSplit([times('at', t)], { kind: 'time', column: 'at', testFraction: 0.2 });
    expect(Array.from(test)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // 30% target: cutting at 5 gives 3 rows.
    expect(count(assignSplit([times('at', t)], { kind: 'time', column: 'at', testFraction: 0.3 }))).toBe(3);
    // 50% target: cut at 4 gives 4 rows, at 3 would give 7; ties never split.
    expect(Array.from(assignSplit([times('at', t)], { kind: 'time', column: 'at', testFraction: 0.5 }))).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('does not depend on the row order', () => {
    const t = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 3));
    const forward = assignSplit([times('at', t)], { kind: 'time', column: 'at', testFraction: 0.25 });
    const reversed = assignSplit([times('at', [...t].reverse())], { kind: 'time', column: 'at', testFraction: 0.25 });
    expect(Array.from(reversed).reverse()).toEqual(Array.from(forward));
    expect(count(forward)).toBe(250); // the last time has 1 row, the 83 before it 3 each
  });

  it('refuses a column with one time, a missing time or the wrong kind', () => {
    expect(() => assignSplit([times('at', [3, 3])], { kind: 'time', column: 'at', testFraction: 0.2 })).toThrow(/one time for every row/);
    expect(() => assignSplit([times('at', [3, NaN])], { kind: 'time', column: 'at', testFraction: 0.2 })).toThrow(/missing a value at row 2/);
    expect(() => assignSplit([ids('at', ['a', 'b'])], { kind: 'time', column: 'at', testFraction: 0.2 })).toThrow(/needs a timestamp or numeric column/);
  });
});

describe('entity split', () => {
  // 100 engines, 50 to 250 cycles each, like C-MAPSS FD001.
  const unit: number[] = [];
  for (let e = 1; e <= 100; e++) for (let c = 0; c < 50 + ((e * 37) % 200); c++) unit.push(e);
  const spec = SplitSpec.parse({ kind: 'entity', column: 'unit' });

  it('holds out about 20% of engines whole, never one in both sets', () => {
    const test = assignSplit([numeric('unit', unit)], spec);
    const testUnits = new Set(unit.filter((_, r) => test[r] === 1));
    const trainUnits = new Set(unit.filter((_, r) => test[r] === 0));
    expect([...testUnits].filter((u) => trainUnits.has(u))).toEqual([]);
    expect(testUnits.size).toBeGreaterThanOrEqual(12);
    expect(testUnits.size).toBeLessThanOrEqual(28);
    expect(Array.from(test)).toEqual(unit.map((u) => (stableHash(String(u)) / 2 ** 32 < 0.2 ? 1 : 0)));
  });

  it('keeps an engine on its side when other engines come and go', () => {
    const all = assignSplit([numeric('unit', unit)], spec);
    const firstHalf = unit.filter((u) => u <= 50);
    const half = assignSplit([numeric('unit', firstHalf)], spec);
    expect(Array.from(half)).toEqual(Array.from(all.slice(0, firstHalf.length)));
  });

  it('moves one asset across when the hash puts all of a few on one side', () => {
    // sha256 puts both 'engine-7' (0.79) and the empty id (0.89) on the train side at 20%.
    const test = assignSplit([ids('asset', ['engine-7', '', 'engine-7'])], { kind: 'entity', column: 'asset', testFraction: 0.2 });
    expect(Array.from(test)).toEqual([1, 0, 1]);
    expect(() => assignSplit([ids('asset', ['a', 'a'])], { kind: 'entity', column: 'asset', testFraction: 0.2 })).toThrow(/one entity/);
  });
});

describe('default split', () => {
  it('prefers time, then entity, then a key column, and says why', () => {
    const byTime = defaultSplit({ timeColumn: 'timestamp', entityColumn: 'machine', keyColumns: ['UDI'] });
    expect(byTime.spec).toEqual({ kind: 'time', column: 'timestamp', testFraction: 0.2 });
    expect(byTime.reason).toMatch(/latest 20% of rows by "timestamp"/);
    expect(defaultSplit({ entityColumn: 'machine', keyColumns: ['UDI'] }).spec).toEqual({ kind: 'entity', column: 'machine', testFraction: 0.2 });
    const byKey = defaultSplit({ keyColumns: ['UDI', 'Product ID'] });
    expect(byKey.spec).toEqual({ kind: 'key', column: 'UDI', modulo: 5, remainder: 0 });
    expect(byKey.reason).toMatch(/"UDI" is 0 modulo 5/);
  });
  it('asks for a split when nothing can key one', () => {
    expect(() => defaultSplit({ keyColumns: [] })).toThrow(expect.objectContaining({ code: 'USE_CASE_INVALID' }));
  });
});

describe('frozen benchmark keys', () => {
  const { udi, productId } = readAi4i();
  const spec = SplitSpec.parse({ kind: 'key', column: 'UDI' });

  it("exclude the first version's test rows from a later, reordered and extended version", () => {
    const firstUdi = udi.slice(0, 8000);
    const first: TypedColumn[] = [numeric('UDI', firstUdi), ids('Product ID', productId.slice(0, 8000))];
    const frozen = benchmarkKeys(first, assignSplit(first, spec), benchmarkKeyColumns(spec));
    expect(frozen.columns).toEqual(['UDI']);
    expect(frozen.keys).toHaveLength(1600);

    // Later version: all 10,000 rows, newest first, with UDI now typed as an id column.
    const laterUdi = [...udi].reverse();
    const later: TypedColumn[] = [ids('UDI', laterUdi.map(String))];
    const excluded = excludeBenchmarkRows(later, frozen);
    expect(count(excluded)).toBe(1600);
    expect(Array.from(excluded)).toEqual(laterUdi.map((u) => (u <= 8000 && u % 5 === 0 ? 1 : 0)));
  });

  it('key a time split by row id, or by entity and time when there is none', () => {
    const timeSpec = SplitSpec.parse({ kind: 'time', column: 'at' });
    expect(benchmarkKeyColumns(timeSpec, { idColumn: 'reading' })).toEqual(['reading']);
    expect(benchmarkKeyColumns(timeSpec, { entityColumn: 'machine' })).toEqual(['machine', 'at']);
    const v1: TypedColumn[] = [ids('machine', ['a', 'b', 'a', 'b']), times('at', [1, 1, 2, 2])];
    const frozen = benchmarkKeys(v1, assignSplit(v1, { kind: 'time', column: 'at', testFraction: 0.5 }), ['machine', 'at']);
    expect(frozen.keys).toEqual(['a\u001f2', 'b\u001f2']);
    const v2: TypedColumn[] = [ids('machine', ['a', 'b', 'c', 'a']), times('at', [2, 2, 2, 3])];
    expect(Array.from(excludeBenchmarkRows(v2, frozen))).toEqual([1, 1, 0, 0]);
  });

  it('name a key column the later version lacks', () => {
    const frozen = { columns: ['UDI'], keys: ['5'] };
    expect(() => excludeBenchmarkRows([numeric('serial', [5])], frozen)).toThrow(expect.objectContaining({ code: 'DATASET_COLUMN_MISSING' }));
  });
});
