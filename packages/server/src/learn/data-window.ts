// The time range a model was trained on: earliest and latest training row by the use case's time column.
import type { TypedTable } from '../ingest/index.js';

export interface TrainingWindow {
  timeColumn: string | null;
  /** ISO 8601 UTC for a timestamp column, the number as text for a numeric one (cycles, hours); null without one. */
  from: string | null;
  to: string | null;
}

/**
 * Over the rows the model learned from (fit and validation, not the held-out test rows); missing
 * times are skipped. A use case without a time column, or one whose training rows have no time at
 * all, answers nulls rather than a made-up range.
 */
export function trainingWindow(table: TypedTable, timeColumn: string | undefined, rowSets: readonly Int32Array[]): TrainingWindow {
  const none: TrainingWindow = { timeColumn: timeColumn ?? null, from: null, to: null };
  const column = table.columns.find((c) => c.name === timeColumn);
  if (column === undefined || (column.kind !== 'timestamp' && column.kind !== 'numeric')) return none;
  let min = Infinity;
  let max = -Infinity;
  for (const rows of rowSets) {
    for (const r of rows) {
      const v = column.values[r]!;
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) return none;
  const show = (v: number) => (column.kind === 'timestamp' ? new Date(v).toISOString() : String(v));
  return { timeColumn: column.name, from: show(min), to: show(max) };
}
