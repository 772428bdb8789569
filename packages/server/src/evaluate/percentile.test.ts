import { describe, expect, it } from 'vitest';
import { finiteQuantiles, quantileSorted } from './percentile.js';
import { seededRandom } from './seeded-random.js';

describe('quantiles', () => {
  it('interpolate between order statistics like numpy.percentile (hand-checked)', () => {
    // sorted 1, 2, 3, 4, 10: h = 4 * 0.025 = 0.1 -> 1 + 0.1 * (2 - 1); h = 3.9 -> 4 + 0.9 * (10 - 4)
    expect(quantileSorted([1, 2, 3, 4, 10], 0.025)).toBeCloseTo(1.1, 14);
    expect(quantileSorted([1, 2, 3, 4, 10], 0.975)).toBeCloseTo(9.4, 14);
    expect(quantileSorted([5], 0.975)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
  it('by selection equal those of the sorted values, ties and undefined values included (property)', () => {
    const random = seededRandom(3);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(random() * 60);
      const values = Array.from({ length: n }, () => (random() < 0.05 ? NaN : Math.round(random() * 20) / 4));
      const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
      const qs = [random() * 0.5, 0.5, 0.5 + random() * 0.5, 1];
      const { quantiles, count } = finiteQuantiles(values, qs);
      expect(count).toBe(sorted.length);
      quantiles.forEach((x, k) => (sorted.length === 0 ? expect(x).toBeNaN() : expect(x).toBe(quantileSorted(sorted, qs[k]!))));
    }
  });
});
