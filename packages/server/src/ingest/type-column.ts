// Converts one raw column to one kind, throwing at the first cell that cannot be read as that kind.
import type { ColumnKind } from '@shopfloor/contracts';
import { cellRejecter, type CellReject } from './cell-location.js';
import { wholeColumn, type ColumnTyper } from './column-typer.js';
import { COMMA, DOT, parseNumber } from './number-text.js';
import { BOOLEAN_MISSING, type RawColumn, type RawTable, type RawTextColumn } from './raw-table.js';
import { feedInBlocks } from './row-blocks.js';
import { booleanWord, cellString, missingTest } from './text-cells.js';
import type { TimeZone } from './time-zone.js';
import { categoricalTyper, idTyper } from './type-strings.js';
import { timestampTyper } from './type-timestamp.js';
import type { TypedColumn } from './typed-table.js';

export function columnTyper(table: RawTable, col: number, kind: ColumnKind, zone: TimeZone): ColumnTyper {
  const name = table.columns[col]!;
  const column = table.cells[col]!;
  const reject = cellRejecter(table, col);
  switch (kind) {
    case 'numeric':
      return numericTyper(table, column, name, reject);
    case 'boolean':
      return booleanTyper(table, column, name, reject);
    case 'timestamp':
      return timestampTyper(table, column, name, zone, reject);
    case 'categorical':
      return categoricalTyper(table, column, name);
    case 'id':
      return idTyper(table, column, name);
  }
}

/** One column on its own (used to check an override before typing the whole table). */
export function typeColumn(table: RawTable, col: number, kind: ColumnKind, zone: TimeZone): TypedColumn {
  const typer = columnTyper(table, col, kind, zone);
  feedInBlocks(table.rows, [typer]);
  return typer.finish();
}

function numericTyper(table: RawTable, column: RawColumn, name: string, reject: CellReject): ColumnTyper {
  switch (column.source) {
    case 'number':
      return wholeColumn(() => ({ name, kind: 'numeric', values: column.values.slice() }));
    case 'boolean':
      return wholeColumn(() => ({
        name,
        kind: 'numeric',
        values: Float64Array.from(column.values, (v) => (v === BOOLEAN_MISSING ? Number.NaN : v)),
      }));
    case 'instant':
      return wholeColumn(() => {
        rejectIfPresent(column.values, reject, 'is a timestamp, not a number');
        return { name, kind: 'numeric', values: new Float64Array(table.rows).fill(Number.NaN) };
      });
    case 'text': {
      const values = new Float64Array(table.rows);
      const isMissing = missingTest(table.missing);
      const decimal = table.decimal === ',' ? COMMA : DOT;
      const { bytes, starts, ends } = column;
      return {
        consume(from, to) {
          for (let r = from; r < to; r++) {
            const s = starts[r]!;
            const e = ends[r]!;
            if (isMissing(bytes, s, e)) {
              values[r] = Number.NaN;
              continue;
            }
            const v = parseNumber(bytes, s, e, decimal);
            if (v !== v) reject(r, cellString(column, r), notANumber(table, column, r));
            values[r] = v;
          }
        },
        finish: () => ({ name, kind: 'numeric', values }),
      };
    }
  }
}

function notANumber(table: RawTable, column: RawTextColumn, row: number): string {
  const other = table.decimal === ',' ? DOT : COMMA;
  const looksOther = !Number.isNaN(parseNumber(column.bytes, column.starts[row]!, column.ends[row]!, other));
  return looksOther
    ? `is not a number with the file's decimal separator "${table.decimal}" (set decimal to "${String.fromCharCode(other)}")`
    : 'is not a number';
}

const NOT_BOOLEAN = 'is not a boolean (expected 0/1, true/false or yes/no)';

function booleanTyper(table: RawTable, column: RawColumn, name: string, reject: CellReject): ColumnTyper {
  const values = new Uint8Array(table.rows);
  const done = (filled = values): TypedColumn => ({ name, kind: 'boolean', values: filled });
  switch (column.source) {
    case 'boolean':
      return wholeColumn(() => ({ name, kind: 'boolean', values: column.values.slice() }));
    case 'instant':
      return wholeColumn(() => {
        rejectIfPresent(column.values, reject, 'is a timestamp, not a boolean');
        return done(values.fill(BOOLEAN_MISSING));
      });
    case 'number':
      return wholeColumn(() => {
        column.values.forEach((v, r) => {
          if (v !== v) values[r] = BOOLEAN_MISSING;
          else if (v === 0 || v === 1) values[r] = v;
          else reject(r, String(v), NOT_BOOLEAN);
        });
        return done();
      });
    case 'text': {
      const isMissing = missingTest(table.missing);
      const decimal = table.decimal === ',' ? COMMA : DOT;
      const { bytes, starts, ends } = column;
      return {
        consume(from, to) {
          for (let r = from; r < to; r++) {
            const s = starts[r]!;
            const e = ends[r]!;
            if (isMissing(bytes, s, e)) {
              values[r] = BOOLEAN_MISSING;
              continue;
            }
            const word = booleanWord(bytes, s, e);
            const v = word >= 0 ? word : parseNumber(bytes, s, e, decimal);
            if (v !== 0 && v !== 1) reject(r, cellString(column, r), NOT_BOOLEAN);
            values[r] = v;
          }
        },
        finish: () => done(),
      };
    }
  }
}

/** Timestamps are no numbers or booleans: the first present one is the error (all missing is fine). */
function rejectIfPresent(values: Float64Array, reject: CellReject, why: string): void {
  const r = values.findIndex((v) => !Number.isNaN(v));
  if (r >= 0) reject(r, new Date(Math.floor(values[r]!)).toISOString(), why);
}
