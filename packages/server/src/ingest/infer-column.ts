// Infers one column's kind from all its cells, with the reason in words.
//
// Rules, in order (non-missing cells; "missing" = empty or a missing marker):
//   1. every cell missing                                   -> numeric (all NaN; harmless, says so)
//   2. every cell a boolean word (true/false, yes/no, wahr/falsch, ...) or 0/1    -> boolean
//   3. every cell a number:
//      a. only the values 0 and 1                          -> boolean. A 0/1 label or flag (AI4I's
//         Machine failure, TWF..RNF) is typed 0/1, so a binary target reads 1 as the positive
//         class; override to numeric or categorical when 0/1 is a count or a code.
//      b. integers, none missing, all distinct, and either strictly increasing/decreasing in file
//         order (a row number such as UDI) or a name like an identifier     -> id
//      c. otherwise                                        -> numeric
//   4. every cell a timestamp of one family (ISO 8601 or DD.MM.YYYY [HH:MM[:SS]])  -> timestamp
//   5. text, none missing, all distinct (Product ID, serial numbers)             -> id
//   6. otherwise                                           -> categorical
// "Name like an identifier": a word id, uid, udi, uuid, key, index, idx, serial, row ("Product ID",
// "machine_id") or camelCase ...Id/...Key/...Index. Under 20 rows distinct values say little (three
// machines are three distinct values), so there 3b and 5 need such a name too.
// A float column is never an id: measurements are often all distinct.
import type { ColumnKind } from '@shopfloor/contracts';
import { quoteValue, rowPlace } from './cell-location.js';
import { COMMA, DOT, parseNumber } from './number-text.js';
import { stringReader } from './raw-strings.js';
import type { RowConsumer } from './row-blocks.js';
import type { RawNumberColumn, RawTable, RawTextColumn } from './raw-table.js';
import { booleanWord, cellString, missingTest } from './text-cells.js';
import { detectFamily, FAMILY_LABEL, newWallTime, parseTimestampText, type TimestampFamily } from './timestamp-text.js';

export interface Inference {
  readonly kind: ColumnKind;
  readonly reason: string;
  /** With capture on: a text column's cells as numbers (NaN = missing) when every cell is one. */
  readonly numbers?: Float64Array;
}

const ID_WORD = /(^|[^a-z0-9])(id|uid|udi|uuid|key|index|idx|serial|row)([^a-z0-9]|$)/i;
const ID_CAMEL = /[a-z0-9](Id|ID|Key|Index)$/;
/** Below this many rows, all-distinct values alone do not make an id. */
const ID_MIN_ROWS = 20;

function namedLikeId(name: string): boolean {
  return ID_WORD.test(name) || ID_CAMEL.test(name);
}

/** Fed row ranges in order (see row-blocks.ts), then asked for the inference. */
export interface ColumnInferrer extends RowConsumer {
  finish(): Inference;
}

/** capture: keep the parsed numbers of text columns so typing need not parse them again. */
export function columnInferrer(table: RawTable, col: number, capture = false): ColumnInferrer {
  const column = table.cells[col]!;
  const whole = (finish: () => Inference): ColumnInferrer => ({ consume: () => undefined, finish });
  switch (column.source) {
    case 'boolean':
      return whole(() => ({ kind: 'boolean', reason: 'Parquet BOOLEAN column' }));
    case 'instant':
      return whole(() => ({ kind: 'timestamp', reason: 'Parquet timestamp or date column' }));
    case 'number':
      return whole(() => inferNumbers(table, col, column));
    case 'text':
      return textInferrer(table, col, column, capture);
  }
}

/** What a pass over numbers learned; shared by text and Parquet number columns. */
interface NumberFacts {
  present: number;
  missing: number;
  integer: boolean;
  zeroOne: boolean;
  increasing: boolean;
  decreasing: boolean;
  previous: number;
}

function newFacts(): NumberFacts {
  return { present: 0, missing: 0, integer: true, zeroOne: true, increasing: true, decreasing: true, previous: Number.NaN };
}

function observe(f: NumberFacts, v: number): void {
  if (f.integer && !Number.isInteger(v)) f.integer = false;
  if (f.zeroOne && v !== 0 && v !== 1) f.zeroOne = false;
  if (f.present > 0) {
    if (v <= f.previous) f.increasing = false;
    if (v >= f.previous) f.decreasing = false;
  }
  f.previous = v;
  f.present++;
}

