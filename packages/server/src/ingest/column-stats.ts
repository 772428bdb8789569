// Column statistics for the dataset version record (JSON-serialisable, no NaN): counts, moments, quantiles, levels.
import type { ColumnStats } from '@shopfloor/contracts';
import { quantilesInPlace } from './quantiles.js';
import type { TypedColumn, TypedTable } from './typed-table.js';

export const QUANTILE_LEVELS = { p01: 0.01, p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99 } as const;

/** How many levels a categorical column reports (the most frequent first). */
export const TOP_LEVELS = 50;

/** One ColumnStats per column, in column order. */
export function tableStats(table: TypedTable): ColumnStats[] {
  return table.columns.map(columnStats);
}

/**
 * count = non-missing cells, missing = the rest. Numeric: min, max, mean, std (sample, n - 1;
 * left out below 2 values) and quantiles (numpy's linear interpolation). Timestamp: min and max in
 * epoch ms UTC. Categorical: the 50 most frequent levels (ties by level) and distinct. Boolean:
 * both levels "true"/"false" and mean = share of true. Id: distinct.
 */
export function columnStats(column: TypedColumn): ColumnStats {
  switch (column.kind) {
    case 'numeric':
      return numericStats(column.values);
    case 'timestamp': {
      const present = presentValues(column.values);
      const base = { count: present.length, missing: column.values.length - present.length };
      if (present.length === 0) return base;
      let min = Infinity;
      let max = -Infinity;
      for (let k = 0; k < present.length; k++) {
        const v = present[k]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { ...base, min, max };
    }
    case 'categorical':
      return categoricalStats(column.codes, column.levels);
    case 'boolean': {
      let ones = 0;
      let zeros = 0;
      for (const v of column.values) {
        if (v === 1) ones++;
        else if (v === 0) zeros++;
      }
      const count = ones + zeros;
      const levels = [
        { value: 'true', count: ones },
        { value: 'false', count: zeros },
      ].sort((a, b) => b.count - a.count);
      const stats: ColumnStats = { count, missing: column.values.length - count, levels, distinct: (ones > 0 ? 1 : 0) + (zeros > 0 ? 1 : 0) };
      return count > 0 ? { ...stats, mean: ones / count } : stats;
    }
    case 'id': {
      const seen = new Set<string>();
      let missing = 0;
      for (const v of column.values) {
        if (v === null) missing++;
        else seen.add(v);
      }
      return { count: column.values.length - missing, missing, distinct: seen.size };
    }
  }
}

function numericStats(values: Float64Array): ColumnStats {
  const present = presentValues(values);
  const count = present.length;
  const base = { count, missing: values.length - count };
  if (count === 0) return base;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const v = present[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = sum / count;
  let squares = 0;
  for (let k = 0; k < count; k++) squares += (present[k]! - mean) ** 2;
  const q = quantilesInPlace(present, Object.values(QUANTILE_LEVELS));
  const quantiles = Object.fromEntries(Object.keys(QUANTILE_LEVELS).map((name, k) => [name, q[k]!]));
  const std = count >= 2 ? { std: Math.sqrt(squares / (count - 1)) } : {};
  return { ...base, min, max, mean, ...std, quantiles };
}

/** A copy of the non-NaN values (the quantile selection reorders it). */
function presentValues(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v === v) out[n++] = v;
  }
  return out.subarray(0, n);
}

function categoricalStats(codes: Int32Array, levels: readonly string[]): ColumnStats {
  const counts = new Float64Array(levels.length);
  let missing = 0;
  for (const code of codes) {
    if (code < 0) missing++;
    else counts[code]!++;
  }
  const order = levels.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const top = order.slice(0, TOP_LEVELS).map((k) => ({ value: levels[k]!, count: counts[k]! }));
  return { count: codes.length - missing, missing, levels: top, distinct: levels.length };
}
