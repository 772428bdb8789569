// Row-wise metrics under row weights: each row's term is computed once, a resample is a weighted sum.
import type { BootstrapPlan } from './bootstrap-plan.js';
import { calibrationBin, CALIBRATION_BINS, checkCalibrationInput } from './calibration.js';
import { checkBinaryLabels, checkFiniteValues, checkPair, invalidMetricInput } from './check-input.js';
import { LOG_LOSS_EPS } from './classification.js';
import { addColumns } from './plan-columns.js';
import { phm08Penalty } from './rul-score.js';
import type { WeightedMetric } from './weighted-metric.js';

/**
 * For every resample r at once: acc[r] = sum_i counts[i][r] * terms[i], rows with a zero term skipped
 * (a correct decision adds nothing to an error rate). Every resample of a plan draws exactly
 * plan.rows rows, so a weighted mean divides by plan.rows.
 */
function planSums(plan: BootstrapPlan, terms: Float64Array): Float64Array {
  const rows: number[] = [];
  const values: number[] = [];
  terms.forEach((t, i) => {
    if (t !== 0) rows.push(i), values.push(t);
  });
  const acc = new Float64Array(plan.resamples);
  addColumns(acc, plan, rows, 0, rows.length, values);
  return acc;
}

/** finish(sum_i w_i * term_i / sum_i w_i) for 'mean', finish(sum_i w_i * term_i) for 'sum'. */
function weightedTerms(terms: Float64Array, reduce: 'mean' | 'sum', finish: (x: number) => number = (x) => x): WeightedMetric {
  return {
    rows: terms.length,
    evaluate(counts) {
      let sum = 0;
      let weight = 0;
      for (let i = 0; i < terms.length; i++) {
        const w = counts[i]!;
        sum += w * terms[i]!;
        weight += w;
      }
      if (reduce === 'sum') return finish(sum);
      return weight === 0 ? NaN : finish(sum / weight);
    },
    evaluatePlan(plan) {
      const acc = planSums(plan, terms);
      const divisor = reduce === 'sum' ? 1 : plan.rows;
      for (let r = 0; r < acc.length; r++) acc[r] = finish(acc[r]! / divisor);
      return acc;
    },
  };
}

/** Weighted mean of any per-row quantity (a cost, a multiclass -log p), the building block of the others. */
export function weightedMean(terms: ArrayLike<number>, name = 'terms'): WeightedMetric {
  if (terms.length === 0) throw invalidMetricInput(name, 'is empty');
  checkFiniteValues(name, terms);
  return weightedTerms(Float64Array.from(terms), 'mean');
}

export function weightedLogLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, eps = LOG_LOSS_EPS): WeightedMetric {
  checkPair('labels', labels, 'probabilities', probabilities);
  checkBinaryLabels('labels', labels);
  checkFiniteValues('probabilities', probabilities);
  const terms = Float64Array.from({ length: labels.length }, (_, i) => {
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    return labels[i] === 1 ? -Math.log(p) : -Math.log1p(-p);
  });
  return weightedTerms(terms, 'mean');
}

/** Share of rows decided right, computed as 1 - error rate so the fast path only visits the wrong rows. */
export function weightedAccuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): WeightedMetric {
  checkPair('labels', labels, 'predicted', predicted);
  return weightedTerms(Float64Array.from({ length: labels.length }, (_, i) => (labels[i] === predicted[i] ? 0 : 1)), 'mean', (x) => 1 - x);
}

