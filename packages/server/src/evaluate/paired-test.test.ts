import { describe, expect, it } from 'vitest';
import { bootstrapPlan } from './bootstrap-plan.js';
import { mcnemarExact, mcnemarExactP } from './mcnemar.js';
import { pairedDifference, pairedPValue } from './paired-test.js';
import { seededRandom } from './seeded-random.js';
import { weightedF1 } from './weighted-pointwise.js';
import { sortScores, weightedRocAuc } from './weighted-ranking.js';

const random = seededRandom(11);
const labels = Array.from({ length: 300 }, () => (random() < 0.2 ? 1 : 0));
const good = labels.map((y) => 0.5 * y + 0.6 * random()); // ranks failures well (AUC about 0.9)
const coin = labels.map(() => random()); // ranks at random (AUC about 0.5)

describe('paired bootstrap test of a difference', () => {
  const plan = bootstrapPlan(labels.length, { seed: 2 });
  const aucOf = (scores: number[]) => weightedRocAuc(sortScores(labels, scores));

  it('gives difference 0 and p = 1 for identical models', () => {
    expect(pairedDifference(plan, aucOf(good), aucOf(good))).toMatchObject({ difference: 0, low: 0, high: 0, pValue: 1, resamples: 1000 });
  });
  it('finds a clearly better model, with the interval on its side of 0', () => {
    const d = pairedDifference(plan, aucOf(good), aucOf(coin));
    expect(d.difference).toBeGreaterThan(0.3);
    expect(d.low).toBeGreaterThan(0);
    expect(d.pValue).toBeLessThan(0.01);
    const reverse = pairedDifference(plan, aucOf(coin), aucOf(good));
    expect(reverse.difference).toBe(-d.difference);
    expect(reverse.pValue).toBe(d.pValue);
  });
  it('is deterministic for a seed', () => {
    const again = bootstrapPlan(labels.length, { seed: 2 });
    expect(pairedDifference(again, aucOf(good), aucOf(coin))).toEqual(pairedDifference(plan, aucOf(good), aucOf(coin)));
  });
  it('computes p from the resampled differences on the far side of 0 (hand-checked)', () => {
    // one of four at or below 0: 2 * (1 + 1) / (4 + 1) = 0.8; none of three: 2 * 1 / 4 = 0.5; undefined ones left out.
    expect(pairedPValue([0.1, -0.2, 0.3, 0.4])).toBeCloseTo(0.8, 15);
    expect(pairedPValue([1, 2, NaN, 3])).toBe(0.5);
    expect(pairedPValue([NaN])).toBeNaN();
  });
  it('names a metric prepared on other rows', () => {
    const f1 = weightedF1(labels.slice(1), labels.slice(1));
    expect(() => pairedDifference(plan, aucOf(good), f1)).toThrow(/b: was prepared on 299 rows/);
  });
});

describe("McNemar's exact test", () => {
  it('is exact on a hand-computed case', () => {
    // A right and B wrong on 9 rows, the reverse on 2, both right on 5, both wrong on 4.
    // p = 2 * P(X <= 2), X ~ Bin(11, 1/2) = 2 * (1 + 11 + 55) / 2048 = 134 / 2048 = 0.0654296875
    const labels = Array<number>(20).fill(1);
    const a = [...Array<number>(9).fill(1), 0, 0, ...Array<number>(5).fill(1), ...Array<number>(4).fill(0)];
    const b = [...Array<number>(9).fill(0), 1, 1, ...Array<number>(5).fill(1), ...Array<number>(4).fill(0)];
    const m = mcnemarExact(labels, a, b);
    expect(m).toMatchObject({ onlyACorrect: 9, onlyBCorrect: 2 });
    expect(m.pValue).toBeCloseTo(134 / 2048, 15);
    expect(mcnemarExact(labels, b, a).pValue).toBe(m.pValue);
  });
  it('matches scipy on many disagreements without underflow', () => {
    // 2 * scipy.stats.binom.cdf(500, 1100, 0.5) = 0.002819544991436429; binom.cdf(40, 100, 0.5) * 2 = 0.05688793364098088
    expect(mcnemarExactP(600, 500)).toBeCloseTo(0.002819544991436429, 14);
    expect(mcnemarExactP(40, 60)).toBeCloseTo(0.05688793364098088, 14);
  });
  it('gives p = 1 when the models never disagree or split evenly', () => {
    expect(mcnemarExactP(0, 0)).toBe(1);
    expect(mcnemarExactP(5, 5)).toBe(1);
    expect(mcnemarExact([1, 0, 1], [1, 0, 0], [1, 0, 0]).pValue).toBe(1);
  });
  it('names bad decisions', () => {
    expect(() => mcnemarExact([1, 0], [1, 0], [1, 2])).toThrow(/decisionsB: row 1 is 2/);
    expect(() => mcnemarExact([1, 0], [1], [1, 0])).toThrow(/decisionsA: has 1 entries/);
  });
});
