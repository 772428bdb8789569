// Fits a sensor's baseline (robust sigma, spike scales, step size, longest flat run) on a clean reference range.
import type { SensorSpec } from '@shopfloor/contracts';
import { TRUST_DEFAULTS, type TrustParams } from './params.js';
import { inRange, isCounterReset, stuckTolerance } from './reading-rules.js';
import { SpikeLocation } from './spike-location.js';
import { median, quantile, robustSigma } from './stats.js';

export interface SensorBaseline {
  /** Readings of the reference range that were used (in range, finite). */
  readings: number;
  /** Median reading. */
  level: number;
  /**
   * The sensor's robust sigma: 1.4826 x MAD of the residual from the expected location (rolling median
   * of the previous spikeWindow readings carried along the trend, spike-location.ts): its short-term
   * variation; the level a random walk wanders to is not noise.
   * At least the resolution. Fault sizes in the fault-injection generator are multiples of it.
   */
  sigma: number;
  /** Median residual (near 0 unless the trend bends). */
  residualCenter: number;
  /** Tail-aware scales of the residual above / below its centre: the larger of (q99 - centre) / 2.326 and (q99.9 - centre) / 3.090, at least sigma / 2. */
  residualUp: number;
  residualDown: number;
  /** Mean step |v(i) - v(i-1)|, each step clipped at stepClip (what the noise check compares to). */
  meanStep: number;
  stepClip: number;
  /** Longest run of readings within the stuck tolerance. */
  longestFlatRun: number;
}

/**
 * times: epoch ms ascending, values: readings (same length). The range is cut into segments at gaps
 * longer than dropoutPeriods sample periods and at counter resets, as the streaming checks do.
 */
export function fitBaseline(times: Float64Array, values: Float64Array, spec: SensorSpec, params: TrustParams = TRUST_DEFAULTS): SensorBaseline {
  if (times.length !== values.length) throw new Error(`fitBaseline(${spec.id}): ${times.length} times but ${values.length} values`);
  const fresh = restarts(times, values, spec, params);
  const steps = stepSizes(values, fresh);
  const meanRaw = steps.reduce((a, b) => a + b, 0) / Math.max(1, steps.length);
  const stepClip = Math.max(params.noiseClip * meanRaw, spec.resolution, 1e-12);
  const meanStep = steps.reduce((a, b) => a + Math.min(b, stepClip), 0) / Math.max(1, steps.length);
  const residuals = spikeResiduals(values, fresh, params.spikeWindow, stepClip);
  if (residuals.length < 20) throw new Error(`fitBaseline(${spec.id}): the reference range has ${residuals.length} usable residuals; need at least 20 clean readings in a row`);
  const sorted = residuals.sort();
  const center = quantile(sorted, 0.5);
  const sigma = Math.max(robustSigma(sorted, center), spec.resolution, 1e-12);
  // Gaussian tails give the same scale from q99 and q99.9; a heavy tail (speed from a power law) gives a larger q99.9 one.
  const up = Math.max(quantile(sorted, 0.99) - center, (quantile(sorted, 0.999) - center) / 1.328) / 2.326;
  const down = Math.max(center - quantile(sorted, 0.01), (center - quantile(sorted, 0.001)) / 1.328) / 2.326;
  const used = values.filter((_, i) => fresh[i] !== SKIP);
  return {
    readings: used.length,
    level: median(used),
    sigma,
    residualCenter: center,
    residualUp: Math.max(up, sigma / 2),
    residualDown: Math.max(down, sigma / 2),
    meanStep: Math.max(meanStep, spec.resolution / 4, 1e-12),
    stepClip,
    longestFlatRun: longestFlatRun(values, fresh, stuckTolerance(spec)),
  };
}

const SKIP = 2;
const RESTART = 1;

/** Per reading: SKIP (out of range), RESTART (first after a gap or a counter reset) or 0 (continues). */
function restarts(times: Float64Array, values: Float64Array, spec: SensorSpec, params: TrustParams): Uint8Array {
  const out = new Uint8Array(values.length);
  const maxGap = params.dropoutPeriods * spec.samplePeriodMs;
  let prevT = NaN;
  let prev = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!inRange(spec, v)) {
      out[i] = SKIP;
      continue;
    }
    if (!(times[i]! - prevT <= maxGap) || isCounterReset(spec, prev, v)) out[i] = RESTART;
    prevT = times[i]!;
    prev = v;
  }
  return out;
}

function stepSizes(values: Float64Array, fresh: Uint8Array): number[] {
  const steps: number[] = [];
  let prev = NaN;
  for (let i = 0; i < values.length; i++) {
    if (fresh[i] === SKIP) continue;
    if (fresh[i] === 0) steps.push(Math.abs(values[i]! - prev));
    prev = values[i]!;
  }
  return steps;
}

/** The spike check's residuals on clean data: reading minus the expected location, as SpikeCheck computes it. */
function spikeResiduals(values: Float64Array, fresh: Uint8Array, window: number, stepClip: number): Float64Array {
  const loc = new SpikeLocation(window, stepClip);
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (fresh[i] === SKIP) continue;
    if (fresh[i] === RESTART) loc.clear();
    if (loc.ready) out.push(values[i]! - loc.location());
    loc.add(values[i]!);
  }
  return Float64Array.from(out);
}

function longestFlatRun(values: Float64Array, fresh: Uint8Array, tol: number): number {
  let runStart = NaN;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < values.length; i++) {
    if (fresh[i] === SKIP) continue;
    const v = values[i]!;
    if (fresh[i] !== RESTART && run > 0 && Math.abs(v - runStart) <= tol) run++;
    else {
      runStart = v;
      run = 1;
    }
    if (run > longest) longest = run;
  }
  return longest;
}
