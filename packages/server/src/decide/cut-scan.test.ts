import { describe, expect, it } from 'vitest';
import { scanCuts } from './cut-scan.js';
import { nextDown, nextUp } from './next-double.js';

/** Naive twin: the cost of one threshold, item by item. */
function costAt(keys: number[], act: Float64Array, wait: Float64Array, t: number, inclusive: boolean): number {
  let c = 0;
  keys.forEach((k, i) => (c += (inclusive ? k >= t : k > t) ? act[i]! : wait[i]!));
  return c;
}

/** Seeded xorshift32, so every run tests the same cases. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

describe('cut scan', () => {
  it('matches a brute-force search over every candidate threshold, with ties in the scores', () => {
    const random = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 30);
      const keys = Array.from({ length: n }, () => Math.round(random() * 10) / 10);
      const act = Float64Array.from({ length: n }, () => Math.round(random() * 20 - 5));
      const wait = Float64Array.from({ length: n }, () => Math.round(random() * 20 - 5));
      const preferred = Math.round(random() * 12 - 1) / 10;
      const inclusive = random() < 0.5;
      const result = scanCuts(keys, act, wait, preferred, inclusive);
      const candidates = [preferred, -1e9, 1e9, ...keys.flatMap((k) => [k, nextUp(k), nextDown(k)])];
      const costs = candidates.map((t) => costAt(keys, act, wait, t, inclusive));
      const best = Math.min(...costs);
      expect(result.totalCost).toBeCloseTo(best, 9);
      expect(costAt(keys, act, wait, result.threshold, inclusive)).toBeCloseTo(best, 9);
      const nearestOptimal = Math.min(
        ...candidates.filter((_, i) => Math.abs(costs[i]! - best) < 1e-9).map((t) => Math.abs(t - preferred)),
      );
      expect(Math.abs(result.threshold - preferred)).toBeLessThanOrEqual(nearestOptimal);
      const acted = keys.filter((k) => (inclusive ? k >= result.threshold : k > result.threshold)).length;
      expect(result.actCount).toBe(acted);
    }
  });

  it('returns the preferred point itself when it lies in the cheapest interval', () => {
    // act on 0.9 and 0.8 (cost 0), not on 0.2 and 0.1: any t in (0.2, 0.8] is optimal.
    const keys = [0.9, 0.8, 0.2, 0.1];
    const act = Float64Array.of(0, 0, 5, 5);
    const wait = Float64Array.of(5, 5, 0, 0);
    expect(scanCuts(keys, act, wait, 0.5, true)).toEqual({ threshold: 0.5, totalCost: 0, actCount: 2 });
    expect(scanCuts(keys, act, wait, 0.85, true).threshold).toBe(0.8);
    expect(scanCuts(keys, act, wait, 0.1, true).threshold).toBe(nextUp(0.2));
  });

  it('acts on nothing or everything when that is cheapest', () => {
    const keys = [0.3, 0.6];
    const never = scanCuts(keys, Float64Array.of(1, 1), Float64Array.of(0, 0), 0.5, true);
    expect(never).toEqual({ threshold: nextUp(0.6), totalCost: 0, actCount: 0 });
    const always = scanCuts(keys, Float64Array.of(0, 0), Float64Array.of(1, 1), 0.5, true);
    expect(always).toEqual({ threshold: 0.3, totalCost: 0, actCount: 2 });
  });
});
