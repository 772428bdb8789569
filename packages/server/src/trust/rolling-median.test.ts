import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { RollingMedian } from './rolling-median.js';

/** The naive twin: sort the last K values every time. */
function naiveMedian(values: number[], k: number): number {
  const w = values.slice(-k).sort((a, b) => a - b);
  const n = w.length;
  return n % 2 ? w[(n - 1) / 2]! : (w[n / 2 - 1]! + w[n / 2]!) / 2;
}

describe('RollingMedian', () => {
  it('equals the median of the last K readings, ties and all, after every reading', () => {
    for (const k of [1, 4, 15]) {
      const rng = seededRandom(k);
      const m = new RollingMedian(k);
      const seen: number[] = [];
      for (let i = 0; i < 500; i++) {
        const v = Math.round(rng.normal() * 3) + 0;
        m.add(v);
        seen.push(v);
        expect(m.median()).toBe(naiveMedian(seen, k));
      }
    }
  });

  it('starts over after clear()', () => {
    const m = new RollingMedian(3);
    [5, 6, 7].forEach((v) => m.add(v));
    m.clear();
    m.add(1);
    expect(m.median()).toBe(1);
    expect(m.full).toBe(false);
  });
});