function decideNumbers(table: RawTable, col: number, f: NumberFacts, distinct: () => boolean): Inference {
  if (f.present === 0) return { kind: 'numeric', reason: 'every cell is missing' };
  if (f.integer && f.zeroOne) return { kind: 'boolean', reason: 'only the values 0 and 1' };
  const named = namedLikeId(table.columns[col]!);
  if (f.integer && f.missing === 0 && f.present >= 2) {
    if ((f.increasing || f.decreasing) && (named || f.present >= ID_MIN_ROWS)) {
      return { kind: 'id', reason: `integers strictly ${f.increasing ? 'increasing' : 'decreasing'} row by row, like a row number` };
    }
    if (named && distinct()) return { kind: 'id', reason: 'distinct integers in a column named like an identifier' };
  }
  return { kind: 'numeric', reason: f.integer ? 'integer numbers' : 'numbers' };
}

function inferNumbers(table: RawTable, col: number, column: RawNumberColumn): Inference {
  const f = newFacts();
  for (const v of column.values) {
    if (Number.isNaN(v)) f.missing++;
    else observe(f, v);
  }
  if (!column.integer) f.integer = false;
  return decideNumbers(table, col, f, () => new Set(column.values).size === column.values.length);
}

function textInferrer(table: RawTable, col: number, column: RawTextColumn, capture: boolean): ColumnInferrer {
  const isMissing = missingTest(table.missing);
  const decimal = table.decimal === ',' ? COMMA : DOT;
  const { bytes, starts, ends } = column;
  const f = newFacts();
  const wall = newWallTime();
  let numeric = true;
  let words = true;
  let family: TimestampFamily | null | undefined;
  let firstText = -1; // first cell that is not a number
  let settled = false; // text for sure: the rest of the rows cannot change the verdict
  let numbers = capture ? new Float64Array(table.rows) : null;
  const consume = (from: number, to: number): void => {
    for (let r = from; r < to && !settled; r++) {
      const s = starts[r]!;
      const e = ends[r]!;
      if (isMissing(bytes, s, e)) {
        f.missing++;
        if (numbers) numbers[r] = Number.NaN;
        continue;
      }
      if (numeric) {
        const v = parseNumber(bytes, s, e, decimal);
        if (v === v) {
          observe(f, v);
          if (numbers) numbers[r] = v;
        } else {
          numeric = false;
          numbers = null;
          firstText = r;
        }
      }
      if (words && booleanWord(bytes, s, e) < 0 && !(e - s === 1 && (bytes[s] === 0x30 || bytes[s] === 0x31))) words = false;
      if (family === undefined) family = detectFamily(bytes, s, e, wall);
      else if (family !== null && !parseTimestampText(bytes, s, e, family, wall)) family = null;
      settled = !numeric && !words && family === null;
    }
  };
  const finish = (): Inference => {
    if (numeric) {
      const verdict = decideNumbers(table, col, f, () => distinctStrings(table, column) === table.rows);
      return numbers ? { ...verdict, numbers } : verdict;
    }
    if (words) return { kind: 'boolean', reason: 'only boolean words (true/false, yes/no) and 0/1' };
    if (family) return { kind: 'timestamp', reason: `every cell is a timestamp in ${FAMILY_LABEL[family]}` };
    const example = `first non-number ${quoteValue(cellString(column, firstText))} on ${rowPlace(table, firstText)}`;
    const canBeId = table.rows >= 2 && (table.rows >= ID_MIN_ROWS || namedLikeId(table.columns[col]!));
    if (canBeId && distinctStrings(table, column) === table.rows) {
      return { kind: 'id', reason: `text, every value distinct (${example})` };
    }
    return { kind: 'categorical', reason: `text (${example})` };
  };
  return { consume, finish };
}

/** Distinct non-missing values, or -1 as soon as a value repeats or a cell is missing (then it is no id). */
function distinctStrings(table: RawTable, column: RawTextColumn): number {
  const read = stringReader(table, column);
  const seen = new Set<string>();
  for (let r = 0; r < table.rows; r++) {
    const value = read(r);
    if (value === null || seen.has(value)) return -1;
    seen.add(value);
  }
  return seen.size;
}
