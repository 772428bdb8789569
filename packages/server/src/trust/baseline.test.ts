// Baselines fitted on a clean reference range: robust sigma, spike scales, step size and the longest flat run.
import { describe, expect, it } from 'vitest';
import { fitBaseline } from './baseline.js';
import { gaussian, spec, T0, timesFor } from './checks-fixtures-suite.js';

describe('fitBaseline', () => {
  it('finds the noise of a Gaussian sensor, and tail scales near it', () => {
    const b = fitBaseline(timesFor(20_000), gaussian(20_000, 50, 2, 51), spec());
    expect(b.level).toBeCloseTo(50, 1);
    // residual = reading - median of the previous 15: sd 2 x sqrt(1 + pi / (2 x 15)) = 2.10
    expect(b.sigma).toBeGreaterThan(1.95);
    expect(b.sigma).toBeLessThan(2.25);
    expect(b.residualUp / b.sigma).toBeGreaterThan(0.85);
    expect(b.residualUp / b.sigma).toBeLessThan(1.2);
    // mean |step| of iid N(0, 2): 2 x sqrt(2) x sqrt(2 / pi) = 2.26
    expect(b.meanStep).toBeGreaterThan(2.1);
    expect(b.meanStep).toBeLessThan(2.4);
  });

  it('counts the longest flat run within half a resolution step, restarting after a gap', () => {
    const s = spec({ resolution: 0.1 });
    const v = Float64Array.from([1, 1, 1.04, 1, 2, 2, 2, 2, 2, 3, ...Array.from({ length: 30 }, (_, i) => 4 + i)]);
    expect(fitBaseline(timesFor(v.length), v, s).longestFlatRun).toBe(5);
    const gapped = timesFor(v.length).map((x, i) => (i >= 7 ? x + 60_000 : x));
    expect(fitBaseline(gapped, v, s).longestFlatRun).toBe(4);
  });

  it('leaves out readings outside the range and refuses a reference that is too short', () => {
    const v = gaussian(200, 50, 1, 52);
    v[10] = 500;
    expect(fitBaseline(timesFor(200), v, spec()).readings).toBe(199);
    expect(() => fitBaseline(timesFor(20), gaussian(20, 50, 1, 53), spec())).toThrow(/press-1\.temp.*need at least 20/);
    expect(() => fitBaseline(Float64Array.of(T0), Float64Array.of(1, 2), spec())).toThrow(/1 times but 2 values/);
  });
});
