// Rows of a typed table as prediction request rows (the inputs a model reads), for drift references and batch scoring.
import type { InputRow, ModelInput } from '@shopfloor/contracts';
import { BOOLEAN_MISSING, type TypedColumn, type TypedTable } from '../ingest/index.js';

/** A missing cell is null, as a client sends an unknown reading; booleans are true/false, categories their level. */
function cellOf(column: TypedColumn, r: number): InputRow[string] {
  switch (column.kind) {
    case 'numeric':
    case 'timestamp':
      return Number.isNaN(column.values[r]!) ? null : column.values[r]!;
    case 'boolean':
      return column.values[r] === BOOLEAN_MISSING ? null : column.values[r] === 1;
    case 'categorical':
      return column.codes[r]! < 0 ? null : column.levels[column.codes[r]!]!;
    case 'id':
      return column.values[r] ?? null;
  }
}

/** One InputRow per row index, holding the inputs only (a column the table lacks is left out, so the predictor names it). */
export function inputRowsOf(table: TypedTable, inputs: readonly Pick<ModelInput, 'name'>[], rows: ArrayLike<number>): InputRow[] {
  const columns = inputs.map((i) => table.columns.find((c) => c.name === i.name)).filter((c): c is TypedColumn => c !== undefined);
  const out: InputRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row: InputRow = {};
    for (const column of columns) row[column.name] = cellOf(column, rows[i]!);
    out[i] = row;
  }
  return out;
}

/** Row indices sorted by a time column (stable; missing times last); the given order when there is none. */
export function inTimeOrder(table: TypedTable, timeColumn: string | undefined, rows: Int32Array): Int32Array {
  const column = table.columns.find((c) => c.name === timeColumn);
  if (column === undefined || (column.kind !== 'timestamp' && column.kind !== 'numeric')) return rows;
  const t = column.values;
  const key = (r: number) => (Number.isNaN(t[r]!) ? Infinity : t[r]!);
  return Int32Array.from([...rows].sort((a, b) => key(a) - key(b) || a - b));
}

/** At most `limit` of the rows, evenly spaced so the time order and the spread are kept. */
export function evenlySpaced(rows: Int32Array, limit: number): Int32Array {
  if (rows.length <= limit) return rows;
  return Int32Array.from({ length: limit }, (_, i) => rows[Math.floor((i * rows.length) / limit)]!);
}
