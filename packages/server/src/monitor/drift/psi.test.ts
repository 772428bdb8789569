// PSI known answers and its bands.
import { describe, expect, it } from 'vitest';
import { psi, psiBand } from './psi.js';

describe('population stability index', () => {
  it('matches the hand computation for a half/half reference against a quarter/three-quarter batch', () => {
    // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.25 (ln 2 + ln 1.5)
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.25 * (Math.LN2 + Math.log(1.5)), 12);
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.274653, 6);
  });

  it('is zero for the same shares whatever the counts, and symmetric', () => {
    expect(psi([10, 20, 30, 40], [1, 2, 3, 4])).toBeCloseTo(0, 15);
    expect(psi([50, 50], [25, 75])).toBeCloseTo(psi([25, 75], [50, 50]), 12);
  });

  it('floors an empty bin at 1e-4 so a value never seen in training gives a finite, large index', () => {
    // (0.99 - 1) ln(0.99) + (0.01 - 0.0001) ln(0.01 / 0.0001)
    expect(psi([100, 0], [99, 1])).toBeCloseTo(-0.01 * Math.log(0.99) + 0.0099 * Math.log(100), 12);
    expect(psi([0, 100, 0], [0, 100, 0])).toBe(0);
  });

  it('is NaN for an empty batch and refuses bins that do not line up', () => {
    expect(psi([1, 2], [0, 0])).toBeNaN();
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(RangeError);
  });

  it('bands at 0.1 and 0.25', () => {
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map(psiBand)).toEqual(['stable', 'stable', 'moderate', 'moderate', 'major', 'major']);
  });
});
