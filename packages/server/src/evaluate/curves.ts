// Curves for plotting held-out results: ROC and precision-recall at every distinct threshold, reliability bins, histograms, thinned to a drawable size.
import type { CalibrationBin, PrPoint, RocPoint } from '@shopfloor/contracts';
import { calibrationBin, checkCalibrationInput } from './calibration.js';
import { checkBinaryLabels, checkFiniteValues, checkPair } from './check-input.js';

interface ThresholdCounts {
  /** Distinct scores, highest first; entry i counts rows with score >= thresholds[i]. */
  thresholds: number[];
  truePositives: number[];
  falsePositives: number[];
  positives: number;
  negatives: number;
}

/** Cumulative true and false positives at each distinct score, alarming at score >= threshold (ties move together). */
function thresholdCounts(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCounts {
  checkPair('labels', labels, 'scores', scores);
  checkBinaryLabels('labels', labels);
  checkFiniteValues('scores', scores);
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const out: ThresholdCounts = { thresholds: [], truePositives: [], falsePositives: [], positives: 0, negatives: 0 };
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next]! !== scores[i]!) {
      out.thresholds.push(scores[i]!);
      out.truePositives.push(tp);
      out.falsePositives.push(fp);
    }
  }
  out.positives = tp;
  out.negatives = fp;
  return out;
}

/** `k` indices spread evenly over 0..n-1, first and last included (all of them when n <= k). */
export function evenlySpaced(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  if (k <= 1) return n === 0 ? [] : [0];
  const picked = new Set<number>();
  for (let j = 0; j < k; j++) picked.add(Math.round((j * (n - 1)) / (k - 1)));
  return [...picked];
}

/**
 * ROC points from (0, 0) to (1, 1), one per distinct score (scikit-learn's roc_curve with
 * drop_intermediate=False), thinned to at most `maxPoints`. Null when the rows hold one class only.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, maxPoints: number): RocPoint[] | null {
  const c = thresholdCounts(labels, scores);
  if (c.positives === 0 || c.negatives === 0) return null;
  const points: RocPoint[] = [{ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 }];
  for (let i = 0; i < c.thresholds.length; i++) {
    points.push({ threshold: c.thresholds[i]!, falsePositiveRate: c.falsePositives[i]! / c.negatives, truePositiveRate: c.truePositives[i]! / c.positives });
  }
  return evenlySpaced(points.length, maxPoints).map((i) => points[i]!);
}

/** Precision and recall at each distinct score, highest threshold (lowest recall) first; null without a positive row. */
export function precisionRecallCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, maxPoints: number): PrPoint[] | null {
  const c = thresholdCounts(labels, scores);
  if (c.positives === 0) return null;
  const points = c.thresholds.map((threshold, i) => {
    const tp = c.truePositives[i]!;
    return { threshold, recall: tp / c.positives, precision: tp / (tp + c.falsePositives[i]!) };
  });
  return evenlySpaced(points.length, maxPoints).map((i) => points[i]!);
}

/**
 * Reliability diagram: equal-width probability bins with the bin edges of expectedCalibrationError
 * (so the plot and the metric agree), the mean prediction and the observed event rate in each.
 */
export function calibrationCurve(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins: number): CalibrationBin[] {
  checkCalibrationInput(labels, probabilities, bins);
  const rows = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const events = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const b = calibrationBin(probabilities[i]!, bins);
    rows[b]!++;
    predicted[b]! += probabilities[i]!;
    events[b]! += labels[i]!;
  }
  return Array.from({ length: bins }, (_, b) => ({
    low: b / bins,
    high: (b + 1) / bins,
    rows: rows[b]!,
    meanPredicted: rows[b] === 0 ? null : predicted[b]! / rows[b]!,
    observedRate: rows[b] === 0 ? null : events[b]! / rows[b]!,
  }));
}

/** Equal-width histogram over [min, max] of the finite values; the last bin holds the max. Empty for no finite value. */
export function histogram(values: ArrayLike<number>, bins: number): { low: number; high: number; rows: number }[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return [];
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  }
  return counts.map((rows, b) => ({ low: min + b * width, high: b === bins - 1 && max > min ? max : min + (b + 1) * width, rows }));
}
