// Seeded fault injection with ground truth: each fault kind put into a clean series, sized against the sensor's robust sigma.
//
// Sizes (FAULT_SIZES), sigma = SensorBaseline.sigma:
//   spike         1 reading, 6 to 10 sigma, either sign (the sign that stays in range)
//   out_of_range  1 to 5 readings, 10% to 30% of the range span past min or max
//   stuck         30 to 80 readings held at the last clean value
//   dropout       5 to 20 readings missing
//   noise         150 to 300 readings with extra noise of sd sqrt(8) sigma (total noise x3)
//   drift         a ramp reaching 3 sigma over 500 readings (cut short at the end of the series)
//   relation      30 to 80 readings where the sensor reads the related sensor's value, offset to break
//                 the relation by up to margin + sigma (a process probe that fell out and reads ambient air)
import type { SensorSpec, TrustIssueCode } from '@shopfloor/contracts';
import { seededRandom, type Random } from './random.js';

export const FAULT_KINDS = ['out_of_range', 'stuck', 'spike', 'dropout', 'noise', 'drift', 'relation'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The issue code that detects each fault kind. */
export const FAULT_CODES: Readonly<Record<FaultKind, TrustIssueCode>> = {
  out_of_range: 'OUT_OF_RANGE',
  stuck: 'STUCK',
  spike: 'SPIKE',
  dropout: 'DROPOUT',
  noise: 'NOISE_CHANGE',
  drift: 'DRIFT',
  relation: 'RELATION',
};

export const FAULT_SIZES = {
  spikeSigmas: [6, 10],
  outOfRangeSpan: [0.1, 0.3],
  outOfRangeReadings: [1, 5],
  stuckReadings: [30, 80],
  dropoutReadings: [5, 20],
  noiseReadings: [150, 300],
  noiseFactor: 3,
  driftSigmas: 3,
  driftReadings: 500,
  relationReadings: [30, 80],
} as const;

/** Readings a fault of each kind may need after its onset (the planner leaves this much room). */
export const FAULT_ROOM: Readonly<Record<FaultKind, number>> = {
  out_of_range: 5,
  stuck: 80,
  spike: 1,
  dropout: 20,
  noise: 300,
  drift: 500,
  relation: 80,
};

export interface InjectedFault {
  kind: FaultKind;
  sensor: string;
  /** Epoch ms of the first affected (or first missing) reading, and of the last one. */
  onset: number;
  end: number;
  /** Readings affected (or removed). */
  readings: number;
  /** The fault's size in the sensor's sigmas (spike, noise, drift) or span fractions (out of range); 0 otherwise. */
  size: number;
}

export interface FaultySeries {
  times: Float64Array;
  values: Float64Array;
  faults: InjectedFault[];
}

export interface PlannedFault {
  kind: FaultKind;
  /** Index of the first affected reading (at least 1: stuck holds the reading before). */
  at: number;
}

function quantise(spec: SensorSpec, v: number): number {
  return spec.resolution > 0 ? Math.round(v / spec.resolution) * spec.resolution : v;
}

function clampToRange(spec: SensorSpec, v: number): number {
  return v < spec.min ? spec.min : v > spec.max ? spec.max : v;
}

/**
 * Injects the planned faults into a copy of a clean series. `other` is the related sensor's clean
 * values on the same times (needed for `relation` only). Dropouts remove readings, so the returned
 * arrays can be shorter; ground truth is in time (epoch ms), not index.
 */
export function injectFaults(
  spec: SensorSpec,
  clean: { times: Float64Array; values: Float64Array },
  sigma: number,
  plan: readonly PlannedFault[],
  seed: number,
  other?: Float64Array,
): FaultySeries {
  const rng = seededRandom(seed);
  const v = Float64Array.from(clean.values);
  const keep = new Uint8Array(v.length).fill(1);
  const n = v.length;
  const faults: InjectedFault[] = [];
  for (const p of plan) {
    if (p.at < 1 || p.at >= n) throw new Error(`injectFaults(${spec.id}): fault at reading ${p.at} is outside 1..${n - 1}`);
    const f = injectOne(spec, p, v, keep, sigma, rng, other);
    if (f) faults.push({ kind: p.kind, sensor: spec.id, onset: clean.times[p.at]!, end: clean.times[f.last]!, readings: f.last - p.at + 1, size: f.size });
  }
  let m = 0;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    times[m] = clean.times[i]!;
    values[m++] = v[i]!;
  }
  return { times: times.slice(0, m), values: values.slice(0, m), faults };
}

