import { describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc } from './ranking.js';
import { SKLEARN_BINARY_CASES } from './sklearn-cases.js';

/** Naive twin of ROC-AUC: every positive/negative pair, a tie counts one half (Mann-Whitney). O(n^2). */
function naiveAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

/** Naive twin of average precision: each positive scores the precision at its own score (ties included). */
function naiveAp(labels: number[], scores: number[]): number {
  let sum = 0;
  let positives = 0;
  labels.forEach((y, i) => {
    if (y !== 1) return;
    positives++;
    const above = scores.map((s, j) => [s, labels[j]!] as const).filter(([s]) => s >= scores[i]!);
    sum += above.filter(([, l]) => l === 1).length / above.length;
  });
  return sum / positives;
}

describe('ROC-AUC', () => {
  it.each(SKLEARN_BINARY_CASES)('matches scikit-learn on $name', (c) => {
    expect(rocAuc(c.labels, c.scores)).toBeCloseTo(c.auc, 14);
    expect(rocAuc(c.labels, c.scores)).toBeCloseTo(naiveAuc(c.labels, c.scores), 14);
  });
  it('counts a tied positive/negative pair as one half (hand-checked)', () => {
    // pairs: (0.5 vs 0.5) = 0.5, (0.5 vs 0.2) = 1, (0.8 vs 0.5) = 1, (0.8 vs 0.2) = 1 -> 3.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.8])).toBe(0.875);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.9])).toBe(1);
  });
  it('is undefined (NaN) with one class only', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
  });
  it('names bad input', () => {
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/labels: row 1 is 2/);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(/scores: row 1 is NaN/);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(/scores: has 1 entries but labels has 2/);
  });
});

describe('average precision', () => {
  it.each(SKLEARN_BINARY_CASES)('matches scikit-learn on $name', (c) => {
    expect(averagePrecision(c.labels, c.scores)).toBeCloseTo(c.ap, 14);
    expect(averagePrecision(c.labels, c.scores)).toBeCloseTo(naiveAp(c.labels, c.scores), 14);
  });
  it('steps through tied scores as one threshold (hand-checked)', () => {
    // 0.8: recall 1/2 at precision 1; {0.5, 0.5}: recall 1 at precision 2/3 -> 1/2 + 1/3.
    expect(averagePrecision([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.8])).toBeCloseTo(5 / 6, 15);
  });
  it('is undefined (NaN) without positives', () => {
    expect(averagePrecision([0, 0], [0.2, 0.4])).toBeNaN();
  });
});
