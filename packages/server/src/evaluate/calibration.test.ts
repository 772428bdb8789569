import { describe, expect, it } from 'vitest';
import { calibrationBin, expectedCalibrationError } from './calibration.js';
import { SKLEARN_BINARY_CASES, SKLEARN_BINARY_EXTRAS } from './sklearn-cases.js';

describe('expected calibration error', () => {
  it('is exact on hand-checked rows', () => {
    // one row per bin: |1 - 0.05| + |0 - 0.15| + |1 - 0.95| + |1 - 0.85| = 0.95 + 0.15 + 0.05 + 0.15 = 1.3, over 4 rows
    expect(expectedCalibrationError([1, 0, 1, 1], [0.05, 0.15, 0.95, 0.85])).toBeCloseTo(0.325, 15);
    // one bin [0.2, 0.3]: event rate 1/2 against mean probability 0.25, all rows in it -> 0.25
    expect(expectedCalibrationError([1, 0], [0.22, 0.28])).toBeCloseTo(0.25, 15);
    // two rows in bin 5 average out to perfect calibration; the row in bin 9 is 0.1 off -> 0.1 / 3
    expect(expectedCalibrationError([1, 0, 1], [0.5, 0.5, 0.9])).toBeCloseTo(0.1 / 3, 15);
  });
  it('is 0 when the event rate matches the probability in every bin', () => {
    expect(expectedCalibrationError([1, 0, 0, 0, 1, 1, 1, 0], [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75])).toBe(0);
  });
  it("bins like scikit-learn: right-closed, first bin closed at 0, linspace's edges", () => {
    expect([0, 0.1, 0.1000001, 0.3, 0.30000000000000004, 0.31, 0.95, 1].map((p) => calibrationBin(p, 10))).toEqual([0, 0, 1, 2, 2, 3, 9, 9]);
    expect(calibrationBin(0.5, 1)).toBe(0);
  });
  it.each(SKLEARN_BINARY_CASES.map((c, i) => ({ ...c, ...SKLEARN_BINARY_EXTRAS[i]! })))('matches scikit-learn calibration_curve on $name', (c) => {
    expect(expectedCalibrationError(c.labels, c.scores)).toBeCloseTo(c.ece, 14);
  });
  it('names a probability outside [0, 1] and a bad bin count', () => {
    expect(() => expectedCalibrationError([1, 0], [0.5, 1.2])).toThrow(/probabilities: row 1 is 1.2/);
    expect(() => expectedCalibrationError([1, 0], [0.5, NaN])).toThrow(/probabilities: row 1 is NaN/);
    expect(() => expectedCalibrationError([1, 0], [0.5, 0.5], 0)).toThrow(/bins: is 0/);
  });
});
