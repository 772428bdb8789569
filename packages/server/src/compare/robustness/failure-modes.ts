// The five ways a sensor fails, applied to one sensor's readings on the replayed rows (pure; seeded where random).
//
// A sensor column is the sensor's reading on each replayed row, plus how those rows run in time: one
// group per asset (the whole set when the use case has no entity column), positions in time order
// (row order when there is no time column). Every mode fails the sensor on every row:
//
//   stuck-last  each asset's rows read its first reading in time order (the value it froze at)
//   stuck-zero  every row reads 0 in the sensor's unit (a loose connector)
//   missing     every row has no reading (NaN: the trees take their learned default branch)
//   noise-x3    + N(0, sqrt(3^2 - 1) sigma) per row: with Gaussian readings the spread triples
//   drift       + s * 3 sigma * (k + 1) / m on the k-th of an asset's m rows (a ramp; s = +1 or -1 from the seed)
//
// sigma is the sensor's robust spread on these rows (1.4826 x MAD; the standard deviation when the
// MAD is 0, e.g. a reading that is mostly one value). A missing reading stays missing under noise and drift.
import type { FailureMode } from '@shopfloor/contracts';
import { robustSigma, seededRandom } from '../../trust/index.js';

export const NOISE_FACTOR = 3;
export const DRIFT_SIGMAS = 3;

export interface SensorColumn {
  /** values[i]: the reading on replayed row i (NaN = missing). */
  values: Float64Array;
  /** Per asset, positions into `values` in time order; together they cover every position once. */
  groups: readonly Int32Array[];
}

export interface FailedSensor {
  values: Float64Array;
  /** stuck-last: the frozen value (of the first asset); noise-x3: the added sd; drift: the final offset (signed); else 0. */
  size: number;
}

/** 1.4826 x MAD of the finite readings, else their standard deviation, else 0. */
export function sensorSpread(values: Float64Array): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 0;
  const robust = robustSigma(finite);
  if (robust > 0) return robust;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  return Math.sqrt(finite.reduce((s, v) => s + (v - mean) * (v - mean), 0) / finite.length);
}

/** A seed for one (sensor, mode): the run's seed mixed with the sensor's position and the mode's. */
export function modeSeed(seed: number, sensor: number, mode: FailureMode): number {
  const m = (['stuck-last', 'stuck-zero', 'missing', 'noise-x3', 'drift'] as const).indexOf(mode);
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(sensor + 1, 0x85ebca6b) + Math.imul(m + 1, 0xc2b2ae35)) >>> 0;
}

export function failSensor(column: SensorColumn, mode: FailureMode, sigma: number, seed: number): FailedSensor {
  const { values, groups } = column;
  const out = new Float64Array(values.length);
  switch (mode) {
    case 'stuck-last': {
      for (const g of groups) {
        const frozen = g.length === 0 ? NaN : values[g[0]!]!;
        for (const i of g) out[i] = frozen;
      }
      const first = groups.find((g) => g.length > 0);
      return { values: out, size: first === undefined ? NaN : values[first[0]!]! };
    }
    case 'stuck-zero':
      return { values: out, size: 0 };
    case 'missing':
      return { values: out.fill(Number.NaN), size: 0 };
    case 'noise-x3': {
      const rng = seededRandom(seed);
      const sd = Math.sqrt(NOISE_FACTOR * NOISE_FACTOR - 1) * sigma;
      for (let i = 0; i < values.length; i++) out[i] = values[i]! + sd * rng.normal();
      return { values: out, size: sd };
    }
    case 'drift': {
      const sign = seededRandom(seed).next() < 0.5 ? -1 : 1;
      const end = sign * DRIFT_SIGMAS * sigma;
      for (const g of groups) g.forEach((i, k) => (out[i] = values[i]! + (end * (k + 1)) / g.length));
      return { values: out, size: end };
    }
  }
}
