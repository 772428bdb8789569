// The fixed train/test split of a use case (by time, entity or key) and the frozen benchmark keys later training excludes.
import { createHash } from 'node:crypto';
import { ShopfloorError, type SplitSpec } from '@shopfloor/contracts';
import type { TypedColumn } from '../ingest/index.js';

/*
 * Every rule is a pure function of the column values, so the same dataset version always splits
 * the same way and a row's side never depends on the order of the file:
 *   key     test iff key mod modulo == remainder (integer keys by value, others by hash)
 *   time    test = the latest testFraction of rows; rows with the same time stay together
 *   entity  test iff unitHash(entity) < testFraction; an entity's side never depends on the others
 * Hash = first 4 bytes of sha256(UTF-8 text), big-endian, so Python's hashlib reproduces any split.
 */

function splitError(message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('USE_CASE_INVALID', `split: ${message}`, { part: 'split', ...details });
}

function findColumn(columns: readonly TypedColumn[], name: string): TypedColumn {
  const column = columns.find((c) => c.name === name);
  if (column === undefined) {
    throw new ShopfloorError('DATASET_COLUMN_MISSING', `split: the dataset has no column "${name}"`, { part: 'split', column: name });
  }
  return column;
}

function rowCount(column: TypedColumn): number {
  return column.kind === 'categorical' ? column.codes.length : column.values.length;
}

/** A cell as key text (numbers in JavaScript's shortest form, so 5 and "5" agree); null when missing. */
function keyText(column: TypedColumn, row: number): string | null {
  switch (column.kind) {
    case 'numeric':
    case 'timestamp': {
      const v = column.values[row]!;
      return Number.isNaN(v) ? null : String(v);
    }
    case 'id':
      return column.values[row] ?? null;
    case 'categorical': {
      const code = column.codes[row]!;
      return code < 0 ? null : column.levels[code]!;
    }
    case 'boolean': {
      const v = column.values[row]!;
      return v === 0 || v === 1 ? String(v) : null;
    }
  }
}

function requireKeyText(column: TypedColumn, row: number): string {
  const text = keyText(column, row);
  if (text === null) {
    throw splitError(`column "${column.name}" is missing a value at row ${row + 1}; every row needs one to be split by it`, { column: column.name, row: row + 1 });
  }
  return text;
}

/** First 4 bytes of sha256(text) as an unsigned 32-bit integer. */
export function stableHash(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0);
}

const INTEGER_TEXT = /^-?\d{1,15}$/;

/** Key split residue: integer keys (UDI 5 or "5") by value, anything else by hash. */
function keyResidue(text: string, modulo: number): number {
  if (INTEGER_TEXT.test(text)) return ((Number(text) % modulo) + modulo) % modulo;
  return stableHash(text) % modulo;
}

/** 1 = test (benchmark) row, 0 = train. Throws a typed error naming the column and row it cannot split. */
export function assignSplit(columns: readonly TypedColumn[], spec: SplitSpec): Uint8Array {
  const column = findColumn(columns, spec.column);
  switch (spec.kind) {
    case 'key':
      return splitByKey(column, spec.modulo, spec.remainder);
    case 'time':
      return splitByTime(column, spec.testFraction);
    case 'entity':
      return splitByEntity(column, spec.testFraction);
  }
}

function splitByKey(column: TypedColumn, modulo: number, remainder: number): Uint8Array {
  if (!(Number.isInteger(modulo) && modulo >= 2)) throw splitError(`modulo is ${modulo}, expected an integer >= 2`, { field: 'modulo' });
  if (!(Number.isInteger(remainder) && remainder >= 0 && remainder < modulo)) {
    throw splitError(`remainder is ${remainder}, expected an integer in [0, ${modulo})`, { field: 'remainder' });
  }
  const n = rowCount(column);
  const test = new Uint8Array(n);
  for (let r = 0; r < n; r++) test[r] = keyResidue(requireKeyText(column, r), modulo) === remainder ? 1 : 0;
  return test;
}

function checkFraction(testFraction: number): void {
  if (!(testFraction > 0 && testFraction < 1)) throw splitError(`testFraction is ${testFraction}, expected a number in (0, 1)`, { field: 'testFraction' });
}

/**
 * Test = rows at or after a cut time chosen among the distinct times so that the test share is
 * nearest testFraction, with at least one distinct time on each side:
 *
 *   times sorted:  t1 t1 t2 t3 t3 t3 t4 t5 | t6 t6      cut = t6, test = 2 of 10 rows
 */
function splitByTime(column: TypedColumn, testFraction: number): Uint8Array {
  checkFraction(testFraction);
  if (column.kind !== 'timestamp' && column.kind !== 'numeric') {
    throw splitError(`column "${column.name}" is ${column.kind}; a time split needs a timestamp or numeric column`, { column: column.name });
  }
  const values = column.values;
  const n = values.length;
  for (let r = 0; r < n; r++) requireKeyText(column, r);
  const sorted = Float64Array.from(values).sort();
  if (sorted[0] === sorted[n - 1]) throw splitError(`column "${column.name}" has one time for every row; it cannot split by time`, { column: column.name });
  const target = testFraction * n;
  let cut = sorted[n - 1]!;
  let bestGap = Infinity;
  // Walk distinct values from the latest: rows at or after sorted[i] number n - i.
  for (let i = n - 1; i > 0; i--) {
    if (sorted[i - 1] === sorted[i]) continue; // only a change of value is a cut
    const gap = Math.abs(n - i - target);
    if (gap < bestGap) {
      bestGap = gap;
      cut = sorted[i]!;
    }
  }
  const test = new Uint8Array(n);
  for (let r = 0; r < n; r++) test[r] = values[r]! >= cut ? 1 : 0;
  return test;
}

