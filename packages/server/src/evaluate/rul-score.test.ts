import { describe, expect, it } from 'vitest';
import { phm08Penalty, phm08Score } from './rul-score.js';

describe('PHM08 score for remaining useful life', () => {
  it('sums the asymmetric penalties (hand-checked)', () => {
    // d = predicted - true = -10 (early), +10 (late), 0: (e^(10/13) - 1) + (e^1 - 1) + 0 = 1.158106 + 1.718282
    expect(phm08Score([100, 50, 30], [90, 60, 30])).toBeCloseTo(Math.exp(10 / 13) - 1 + Math.E - 1, 14);
    expect(phm08Score([100, 50, 30], [90, 60, 30])).toBeCloseTo(2.876387362407491, 14);
    expect(phm08Score([5, 7], [5, 7])).toBe(0);
  });
  it('punishes a late prediction more than an equally early one', () => {
    expect(phm08Penalty(13)).toBeCloseTo(Math.exp(1.3) - 1, 14); // 2.669
    expect(phm08Penalty(-13)).toBeCloseTo(Math.E - 1, 14); // 1.718
    expect(phm08Score([50], [63])).toBeGreaterThan(phm08Score([50], [37]));
  });
  it('names a missing prediction', () => {
    expect(() => phm08Score([1, 2], [1, Infinity])).toThrow(/predictions: row 1 is Infinity/);
    expect(() => phm08Score([], [])).toThrow(/truths: is empty/);
  });
});
