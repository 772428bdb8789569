// TypedTable: columns converted to their kind, in typed arrays the learner and the store can use directly.
export { BOOLEAN_MISSING } from './raw-table.js';

/** values[r] is the reading of row r; NaN = missing. */
export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

/** codes[r] indexes levels (sorted by UTF-16 code units); -1 = missing. */
export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** values[r] is 0 or 1; BOOLEAN_MISSING (255) = missing. */
export interface BooleanColumn {
  readonly name: string;
  readonly kind: 'boolean';
  readonly values: Uint8Array;
}

/** values[r] is the instant in epoch milliseconds UTC (a fraction keeps sub-millisecond digits); NaN = missing. */
export interface TimestampColumn {
  readonly name: string;
  readonly kind: 'timestamp';
  readonly values: Float64Array;
}

/** Identifiers (row numbers, serials, asset ids) kept as text, never used as features; null = missing. */
export interface IdColumn {
  readonly name: string;
  readonly kind: 'id';
  readonly values: readonly (string | null)[];
}

export type TypedColumn = NumericColumn | CategoricalColumn | BooleanColumn | TimestampColumn | IdColumn;

export interface TypedTable {
  readonly fileName: string;
  readonly rows: number;
  readonly columns: readonly TypedColumn[];
}

