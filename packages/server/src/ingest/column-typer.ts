// ColumnTyper: the per-column worker typeColumns feeds row blocks to, and the helper for in-memory columns.
import type { RowConsumer } from './row-blocks.js';
import type { TypedColumn } from './typed-table.js';

/** Fed row ranges in order (see row-blocks.ts), then asked for the finished column. */
export interface ColumnTyper extends RowConsumer {
  finish(): TypedColumn;
}

/** A typer for a column already in memory as typed values (Parquet): all work happens in finish. */
export function wholeColumn(finish: () => TypedColumn): ColumnTyper {
  return { consume: () => undefined, finish };
}
