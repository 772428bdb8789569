// Names a cell for people and programs ("ai4i.csv line 17, column 4 (Torque [Nm])") and throws errors about it.
import { IngestError, type IngestErrorCode, type IngestErrorDetails } from './errors.js';
import type { RawTable } from './raw-table.js';

type Positioned = Pick<RawTable, 'fileName' | 'columns' | 'lineOfRow'>;

/** Human text for the cell at data row `row` (0-based) of column `col` (0-based). */
export function cellPlace(table: Positioned, col: number, row: number): string {
  return `${table.fileName} ${rowPlace(table, row)}, ${columnPlace(table, col)}`;
}

/** "line 17" for CSV, "row 17" (1-based data row) for Parquet. */
export function rowPlace(table: Pick<RawTable, 'lineOfRow'>, row: number): string {
  return table.lineOfRow ? `line ${table.lineOfRow[row] ?? '?'}` : `row ${row + 1}`;
}

/** "column 4 (Torque [Nm])"; the name is left out when the column has none (beyond the header). */
export function columnPlace(table: Pick<RawTable, 'columns'>, col: number): string {
  const name = table.columns[col];
  return name === undefined ? `column ${col + 1}` : `column ${col + 1} (${name})`;
}

export function cellDetails(table: Positioned, col: number, row: number, value?: string): IngestErrorDetails {
  const line = table.lineOfRow?.[row];
  return {
    file: table.fileName,
    ...(line === undefined ? {} : { line }),
    row: row + 1,
    column: col + 1,
    columnName: table.columns[col],
    ...(value === undefined ? {} : { value }),
  };
}

/** A cell value quoted for a message, cut to 60 characters so one bad cell cannot flood a log. */
export function quoteValue(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(cut);
}

/** Throws the error for cell (row, col) of the table; `why` follows the quoted value. */
export type CellReject = (row: number, value: string, why: string, code?: IngestErrorCode) => never;

export function cellRejecter(table: Positioned, col: number): CellReject {
  return (row, value, why, code = 'DATASET_CELL_INVALID') => {
    throw new IngestError(code, `${cellPlace(table, col, row)}: ${quoteValue(value)} ${why}`, cellDetails(table, col, row, value));
  };
}
