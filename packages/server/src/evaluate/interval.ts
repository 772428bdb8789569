// Percentile bootstrap intervals of a metric: evaluate it on every resample of a plan, read the tails.
import type { BootstrapPlan } from './bootstrap-plan.js';
import { invalidMetricInput } from './check-input.js';
import { finiteQuantiles } from './percentile.js';
import { pointEstimate, type WeightedMetric } from './weighted-metric.js';

export const DEFAULT_CONFIDENCE = 0.95;

/**
 * A metric with its percentile bootstrap interval. `resamples` counts the resamples where the metric
 * was defined (AUC needs both classes: a small slice may draw none of its few failures); the interval
 * is read from those only, and is NaN when there are none. `value` is NaN when undefined on the rows.
 */
export interface MetricWithInterval {
  value: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
}

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw invalidMetricInput('confidence', `is ${String(confidence)}, expected a level in (0, 1), e.g. 0.95`);
}

export function checkPlanFits(plan: BootstrapPlan, metric: WeightedMetric, name = 'metric'): void {
  if (metric.rows !== plan.rows) throw invalidMetricInput(name, `was prepared on ${metric.rows} rows but the bootstrap plan has ${plan.rows}`);
}

/**
 * The metric on each resample of the plan, in plan order (NaN where undefined): one pass when the
 * metric has a fast path, else resample by resample. The slow path gathers BLOCK resamples at a time
 * (a row's counts for them are one contiguous read) rather than striding through the whole plan per resample.
 */
export function resampledValues(plan: BootstrapPlan, metric: WeightedMetric): Float64Array {
  checkPlanFits(plan, metric);
  if (metric.evaluatePlan) return metric.evaluatePlan(plan);
  const { rows, resamples: R, counts } = plan;
  const out = new Float64Array(R);
  const block = new Int32Array(BLOCK * rows); // block[j * rows + i]: row i in resample r0 + j
  for (let r0 = 0; r0 < R; r0 += BLOCK) {
    const width = Math.min(BLOCK, R - r0);
    for (let i = 0; i < rows; i++) {
      const base = i * R + r0;
      for (let j = 0; j < width; j++) block[j * rows + i] = counts[base + j]!;
    }
    for (let j = 0; j < width; j++) out[r0 + j] = metric.evaluate(block.subarray(j * rows, (j + 1) * rows));
  }
  return out;
}

const BLOCK = 32;

/** Equal-tailed percentile interval: the (1 - c) / 2 and (1 + c) / 2 quantiles of the defined resampled values. */
export function percentileInterval(resampled: ArrayLike<number>, confidence = DEFAULT_CONFIDENCE): { low: number; high: number; resamples: number } {
  checkConfidence(confidence);
  const { quantiles, count } = finiteQuantiles(resampled, [(1 - confidence) / 2, (1 + confidence) / 2]);
  return { low: quantiles[0]!, high: quantiles[1]!, resamples: count };
}

/** Point estimate on the rows as they are, with the percentile interval over the plan's resamples. */
export function metricWithInterval(plan: BootstrapPlan, metric: WeightedMetric, options: { confidence?: number } = {}): MetricWithInterval {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const { low, high, resamples } = percentileInterval(resampledValues(plan, metric), confidence);
  return { value: pointEstimate(metric), low, high, confidence, resamples };
}
