// The five failure modes on hand-made readings: what each row reads, sizes against the robust spread, and seeds.
import { describe, expect, it } from 'vitest';
import { robustSigma, seededRandom } from '../../trust/index.js';
import { DRIFT_SIGMAS, failSensor, modeSeed, sensorSpread, type SensorColumn } from './failure-modes.js';

/** Two assets, interleaved: positions 0,2,4 are asset A in time order, 1,3 asset B. */
const TWO_ASSETS: SensorColumn = { values: Float64Array.from([10, 20, 11, 21, 12]), groups: [Int32Array.from([0, 2, 4]), Int32Array.from([1, 3])] };

function gaussian(n: number, sd: number, seed: number): SensorColumn {
  const rng = seededRandom(seed);
  return { values: Float64Array.from({ length: n }, () => 40 + sd * rng.normal()), groups: [Int32Array.from({ length: n }, (_, i) => i)] };
}

describe('sensor failure modes', () => {
  it("freezes each asset at its own first reading when stuck at the last value", () => {
    const failed = failSensor(TWO_ASSETS, 'stuck-last', 1, 1);
    expect([...failed.values]).toEqual([10, 20, 10, 20, 10]);
    expect(failed.size).toBe(10);
  });

  it('reads zero on every row when stuck at zero, and nothing when missing', () => {
    expect([...failSensor(TWO_ASSETS, 'stuck-zero', 1, 1).values]).toEqual([0, 0, 0, 0, 0]);
    expect(failSensor(TWO_ASSETS, 'missing', 1, 1).values.every(Number.isNaN)).toBe(true);
  });

  it('triples the robust spread with noise x3, leaving the centre', () => {
    const column = gaussian(20_000, 2, 7);
    const sigma = sensorSpread(column.values);
    expect(sigma).toBeCloseTo(2, 1);
    const noisy = failSensor(column, 'noise-x3', sigma, 99).values;
    expect(robustSigma(noisy) / sigma).toBeGreaterThan(2.9);
    expect(robustSigma(noisy) / sigma).toBeLessThan(3.1);
  });

  it('ramps each asset to 3 sigma by its last reading when drifting', () => {
    const failed = failSensor(TWO_ASSETS, 'drift', 2, 5);
    const end = failed.size;
    expect(Math.abs(end)).toBe(DRIFT_SIGMAS * 2);
    expect(failed.values[4]! - 12).toBeCloseTo(end);
    expect(failed.values[3]! - 21).toBeCloseTo(end);
    expect(failed.values[0]! - 10).toBeCloseTo(end / 3);
    expect(failed.values[1]! - 20).toBeCloseTo(end / 2);
  });

  it('is the same for the same seed and differs for another', () => {
    const column = gaussian(500, 1, 3);
    const a = failSensor(column, 'noise-x3', 1, modeSeed(1, 0, 'noise-x3')).values;
    expect(failSensor(column, 'noise-x3', 1, modeSeed(1, 0, 'noise-x3')).values).toEqual(a);
    expect(failSensor(column, 'noise-x3', 1, modeSeed(2, 0, 'noise-x3')).values).not.toEqual(a);
    expect(modeSeed(1, 0, 'noise-x3')).not.toBe(modeSeed(1, 1, 'noise-x3'));
  });

  it('keeps a missing reading missing under noise and drift, and falls back to the standard deviation when the MAD is 0', () => {
    const column: SensorColumn = { values: Float64Array.from([0, 0, 0, 0, 0, 0, NaN, 10]), groups: [Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7])] };
    const sigma = sensorSpread(column.values);
    expect(sigma).toBeGreaterThan(0);
    expect(Number.isNaN(failSensor(column, 'noise-x3', sigma, 1).values[6]!)).toBe(true);
    expect(Number.isNaN(failSensor(column, 'drift', sigma, 1).values[6]!)).toBe(true);
  });
});
