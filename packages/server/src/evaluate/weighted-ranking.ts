// Ranking metrics under row weights: each version's scores are sorted once, then every resample is one pass over that order.
import { checkBinaryLabels, checkFiniteValues, checkPair } from './check-input.js';
import { checkMaxFalseAlarmRate } from './recall-at-far.js';
import type { BootstrapPlan } from './bootstrap-plan.js';
import { planAreas, planRecallAtFalseAlarmRate } from './ranking-plan.js';
import type { WeightedMetric } from './weighted-metric.js';

/**
 * Rows by score, highest first, with their labels and where each run of tied scores ends:
 *
 *   order:     [7, 2, 5, 0, ...]   row indices, score descending
 *   positive:  [1, 0, 1, 1, ...]   label of order[k]
 *   tieEnd:    [1, 0, 1, 0, ...]   1 when order[k] is the last of its tied scores
 *
 * A pass accumulates weighted TP and FP along `order` and takes one curve step at each tieEnd, which
 * is exactly binaryCurve of the materialised resample (a repeated row repeats its score, never splitting a tie).
 */
export interface SortedScores {
  readonly order: Int32Array;
  readonly positive: Uint8Array;
  readonly tieEnd: Uint8Array;
  /** Row indices of each class, to total a class's weight without a full pass. */
  readonly positives: Int32Array;
  readonly negatives: Int32Array;
  /** AUC and AP per resample, computed together once per plan (see planAreas). */
  readonly planAreas: WeakMap<BootstrapPlan, { auc: Float64Array; ap: Float64Array }>;
}

export function sortScores(labels: ArrayLike<number>, scores: ArrayLike<number>): SortedScores {
  checkPair('labels', labels, 'scores', scores);
  checkBinaryLabels('labels', labels);
  checkFiniteValues('scores', scores);
  const n = labels.length;
  const s = Float64Array.from({ length: n }, (_, i) => scores[i]!);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b]! - s[a]!);
  const positive = new Uint8Array(n);
  const tieEnd = new Uint8Array(n);
  const byClass: [number[], number[]] = [[], []];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    positive[k] = labels[i] === 1 ? 1 : 0;
    (positive[k] ? byClass[1] : byClass[0]).push(i);
    tieEnd[k] = k === n - 1 || s[order[k + 1]!] !== s[i] ? 1 : 0;
  }
  return { order, positive, tieEnd, positives: Int32Array.from(byClass[1]), negatives: Int32Array.from(byClass[0]), planAreas: new WeakMap() };
}

/** ROC-AUC under weights (trapezoids over tie steps, as rocAuc). NaN when a class has zero weight. */
export function weightedRocAuc(sorted: SortedScores): WeightedMetric {
  const { order, positive, tieEnd } = sorted;
  return {
    rows: order.length,
    evaluate(counts) {
      let tp = 0, fp = 0, tpPrev = 0, fpPrev = 0, twiceArea = 0;
      for (let k = 0; k < order.length; k++) {
        const w = counts[order[k]!]!;
        if (positive[k]) tp += w;
        else fp += w;
        if (tieEnd[k]) {
          twiceArea += (fp - fpPrev) * (tpPrev + tp);
          tpPrev = tp;
          fpPrev = fp;
        }
      }
      return tp === 0 || fp === 0 ? NaN : twiceArea / (2 * tp * fp);
    },
    evaluatePlan(plan) {
      return planAreas(sorted, plan).auc.slice();
    },
  };
}

/** Average precision (PR-AUC) under weights, as averagePrecision. NaN when positives have zero weight. */
export function weightedAveragePrecision(sorted: SortedScores): WeightedMetric {
  const { order, positive, tieEnd } = sorted;
  return {
    rows: order.length,
    evaluate(counts) {
      let tp = 0, fp = 0, tpPrev = 0, sum = 0;
      for (let k = 0; k < order.length; k++) {
        const w = counts[order[k]!]!;
        if (positive[k]) tp += w;
        else fp += w;
        if (tieEnd[k]) {
          if (tp > tpPrev) sum += ((tp - tpPrev) * tp) / (tp + fp);
          tpPrev = tp;
        }
      }
      return tp === 0 ? NaN : sum / tp;
    },
    evaluatePlan(plan) {
      return planAreas(sorted, plan).ap.slice();
    },
  };
}

/**
 * Recall at a false-alarm budget under weights, as recallAtFalseAlarmRate. Class weights are totalled
 * first (over each class's rows), so the pass stops at the first tie step over the budget.
 */
export function weightedRecallAtFalseAlarmRate(sorted: SortedScores, maxFpr: number): WeightedMetric {
  checkMaxFalseAlarmRate(maxFpr);
  const { order, positive, tieEnd, positives, negatives } = sorted;
  const total = (rows: Int32Array, counts: ArrayLike<number>): number => {
    let sum = 0;
    for (let k = 0; k < rows.length; k++) sum += counts[rows[k]!]!;
    return sum;
  };
  return {
    rows: order.length,
    evaluate(counts) {
      const totalPositive = total(positives, counts);
      const totalNegative = total(negatives, counts);
      if (totalPositive === 0 || totalNegative === 0) return NaN;
      let tp = 0, fp = 0, caught = 0;
      for (let k = 0; k < order.length; k++) {
        const w = counts[order[k]!]!;
        if (positive[k]) tp += w;
        else fp += w;
        if (tieEnd[k]) {
          if (fp / totalNegative > maxFpr) break;
          caught = tp;
        }
      }
      return caught / totalPositive;
    },
    evaluatePlan(plan) {
      return planRecallAtFalseAlarmRate(sorted, plan, maxFpr);
    },
  };
}

/**
 * The three ranking metrics of one version on one sort: AUC and AP then share one pass per plan
 * (planAreas caches on the sorted scores), recall@FAR stops early.
 */
export function weightedRankingMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  maxFpr: number,
): { rocAuc: WeightedMetric; averagePrecision: WeightedMetric; recallAtFalseAlarmRate: WeightedMetric } {
  const sorted = sortScores(labels, scores);
  return { rocAuc: weightedRocAuc(sorted), averagePrecision: weightedAveragePrecision(sorted), recallAtFalseAlarmRate: weightedRecallAtFalseAlarmRate(sorted, maxFpr) };
}
