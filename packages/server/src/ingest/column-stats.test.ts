// Column statistics checked by hand on small columns, and quantile selection against a sort (its naive twin).
import { ColumnStats } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { columnStats, QUANTILE_LEVELS } from './column-stats.js';
import { quantilesInPlace } from './quantiles.js';
import { BOOLEAN_MISSING } from './raw-table.js';

describe('columnStats', () => {
  it('numeric: count, missing, min, max, mean, sample std and interpolated quantiles', () => {
    const stats = columnStats({ name: 'x', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4, NaN, 10]) });
    // present 1 2 3 4 10: mean 4; squared deviations 9+4+1+0+36 = 50; std = sqrt(50 / 4)
    expect(stats).toMatchObject({ count: 5, missing: 1, min: 1, max: 10, mean: 4 });
    expect(stats.std).toBeCloseTo(Math.sqrt(12.5), 12);
    // position h = 4p: p01 -> 1 + 0.04 * (2 - 1); p95 -> 4 + 0.8 * (10 - 4); p99 -> 4 + 0.96 * 6
    const q = stats.quantiles!;
    expect(q.p01).toBeCloseTo(1.04, 12);
    expect(q.p05).toBeCloseTo(1.2, 12);
    expect([q.p25, q.p50, q.p75]).toEqual([2, 3, 4]);
    expect(q.p95).toBeCloseTo(8.8, 12);
    expect(q.p99).toBeCloseTo(9.76, 12);
  });

  it('numeric: one value has no std, no values have no moments', () => {
    expect(columnStats({ name: 'x', kind: 'numeric', values: Float64Array.from([NaN, 5]) })).toEqual({
      count: 1, missing: 1, min: 5, max: 5, mean: 5,
      quantiles: { p01: 5, p05: 5, p25: 5, p50: 5, p75: 5, p95: 5, p99: 5 },
    });
    expect(columnStats({ name: 'x', kind: 'numeric', values: Float64Array.from([NaN, NaN]) })).toEqual({ count: 0, missing: 2 });
  });

  it('categorical: levels by count, ties by level, with missing and distinct', () => {
    const stats = columnStats({ name: 'c', kind: 'categorical', levels: ['A', 'B', 'C'], codes: Int32Array.from([0, 1, 1, -1, 2, 1]) });
    expect(stats).toEqual({
      count: 5, missing: 1, distinct: 3,
      levels: [{ value: 'B', count: 3 }, { value: 'A', count: 1 }, { value: 'C', count: 1 }],
    });
  });

  it('categorical: reports the 50 most frequent of many levels', () => {
    const levels = Array.from({ length: 60 }, (_, k) => `L${String(k).padStart(2, '0')}`);
    const codes = Int32Array.from(levels.flatMap((_, k) => Array<number>(k + 1).fill(k)));
    const stats = columnStats({ name: 'c', kind: 'categorical', levels, codes });
    expect(stats.distinct).toBe(60);
    expect(stats.levels).toHaveLength(50);
    expect(stats.levels?.[0]).toEqual({ value: 'L59', count: 60 });
    expect(stats.levels?.[49]).toEqual({ value: 'L10', count: 11 });
  });

  it('boolean: both levels, share of true as mean', () => {
    expect(columnStats({ name: 'b', kind: 'boolean', values: Uint8Array.from([1, 0, 1, BOOLEAN_MISSING, 1]) })).toEqual({
      count: 4, missing: 1, distinct: 2, mean: 0.75,
      levels: [{ value: 'true', count: 3 }, { value: 'false', count: 1 }],
    });
  });

  it('timestamp: first and last instant in epoch ms; id: distinct values', () => {
    const t0 = Date.parse('2024-01-01T00:00:00Z');
    expect(columnStats({ name: 't', kind: 'timestamp', values: Float64Array.from([t0 + 5, NaN, t0]) })).toEqual({
      count: 2, missing: 1, min: t0, max: t0 + 5,
    });
    expect(columnStats({ name: 'i', kind: 'id', values: ['a', null, 'a', 'b'] })).toEqual({ count: 3, missing: 1, distinct: 2 });
  });

  it('is JSON-serialisable and fits the contracts ColumnStats schema', () => {
    const stats = columnStats({ name: 'x', kind: 'numeric', values: Float64Array.from([0.5, NaN, 2.5, -1]) });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
    expect(ColumnStats.parse(stats)).toEqual(stats);
  });
});

describe('quantilesInPlace', () => {
  /** Naive twin: sort, then interpolate at h = (n - 1) p. */
  function naive(values: Float64Array, levels: readonly number[]): number[] {
    const sorted = values.slice().sort();
    return levels.map((p) => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      return lo === h ? sorted[lo]! : sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!);
    });
  }

  it('matches sorting on random data with many repeats, sorted and reversed runs, and tiny sizes', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const levels = Object.values(QUANTILE_LEVELS);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * (trial < 100 ? 10 : 3000));
      const distinct = 1 + Math.floor(random() * 50);
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * distinct) - distinct / 3);
      if (trial % 7 === 0) values.sort();
      if (trial % 11 === 0) values.sort().reverse();
      const expected = naive(values, levels);
      expect(quantilesInPlace(values, levels)).toEqual(expected);
    }
  });
});
