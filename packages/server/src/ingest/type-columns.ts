// typeColumns: the whole RawTable converted by its schema into a TypedTable.
import { IngestError } from './errors.js';
import { inferSchemaCapturing, type ColumnSchema, type InferOptions } from './infer-schema.js';
import type { RawTable } from './raw-table.js';
import { wholeColumn } from './column-typer.js';
import { loadTimeZone, type TimeZone } from './time-zone.js';
import { feedInBlocks } from './row-blocks.js';
import { columnTyper } from './type-column.js';
import type { TypedTable } from './typed-table.js';

export interface TypeOptions {
  /** IANA zone in which timestamps without an offset are read. */
  readonly timeZone: string;
}

/** Throws at the first cell a column's kind cannot read (file, line, column and value named). */
export function typeColumns(table: RawTable, schema: readonly ColumnSchema[], options: TypeOptions): TypedTable {
  return typeColumnsReusing(table, schema, loadTimeZone(options.timeZone), []);
}

/** typeColumns, taking numeric columns from `parsed` (inferSchemaCapturing's numbers) where present. */
export function typeColumnsReusing(
  table: RawTable,
  schema: readonly ColumnSchema[],
  zone: TimeZone,
  parsed: readonly (Float64Array | undefined)[],
): TypedTable {
  const mismatch = schema.length !== table.columns.length || schema.some((s, k) => s.name !== table.columns[k]);
  if (mismatch) {
    throw new IngestError(
      'VALIDATION_FAILED',
      `${table.fileName}: the schema lists ${schema.map((s) => s.name).join(', ')} but the file has ${table.columns.join(', ')}`,
      { option: 'schema', file: table.fileName },
    );
  }
  const typers = schema.map((s, col) => {
    const numbers = parsed[col];
    if (numbers && s.kind === 'numeric') return wholeColumn(() => ({ name: s.name, kind: 'numeric', values: numbers }));
    return columnTyper(table, col, s.kind, zone);
  });
  feedInBlocks(table.rows, typers);
  const columns = typers.map((typer) => typer.finish());
  return { fileName: table.fileName, rows: table.rows, columns };
}

/** inferSchema then typeColumns, parsing each numeric text cell once instead of twice. */
export function inferAndType(table: RawTable, options: InferOptions): { schema: ColumnSchema[]; typed: TypedTable } {
  const { schema, numbers } = inferSchemaCapturing(table, options, true);
  const typed = typeColumnsReusing(table, schema, loadTimeZone(options.timeZone), numbers);
  return { schema, typed };
}
