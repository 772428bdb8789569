// Every version's metrics on one cell (a set, or one slice of it) with bootstrap intervals and paired differences to the baseline.
import type { ComparisonCell, ComparisonMetric, Costs, Estimate } from '@shopfloor/contracts';
import {
  bootstrapPlan,
  percentileInterval,
  pairedDifferenceFromResamples,
  pointEstimate,
  resampledValues,
  scaledMetric,
  slicePlans,
  takeRows,
  weightedAccuracy,
  weightedCalibrationError,
  weightedF1,
  weightedLogLoss,
  weightedMae,
  weightedMean,
  weightedPhm08Score,
  weightedRankingMetrics,
  weightedRmse,
  type BootstrapPlan,
  type WeightedMetric,
} from '../../evaluate/index.js';
import type { ScoredSet, VersionScores } from './score-set.js';

/** The false-alarm rate recall_at_far is read at: 5% of healthy cases alarmed. */
export const RECALL_AT_FAR = 0.05;

export interface MetricSpec {
  name: ComparisonMetric;
  better: 'higher' | 'lower';
}

export interface EstimateOptions {
  resamples: number;
  confidence: number;
  seed: number;
}

/** One version's arrays restricted to the cell's entries. */
interface CellScores {
  predictions: Float64Array;
  decisions: Float64Array;
  costs: Float64Array;
  /** Multiclass: -log p(true class) per row. */
  classLoss?: Float64Array;
}

/** Prepares a group of metrics that share work (the ranking metrics share one sort); throws where they are undefined. */
type Prepare = (labels: Float64Array, v: CellScores) => Record<string, WeightedMetric>;

const SPECS: Record<Costs['kind'], MetricSpec[]> = {
  binary: [
    { name: 'roc_auc', better: 'higher' },
    { name: 'pr_auc', better: 'higher' },
    { name: 'recall_at_far', better: 'higher' },
    { name: 'f1', better: 'higher' },
    { name: 'calibration_error', better: 'lower' },
    { name: 'log_loss', better: 'lower' },
  ],
  multiclass: [
    { name: 'accuracy', better: 'higher' },
    { name: 'log_loss', better: 'lower' },
  ],
  regression: [
    { name: 'rmse', better: 'lower' },
    { name: 'mae', better: 'lower' },
    { name: 'phm08_score', better: 'lower' },
  ],
};
const COST_SPEC: MetricSpec = { name: 'cost_per_1000', better: 'lower' };

const PREPARE: Record<Costs['kind'], Prepare[]> = {
  binary: [
    (y, v) => {
      const r = weightedRankingMetrics(y, v.predictions, RECALL_AT_FAR);
      return { roc_auc: r.rocAuc, pr_auc: r.averagePrecision, recall_at_far: r.recallAtFalseAlarmRate };
    },
    (y, v) => ({ f1: weightedF1(y, v.decisions) }),
    (y, v) => ({ calibration_error: weightedCalibrationError(y, v.predictions) }),
    (y, v) => ({ log_loss: weightedLogLoss(y, v.predictions) }),
  ],
  multiclass: [(y, v) => ({ accuracy: weightedAccuracy(y, v.decisions) }), (_, v) => ({ log_loss: weightedMean(v.classLoss!) })],
  regression: [(y, v) => ({ rmse: weightedRmse(y, v.predictions), mae: weightedMae(y, v.predictions), phm08_score: weightedPhm08Score(y, v.predictions) })],
};
const PREPARE_COST: Prepare = (_, v) => ({ cost_per_1000: scaledMetric(weightedMean(v.costs), 1000) });

/**
 * The metrics a comparison reports for the task, cost last. phm08_score (remaining useful life) is a sum
 * over rows, so it grows with the set; compare it between versions on one set only.
 */
export function metricSpecs(costs: Costs): MetricSpec[] {
  return [...SPECS[costs.kind], COST_SPEC];
}

