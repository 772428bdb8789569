// How replayed rows are put in time order: per asset, by the time column, row order without one.
import { describe, expect, it } from 'vitest';
import type { TypedTable } from '../../ingest/index.js';
import { timeGroups } from './time-groups.js';

const TABLE: TypedTable = {
  fileName: 'mill.csv',
  rows: 5,
  columns: [
    { name: 'asset', kind: 'categorical', codes: Int32Array.from([0, 1, 0, 1, 0]), levels: ['M1', 'M2'] },
    { name: 'time', kind: 'timestamp', values: Float64Array.from([300, 100, 100, NaN, 200]) },
  ],
};

describe('time groups', () => {
  it('groups rows by asset and orders each by time, missing times last', () => {
    const groups = timeGroups(TABLE, Int32Array.from([0, 1, 2, 3, 4]), { entityColumn: 'asset', timeColumn: 'time' });
    expect(groups.map((g) => [...g])).toEqual([
      [2, 4, 0],
      [1, 3],
    ]);
  });

  it('keeps row order in one group without an entity or time column', () => {
    expect(timeGroups(TABLE, Int32Array.from([4, 0, 2]), {}).map((g) => [...g])).toEqual([[0, 1, 2]]);
  });
});
