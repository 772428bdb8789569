// How the replayed rows run in time: one group per asset (entity column), positions in time order (row order without a time column).
import type { TypedColumn, TypedTable } from '../../ingest/index.js';
import { requireColumns } from '../../learn/index.js';

function assetKey(column: TypedColumn): (row: number) => string {
  switch (column.kind) {
    case 'categorical':
      return (r) => String(column.codes[r]);
    case 'id':
      return (r) => column.values[r] ?? '';
    default:
      return (r) => String(column.values[r]);
  }
}

/** Epoch ms or a number; NaN (sorted last) when missing or when the column is neither. */
function timeOf(column: TypedColumn): (row: number) => number {
  return column.kind === 'timestamp' || column.kind === 'numeric' ? (r) => column.values[r]! : () => Number.NaN;
}

/**
 * Groups of positions into `rows` (the replayed table rows): assets in order of first appearance, each
 * asset's positions by time, ties and missing times kept in row order.
 */
export function timeGroups(table: TypedTable, rows: Int32Array, useCase: { entityColumn?: string | undefined; timeColumn?: string | undefined }): Int32Array[] {
  const key = useCase.entityColumn === undefined ? () => '' : assetKey(requireColumns(table, [useCase.entityColumn], 'entityColumn')[0]!);
  const time = useCase.timeColumn === undefined ? null : timeOf(requireColumns(table, [useCase.timeColumn], 'timeColumn')[0]!);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const k = key(rows[i]!);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [i]);
    else g.push(i);
  }
  return [...groups.values()].map((g) => {
    if (time !== null) {
      const t = g.map((i) => time(rows[i]!));
      const order = g.map((_, k) => k).sort((a, b) => byTime(t[a]!, t[b]!) || a - b);
      return Int32Array.from(order, (k) => g[k]!);
    }
    return Int32Array.from(g);
  });
}

function byTime(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}
