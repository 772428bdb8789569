// The contributions chart's geometry: sides of zero, lengths relative to the largest, units.
import { describe, expect, it } from 'vitest';
import { contributionBars, directionWords } from './contribution-bars.js';

describe('contributionBars', () => {
  it('puts positive contributions on the raising side and scales to the largest', () => {
    const bars = contributionBars(
      [
        { feature: 'Torque [Nm]', value: 62, contribution: 1.6 },
        { feature: 'Tool wear [min]', value: 12, unit: 'min', contribution: -0.4 },
      ],
      [{ name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm' }],
    );
    expect(bars).toEqual([
      { feature: 'Torque [Nm]', value: 62, unit: 'Nm', contribution: 1.6, side: 'raises', length: 1 },
      { feature: 'Tool wear [min]', value: 12, unit: 'min', contribution: -0.4, side: 'lowers', length: 0.25 },
    ]);
  });

  it('draws no length when every contribution is zero', () => {
    const bars = contributionBars([{ feature: 'a', value: 1, contribution: 0 }], []);
    expect(bars[0]?.length).toBe(0);
  });
});

describe('directionWords', () => {
  it('speaks of risk for yes/no models and of the prediction for regression', () => {
    expect(directionWords('binary', undefined)).toEqual({ raises: 'raises risk', lowers: 'lowers risk' });
    expect(directionWords('regression', undefined).raises).toBe('raises the prediction');
    expect(directionWords('multiclass', 'TWF').raises).toBe('towards TWF');
  });
});
