// The autocorrelation-corrected mean-shift test: known answers, and its false-alarm rate on autocorrelated healthy data.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../trust/index.js';
import { effectiveSampleSize, erfc, lag1Autocorrelation, meanShift, summarize, twoSidedP } from './mean-shift.js';

/** x_t = phi x_t-1 + e_t, started from the stationary distribution; innovations N(0, 1). */
function ar1(n: number, phi: number, seed: number, offset = 0): Float64Array {
  const random = seededRandom(seed);
  const x = new Float64Array(n);
  let prev = random.normal() / Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    prev = phi * prev + random.normal();
    x[t] = prev + offset;
  }
  return x;
}

describe('mean-shift test for ordered batches', () => {
  it('estimates lag-1 autocorrelation and shrinks the sample size for it (never grows it)', () => {
    expect(lag1Autocorrelation([1, 2, 3, 4, 5], 3)).toBeCloseTo(0.4, 12);
    expect(lag1Autocorrelation([2, 2, 2], 2)).toBeNaN();
    expect(effectiveSampleSize(100, 0.5)).toBeCloseTo(100 / 3, 12);
    expect(effectiveSampleSize(100, -0.8)).toBe(100);
    expect(effectiveSampleSize(100, 0.9999)).toBe(1);
    expect(summarize([1, Number.NaN, 3])).toMatchObject({ n: 2, mean: 2, sd: Math.SQRT2 });
  });

  it('has a normal tail that matches tables', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(Infinity)).toBe(0);
  });

  it('gives the hand-computed z and p for two short alternating series one apart', () => {
    // Both: sd sqrt(0.3), lag-1 -0.83 clamped to 0 so n_eff = 6; se = sqrt(2 * 0.3 / 6); z = 1 / sqrt(0.1).
    const result = meanShift([0, 1, 0, 1, 0, 1], [1, 2, 1, 2, 1, 2])!;
    expect(result.z).toBeCloseTo(Math.sqrt(10), 10);
    expect(result.pValue).toBeCloseTo(0.001565, 5);
    expect(result.shiftSd).toBeCloseTo(1 / Math.sqrt(0.3), 10);
    expect(result.reference.nEffective).toBe(6);
    expect(result.drifted).toBe(true);
  });

  it('does not test fewer than three values a side, and handles constant series', () => {
    expect(meanShift([1, 2], [1, 2, 3])).toBeNull();
    expect(meanShift([1, 2, 3], [Number.NaN, 1, Number.NaN, 2])).toBeNull();
    expect(meanShift([5, 5, 5], [5, 5, 5])).toMatchObject({ z: 0, pValue: 1, drifted: false });
    expect(meanShift([5, 5, 5], [6, 6, 6])).toMatchObject({ z: Infinity, pValue: 0, shiftSd: Infinity, drifted: true });
  });

  it('keeps its false alarms near the nominal rate on healthy AR(1) data, where an i.i.d. z test flags almost every batch', () => {
    let corrected = 0;
    let naive = 0;
    const runs = 40;
    for (let s = 0; s < runs; s++) {
      const result = meanShift(ar1(2000, 0.95, 100 + s), ar1(500, 0.95, 900 + s))!;
      if (result.drifted) corrected++;
      const { reference: r, live: l } = result;
      const naiveZ = (l.mean - r.mean) / Math.sqrt((r.sd * r.sd) / r.n + (l.sd * l.sd) / l.n);
      if (twoSidedP(naiveZ) < 0.01) naive++;
    }
    expect(corrected).toBeLessThanOrEqual(4);
    expect(naive).toBeGreaterThanOrEqual(runs / 2);
  });

  it('still finds a real shift of 1.5 standard deviations in the same autocorrelated process', () => {
    const sd = 1 / Math.sqrt(1 - 0.95 * 0.95);
    let found = 0;
    for (let s = 0; s < 20; s++) if (meanShift(ar1(2000, 0.95, 300 + s), ar1(500, 0.95, 700 + s, 1.5 * sd))!.drifted) found++;
    expect(found).toBeGreaterThanOrEqual(18);
  });
});
