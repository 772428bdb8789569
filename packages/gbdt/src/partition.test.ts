import { describe, expect, it } from 'vitest';
import { decisionTable, partitionRows } from './partition.js';
import { Rng, sampleSorted } from './random.js';
import { SplitInfo } from './split.js';

describe('row partition', () => {
  it('matches a naive stable filter on random rows and tables', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.nextInt(3000);
      const bins = Uint8Array.from({ length: 2 * n }, () => (rng.nextFloat() < 0.1 ? 255 : rng.nextInt(40)));
      const goLeft = Uint8Array.from({ length: 256 }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
      const subset = sampleSorted(rng, n, 1 + rng.nextInt(n));
      const start = rng.nextInt(50);
      const rows = new Int32Array(start + subset.length + 10);
      rows.set(subset, start);
      const column = n;
      const expectedLeft = Array.from(subset).filter((r) => goLeft[bins[column + r]!]);
      const expectedRight = Array.from(subset).filter((r) => !goLeft[bins[column + r]!]);
      const nLeft = partitionRows(rows, new Int32Array(n), start, subset.length, bins, column, goLeft);
      expect(nLeft).toBe(expectedLeft.length);
      expect(Array.from(rows.subarray(start, start + subset.length))).toEqual([...expectedLeft, ...expectedRight]);
    }
  });

  it('builds decision tables for numeric and categorical splits with the missing side', () => {
    const s = new SplitInfo();
    s.binThreshold = 2;
    s.missingLeft = true;
    const t = decisionTable(s, 255);
    expect(Array.from(t.subarray(0, 5))).toEqual([1, 1, 1, 0, 0]);
    expect(t[255]).toBe(1);
    s.categorical = true;
    s.missingLeft = false;
    s.catBits[0] = 0b1010;
    s.catBits[1] = 1;
    const c = decisionTable(s, 255);
    expect(Array.from(c.subarray(0, 5))).toEqual([0, 1, 0, 1, 0]);
    expect(c[32]).toBe(1);
    expect(c[255]).toBe(0);
  });
});
