// Slices: conditions on a set's columns (equals a value, or within a numeric range), checked against the columns, then matched per row.
import { ShopfloorError, type ColumnKind, type ErrorCode, type EvaluationSetColumn, type InputRow, type RowFilter } from '@shopfloor/contracts';

const RANGE_KINDS: readonly ColumnKind[] = ['numeric', 'timestamp'];

/**
 * Throws `code` naming the condition (`${field}[i].column`) when a column is unknown or a range is
 * put on a column that has no order (categories, ids, booleans).
 */
export function checkSlice(columns: readonly EvaluationSetColumn[], slice: readonly RowFilter[], code: ErrorCode, field: string): void {
  const kinds = new Map(columns.map((c) => [c.name, c.kind]));
  slice.forEach((f, i) => {
    const kind = kinds.get(f.column);
    if (kind === undefined) {
      throw new ShopfloorError(code, `${field}[${i}]: the set has no column "${f.column}"`, {
        field: `${field}[${i}].column`,
        column: f.column,
        available: columns.map((c) => c.name).slice(0, 100),
      });
    }
    if (f.equals === undefined && !RANGE_KINDS.includes(kind)) {
      throw new ShopfloorError(code, `${field}[${i}]: column "${f.column}" is ${kind}; a range (min, max) needs a numeric or timestamp column, use equals`, {
        field: `${field}[${i}]`,
        column: f.column,
        kind,
      });
    }
  });
}

/** A cell's number for a range: the reading, or a timestamp's epoch milliseconds; NaN when it has none. */
function orderValue(v: InputRow[string] | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Date.parse(v);
  return Number.NaN;
}

/** equals: the same value, or the same text (5 and "5", true and "true"); null matches a missing cell. */
function matches(f: RowFilter, v: InputRow[string] | undefined): boolean {
  const cell = v ?? null;
  if (f.equals !== undefined) {
    if (f.equals === null || cell === null) return f.equals === cell;
    return cell === f.equals || String(cell) === String(f.equals);
  }
  const x = orderValue(cell);
  if (Number.isNaN(x)) return false;
  return (f.min === undefined || x >= f.min) && (f.max === undefined || x <= f.max);
}

/** Indices of the rows meeting every condition (all rows for an empty slice), in row order. */
export function sliceRows(rows: readonly InputRow[], slice: readonly RowFilter[]): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (slice.every((f) => matches(f, row[f.column]))) out.push(i);
  });
  return out;
}