/** Every metric of the task prepared on one version's cell; a group that cannot be prepared (e.g. one class only) is left out. */
function prepareAll(kind: Costs['kind'], labels: Float64Array, scores: CellScores): Record<string, WeightedMetric> {
  const out: Record<string, WeightedMetric> = {};
  for (const prepare of [...PREPARE[kind], PREPARE_COST]) {
    try {
      Object.assign(out, prepare(labels, scores));
    } catch {
      // undefined on these rows: reported as null
    }
  }
  return out;
}

const LOG_EPS = 1e-15;

function cellScores(v: VersionScores, labels: Float64Array, entries: Int32Array | null, k: number): CellScores {
  const pick = (a: ArrayLike<number>) => (entries === null ? Float64Array.from(a) : takeRows(a, entries));
  let predictions: Float64Array;
  let classLoss: Float64Array | undefined;
  if (k === 1) predictions = pick(v.predictions);
  else {
    const n = v.decisions.length;
    const loss = new Float64Array(n);
    for (let i = 0; i < n; i++) loss[i] = -Math.log(Math.max(v.predictions[i * k + labels[i]!]!, LOG_EPS));
    classLoss = pick(loss);
    predictions = pick(v.decisions);
  }
  return { predictions, decisions: pick(v.decisions), costs: pick(v.costs), ...(classLoss === undefined ? {} : { classLoss }) };
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The cell's versions: each metric with its percentile interval, and for every version after the first
 * the paired difference (this version minus the baseline) with its interval and p-value. All versions
 * share one bootstrap plan per cell, so every difference is paired; a slice resamples inside itself.
 */
export function estimateVersions(set: ScoredSet, entries: Int32Array | null, specs: readonly MetricSpec[], options: EstimateOptions & { costs: Costs }, sliceKey = ''): ComparisonCell['versions'] {
  const labels = entries === null ? set.labels : takeRows(set.labels, entries);
  const k = options.costs.kind === 'multiclass' ? options.costs.classes.length : 1;
  const plan: BootstrapPlan | null =
    labels.length === 0 || options.resamples === 0
      ? null
      : entries === null
        ? bootstrapPlan(labels.length, { resamples: options.resamples, seed: options.seed })
        : slicePlans(new Map([[`${set.ref.name}/${sliceKey}`, entries]]), { resamples: options.resamples, seed: options.seed }).values().next().value!;
  const undefinedMetric = { value: NaN, resampled: new Float64Array(0) };
  const perVersion = set.versions.map((v) => {
    if (labels.length === 0) return specs.map(() => undefinedMetric);
    const prepared = prepareAll(options.costs.kind, labels, cellScores(v, set.labels, entries, k));
    return specs.map((spec) => {
      const metric = prepared[spec.name];
      if (metric === undefined) return undefinedMetric;
      return { value: pointEstimate(metric), resampled: plan === null ? new Float64Array(0) : resampledValues(plan, metric) };
    });
  });
  return set.versions.map((v, vi) => {
    const metrics: Record<string, Estimate> = {};
    specs.forEach((spec, mi) => {
      const { value, resampled } = perVersion[vi]![mi]!;
      const interval = plan === null ? null : percentileInterval(resampled, options.confidence);
      metrics[spec.name] = { value: orNull(value), low: interval === null ? null : orNull(interval.low), high: interval === null ? null : orNull(interval.high) };
    });
    const differences =
      vi === 0
        ? []
        : specs.map((spec, mi) => {
            const mine = perVersion[vi]![mi]!;
            const base = perVersion[0]![mi]!;
            if (plan === null) return { metric: spec.name, difference: orNull(mine.value - base.value), low: null, high: null, pValue: null };
            const d = pairedDifferenceFromResamples(mine.value, base.value, mine.resampled, base.resampled, options.confidence);
            return { metric: spec.name, difference: orNull(d.difference), low: orNull(d.low), high: orNull(d.high), pValue: orNull(d.pValue) };
          });
    return { modelVersionId: v.ref.id, metrics, differences };
  });
}
