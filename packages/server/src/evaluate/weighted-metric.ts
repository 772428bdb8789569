// A metric prepared once on a set of rows and evaluated for any row multiplicities (a bootstrap resample, or all ones).
import type { BootstrapPlan } from './bootstrap-plan.js';

/**
 * `evaluate(counts)` returns the metric of the multiset holding row i counts[i] times, equal to the
 * metric of the materialised resample (counts may also be real weights). Preparing does the costly part
 * once (sorting, clipping, binning). `evaluatePlan`, where present, returns the metric on every resample
 * of a plan in one pass over the rows; it must equal `evaluate` on each resample (its naive twin).
 */
export interface WeightedMetric {
  readonly rows: number;
  evaluate(counts: ArrayLike<number>): number;
  evaluatePlan?(plan: BootstrapPlan): Float64Array;
}

/** The metric on the rows as they are (every count 1): the point estimate. */
export function pointEstimate(metric: WeightedMetric): number {
  return metric.evaluate(new Int32Array(metric.rows).fill(1));
}

/** factor * metric (e.g. a cost per row as a cost per 1,000 rows), keeping the metric's fast path. */
export function scaledMetric(metric: WeightedMetric, factor: number): WeightedMetric {
  const { evaluatePlan } = metric;
  return {
    rows: metric.rows,
    evaluate: (counts) => factor * metric.evaluate(counts),
    ...(evaluatePlan ? { evaluatePlan: (plan: BootstrapPlan) => evaluatePlan.call(metric, plan).map((x) => factor * x) } : {}),
  };
}