type One = { last: number; size: number } | null;

function injectOne(spec: SensorSpec, p: PlannedFault, v: Float64Array, keep: Uint8Array, sigma: number, rng: Random, other?: Float64Array): One {
  const n = v.length;
  const at = p.at;
  const lenIn = (r: readonly [number, number]): number => Math.min(rng.int(r[0], r[1]), n - at);
  const S = FAULT_SIZES;
  switch (p.kind) {
    case 'spike': {
      const size = S.spikeSigmas[0] + (S.spikeSigmas[1] - S.spikeSigmas[0]) * rng.next();
      let sign = rng.next() < 0.5 ? -1 : 1;
      if (v[at]! + sign * size * sigma > spec.max || v[at]! + sign * size * sigma < spec.min) sign = -sign;
      const x = quantise(spec, v[at]! + sign * size * sigma);
      if (x > spec.max || x < spec.min) return null;
      v[at] = x;
      return { last: at, size };
    }
    case 'out_of_range': {
      const len = lenIn(S.outOfRangeReadings);
      const span = spec.max - spec.min;
      const above = rng.next() < 0.5;
      const excess = S.outOfRangeSpan[0] + (S.outOfRangeSpan[1] - S.outOfRangeSpan[0]) * rng.next();
      for (let i = at; i < at + len; i++) v[i] = above ? spec.max + excess * span * (1 + 0.1 * rng.next()) : spec.min - excess * span * (1 + 0.1 * rng.next());
      return { last: at + len - 1, size: excess };
    }
    case 'stuck': {
      const len = lenIn(S.stuckReadings);
      for (let i = at; i < at + len; i++) v[i] = v[at - 1]!;
      return { last: at + len - 1, size: 0 };
    }
    case 'dropout': {
      const len = lenIn(S.dropoutReadings);
      keep.fill(0, at, at + len);
      return { last: at + len - 1, size: 0 };
    }
    case 'noise': {
      const len = lenIn(S.noiseReadings);
      const sd = Math.sqrt(S.noiseFactor * S.noiseFactor - 1) * sigma;
      for (let i = at; i < at + len; i++) v[i] = clampToRange(spec, quantise(spec, v[i]! + sd * rng.normal()));
      return { last: at + len - 1, size: S.noiseFactor };
    }
    case 'drift': {
      const len = Math.min(S.driftReadings, n - at);
      const sign = rng.next() < 0.5 ? -1 : 1;
      for (let i = at; i < at + len; i++) v[i] = clampToRange(spec, quantise(spec, v[i]! + (sign * S.driftSigmas * sigma * (i - at + 1)) / S.driftReadings));
      return { last: at + len - 1, size: (S.driftSigmas * len) / S.driftReadings };
    }
    case 'relation': {
      if (!other) throw new Error(`injectFaults(${spec.id}): a relation fault needs the related sensor's values`);
      const len = lenIn(S.relationReadings);
      const margin = spec.relation?.margin ?? 0;
      const sign = spec.relation?.kind === 'less-than' ? -1 : 1;
      const offset = sign * (margin * (rng.next() - 0.5) - sigma);
      for (let i = at; i < at + len; i++) v[i] = clampToRange(spec, quantise(spec, other[i]! + offset));
      return { last: at + len - 1, size: 0 };
    }
  }
}

/** A redundant twin: the same series plus independent Gaussian noise of sd `noiseSigma`, at the sensor's resolution. */
export function synthesiseTwin(spec: SensorSpec, values: Float64Array, noiseSigma: number, seed: number): Float64Array {
  const rng = seededRandom(seed);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = clampToRange(spec, quantise(spec, values[i]! + noiseSigma * rng.normal()));
  return out;
}

/**
 * Fault positions for a series of n readings: one fault after another, `gap` clean readings between the end
 * of one fault's room and the next onset, starting at `first`; kinds taken in turn from `kinds`.
 */
export function planFaults(n: number, kinds: readonly FaultKind[], options: { first: number; gap: number; offset?: number }): PlannedFault[] {
  const plan: PlannedFault[] = [];
  let at = options.first;
  let k = options.offset ?? 0;
  for (;;) {
    const kind = kinds[k % kinds.length]!;
    if (at + FAULT_ROOM[kind] > n - 1) break;
    plan.push({ kind, at });
    at += FAULT_ROOM[kind] + options.gap;
    k++;
  }
  return plan;
}