/** F1 of the positive class under weights, as f1Score (0 with neither a positive nor an alarm). */
export function weightedF1(labels: ArrayLike<number>, decisions: ArrayLike<number>): WeightedMetric {
  checkPair('labels', labels, 'decisions', decisions);
  checkBinaryLabels('labels', labels);
  checkBinaryLabels('decisions', decisions);
  // F1 = 2TP / (2TP + FP + FN): a true alarm weighs in TP, a false alarm or a miss in "wrong", a true negative nowhere.
  const trueAlarm = Float64Array.from({ length: labels.length }, (_, i) => (labels[i] === 1 && decisions[i] === 1 ? 1 : 0));
  const wrong = Float64Array.from({ length: labels.length }, (_, i) => (labels[i] !== decisions[i] ? 1 : 0));
  const f1 = (tp: number, w: number): number => (tp + w === 0 ? 0 : (2 * tp) / (2 * tp + w));
  return {
    rows: labels.length,
    evaluate(counts) {
      let tp = 0;
      let w = 0;
      for (let i = 0; i < trueAlarm.length; i++) {
        tp += counts[i]! * trueAlarm[i]!;
        w += counts[i]! * wrong[i]!;
      }
      return f1(tp, w);
    },
    evaluatePlan(plan) {
      const tp = planSums(plan, trueAlarm);
      const w = planSums(plan, wrong);
      return tp.map((t, r) => f1(t, w[r]!));
    },
  };
}

/** Expected calibration error under weights, as expectedCalibrationError (rows binned once). */
export function weightedCalibrationError(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = CALIBRATION_BINS): WeightedMetric {
  checkCalibrationInput(labels, probabilities, bins);
  const bin = Uint16Array.from({ length: labels.length }, (_, i) => calibrationBin(probabilities[i]!, bins));
  const gapTerm = Float64Array.from({ length: labels.length }, (_, i) => labels[i]! - probabilities[i]!);
  const gap = new Float64Array(bins); // scratch, reused by every evaluation
  const byBin: number[][] = Array.from({ length: bins }, () => []);
  const gapByBin: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < bin.length; i++) {
    byBin[bin[i]!]!.push(i);
    gapByBin[bin[i]!]!.push(gapTerm[i]!);
  }
  return {
    rows: bin.length,
    evaluate(counts) {
      gap.fill(0);
      let weight = 0;
      for (let i = 0; i < bin.length; i++) {
        const w = counts[i]!;
        gap[bin[i]!]! += w * gapTerm[i]!;
        weight += w;
      }
      let sum = 0;
      for (let b = 0; b < bins; b++) sum += Math.abs(gap[b]!);
      return weight === 0 ? NaN : sum / weight;
    },
    evaluatePlan(plan) {
      // Bin by bin: the signed gap of every resample, then its absolute value into the sum.
      const out = new Float64Array(plan.resamples);
      const gap = new Float64Array(plan.resamples);
      for (let b = 0; b < bins; b++) {
        const rows = byBin[b]!;
        if (rows.length === 0) continue;
        gap.fill(0);
        addColumns(gap, plan, rows, 0, rows.length, gapByBin[b]);
        for (let r = 0; r < out.length; r++) out[r]! += Math.abs(gap[r]!);
      }
      for (let r = 0; r < out.length; r++) out[r]! /= plan.rows;
      return out;
    },
  };
}

function regressionErrors(truths: ArrayLike<number>, predictions: ArrayLike<number>): Float64Array {
  checkPair('truths', truths, 'predictions', predictions);
  checkFiniteValues('truths', truths);
  checkFiniteValues('predictions', predictions);
  return Float64Array.from({ length: truths.length }, (_, i) => predictions[i]! - truths[i]!);
}

export function weightedRmse(truths: ArrayLike<number>, predictions: ArrayLike<number>): WeightedMetric {
  return weightedTerms(regressionErrors(truths, predictions).map((d) => d * d), 'mean', Math.sqrt);
}

export function weightedMae(truths: ArrayLike<number>, predictions: ArrayLike<number>): WeightedMetric {
  return weightedTerms(regressionErrors(truths, predictions).map(Math.abs), 'mean');
}

/** PHM08 score under weights: a sum, so a resample of the same size keeps its scale. */
export function weightedPhm08Score(truths: ArrayLike<number>, predictions: ArrayLike<number>): WeightedMetric {
  return weightedTerms(regressionErrors(truths, predictions).map(phm08Penalty), 'sum');
}