/**
 * Whole entities on one side. Each entity is test iff sha256(id) / 2^32 < testFraction, so about
 * testFraction of entities are test and an asset keeps its side in every later dataset. When the
 * hash puts every entity on one side (few assets), the entity nearest the cut moves across.
 */
function splitByEntity(column: TypedColumn, testFraction: number): Uint8Array {
  checkFraction(testFraction);
  const n = rowCount(column);
  const unitHash = new Map<string, number>();
  const entityOfRow: string[] = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    const id = requireKeyText(column, r);
    entityOfRow[r] = id;
    if (!unitHash.has(id)) unitHash.set(id, stableHash(id) / 2 ** 32);
  }
  if (unitHash.size < 2) throw splitError(`column "${column.name}" names one entity; an entity split needs at least two`, { column: column.name });
  const isTest = new Map<string, boolean>();
  for (const [id, u] of unitHash) isTest.set(id, u < testFraction);
  const tests = [...isTest.values()].filter(Boolean).length;
  if (tests === 0 || tests === unitHash.size) {
    const ranked = [...unitHash].sort((a, b) => a[1] - b[1]);
    if (tests === 0) isTest.set(ranked[0]![0], true);
    else isTest.set(ranked[ranked.length - 1]![0], false);
  }
  const test = new Uint8Array(n);
  for (let r = 0; r < n; r++) test[r] = isTest.get(entityOfRow[r]!) ? 1 : 0;
  return test;
}

export interface DefaultSplitInput {
  timeColumn?: string | undefined;
  entityColumn?: string | undefined;
  /** Id columns that could key the split, best first (for example a row number such as AI4I's UDI). */
  keyColumns?: readonly string[] | undefined;
  testFraction?: number | undefined;
}

/** The split a use case gets when it names none: time, else entity, else a key; with the reason in words. */
export function defaultSplit(input: DefaultSplitInput): { spec: SplitSpec; reason: string } {
  const testFraction = input.testFraction ?? 0.2;
  const percent = `${Math.round(testFraction * 100)}%`;
  if (input.timeColumn !== undefined) {
    return {
      spec: { kind: 'time', column: input.timeColumn, testFraction },
      reason: `by time: the latest ${percent} of rows by "${input.timeColumn}" are the test set, so the model is judged on a future it never saw`,
    };
  }
  if (input.entityColumn !== undefined) {
    return {
      spec: { kind: 'entity', column: input.entityColumn, testFraction },
      reason: `by entity: about ${percent} of the assets in "${input.entityColumn}" are held out whole, so the model is judged on machines it never saw`,
    };
  }
  const key = input.keyColumns?.[0];
  if (key !== undefined) {
    const modulo = Math.round(1 / testFraction);
    return {
      spec: { kind: 'key', column: key, modulo, remainder: 0 },
      reason: `by key: rows whose "${key}" is 0 modulo ${modulo} are the test set (no time or entity column), stable across re-imports`,
    };
  }
  throw splitError('the use case has no time column, entity column or id column to split by; name one, or give the split explicitly');
}

/** The frozen benchmark: the key of every test row, sorted and unique, with the columns that make the key. */
export interface BenchmarkKeySet {
  columns: string[];
  keys: string[];
}

/**
 * Which columns identify a benchmark row in later dataset versions: the key column for a key
 * split, the entity for an entity split (its later rows stay out too), and for a time split the
 * row id when there is one, else the time (with the entity when there is one).
 */
export function benchmarkKeyColumns(spec: SplitSpec, options: { idColumn?: string | undefined; entityColumn?: string | undefined } = {}): string[] {
  if (spec.kind !== 'time') return [spec.column];
  if (options.idColumn !== undefined) return [options.idColumn];
  return options.entityColumn !== undefined ? [options.entityColumn, spec.column] : [spec.column];
}

function rowKeys(columns: readonly TypedColumn[], keyColumns: readonly string[]): (row: number) => string {
  if (keyColumns.length === 0) throw splitError('no key columns given for the benchmark');
  const parts = keyColumns.map((name) => findColumn(columns, name));
  // U+001F (unit separator) cannot appear in a number and rarely in an id; U+0000 marks a missing part.
  return (row) => parts.map((c) => keyText(c, row) ?? '\u0000').join('\u001f');
}

/** Freezes the keys of the test rows (test[r] = 1) of one dataset version. */
export function benchmarkKeys(columns: readonly TypedColumn[], test: Uint8Array, keyColumns: readonly string[]): BenchmarkKeySet {
  const keyOf = rowKeys(columns, keyColumns);
  const keys = new Set<string>();
  for (let r = 0; r < test.length; r++) if (test[r] === 1) keys.add(keyOf(r));
  return { columns: [...keyColumns], keys: [...keys].sort() };
}

/** For a later dataset version: 1 = the row's key is in the frozen benchmark, so it must not be trained on. */
export function excludeBenchmarkRows(columns: readonly TypedColumn[], benchmark: BenchmarkKeySet): Uint8Array {
  const keyOf = rowKeys(columns, benchmark.columns);
  const frozen = new Set(benchmark.keys);
  const n = rowCount(findColumn(columns, benchmark.columns[0]!));
  const excluded = new Uint8Array(n);
  for (let r = 0; r < n; r++) excluded[r] = frozen.has(keyOf(r)) ? 1 : 0;
  return excluded;
}
