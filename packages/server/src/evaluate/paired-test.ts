// Paired bootstrap test of the difference in a metric between two model versions evaluated on the same resamples.
import type { BootstrapPlan } from './bootstrap-plan.js';
import { checkPlanFits, DEFAULT_CONFIDENCE, percentileInterval, resampledValues } from './interval.js';
import { pointEstimate, type WeightedMetric } from './weighted-metric.js';

/**
 * difference = metric(a) - metric(b) on the rows as they are; low/high its percentile interval over the
 * paired resamples; `resamples` those where both were defined.
 */
export interface PairedDifference {
  difference: number;
  low: number;
  high: number;
  pValue: number;
  confidence: number;
  resamples: number;
}

/**
 * Two-sided p-value from paired resampled differences d_r = a_r - b_r:
 *   p = min(1, 2 * (1 + min(#{d_r <= 0}, #{d_r >= 0})) / (R + 1))
 * i.e. twice the share of resampled differences on the far side of 0, with the +1 of a Monte Carlo
 * test so a finite run never claims p = 0 (1,000 resamples can show no less than p = 0.002). It inverts
 * the percentile interval: p < 1 - confidence roughly when the interval excludes 0. Identical models
 * (every d_r = 0) give p = 1. NaN when no resample had both metrics defined.
 */
export function pairedPValue(differences: ArrayLike<number>): number {
  let below = 0;
  let above = 0;
  let defined = 0;
  for (let r = 0; r < differences.length; r++) {
    const d = differences[r]!;
    if (!Number.isFinite(d)) continue;
    defined++;
    if (d <= 0) below++;
    if (d >= 0) above++;
  }
  if (defined === 0) return NaN;
  return Math.min(1, (2 * (1 + Math.min(below, above))) / (defined + 1));
}

/** The paired comparison from already resampled values (so a report resamples each version once). */
export function pairedDifferenceFromResamples(
  valueA: number,
  valueB: number,
  resampledA: ArrayLike<number>,
  resampledB: ArrayLike<number>,
  confidence = DEFAULT_CONFIDENCE,
): PairedDifference {
  const d = Float64Array.from({ length: resampledA.length }, (_, r) => resampledA[r]! - resampledB[r]!);
  const { low, high, resamples } = percentileInterval(d, confidence);
  return { difference: valueA - valueB, low, high, pValue: pairedPValue(d), confidence, resamples };
}

/** a minus b, e.g. candidate minus champion: both metrics prepared on the same rows, resampled by one plan. */
export function pairedDifference(plan: BootstrapPlan, a: WeightedMetric, b: WeightedMetric, options: { confidence?: number } = {}): PairedDifference {
  checkPlanFits(plan, a, 'a');
  checkPlanFits(plan, b, 'b');
  return pairedDifferenceFromResamples(pointEstimate(a), pointEstimate(b), resampledValues(plan, a), resampledValues(plan, b), options.confidence);
}
