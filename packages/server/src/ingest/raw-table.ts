// RawTable: a parsed file before typing (CSV cells as byte ranges, Parquet columns as their physical values).

/**
 * Cells of one column as byte ranges into a shared UTF-8 buffer (no string per cell).
 * Cell r is bytes[starts[r] .. ends[r]) with the surrounding quotes and, for unquoted CSV cells,
 * the surrounding spaces already removed. A cell whose preceding byte is `"` was quoted and may
 * hold `""` escapes (see cellString). starts.length === ends.length === table.rows.
 */
export interface RawTextColumn {
  readonly source: 'text';
  readonly bytes: Buffer;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** Parquet numbers (INT32, INT64 within the safe range, FLOAT, DOUBLE, DECIMAL); NaN = missing. */
export interface RawNumberColumn {
  readonly source: 'number';
  readonly values: Float64Array;
  /** True for a physical integer type: the value set is integers whatever the data. */
  readonly integer: boolean;
}

/** Parquet BOOLEAN: 0, 1 or BOOLEAN_MISSING. */
export interface RawBooleanColumn {
  readonly source: 'boolean';
  readonly values: Uint8Array;
}

/**
 * Parquet TIMESTAMP/DATE as epoch milliseconds (fraction keeps micro/nanoseconds); NaN = missing.
 * wallClock: the value's UTC fields are a local wall time (isAdjustedToUTC=false, DATE) to be
 * read in the site time zone when typing.
 */
export interface RawInstantColumn {
  readonly source: 'instant';
  readonly values: Float64Array;
  readonly wallClock: boolean;
}

export type RawColumn = RawTextColumn | RawNumberColumn | RawBooleanColumn | RawInstantColumn;

export const BOOLEAN_MISSING = 255;

export interface RawTable {
  readonly fileName: string;
  readonly format: 'csv' | 'parquet';
  readonly columns: readonly string[];
  readonly rows: number;
  /** Parallel to columns. */
  readonly cells: readonly RawColumn[];
  /** CSV: the 1-based physical line on which each data row starts. Parquet: null (positions are rows). */
  readonly lineOfRow: Uint32Array | null;
  /** CSV delimiter actually used (given or sniffed); null for Parquet. */
  readonly delimiter: string | null;
  /** Decimal separator of numbers in text cells. */
  readonly decimal: '.' | ',';
  /** Text cells equal to one of these are missing (the empty cell always is). */
  readonly missing: readonly string[];
}
