// Ranking metrics for a binary score: ROC-AUC and average precision, tie-exact as in scikit-learn.
import { checkBinaryLabels, checkFiniteValues, checkPair } from './check-input.js';

/**
 * Cumulative counts at each distinct score, highest first (scikit-learn's _binary_clf_curve):
 * tps[g], fps[g] = positives and negatives with score >= the g-th distinct score. Tied rows enter
 * together, so a tie is one step of the curve (a diagonal segment), never an arbitrary order.
 */
export function binaryCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): { tps: number[]; fps: number[] } {
  checkPair('labels', labels, 'scores', scores);
  checkBinaryLabels('labels', labels);
  checkFiniteValues('scores', scores);
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; ) {
    const value = scores[order[r]!]!;
    for (; r < n && scores[order[r]!]! === value; r++) {
      if (labels[order[r]!] === 1) tp++;
      else fp++;
    }
    tps.push(tp);
    fps.push(fp);
  }
  return { tps, fps };
}

/**
 * Area under the ROC curve by the trapezoid rule over the distinct thresholds, as
 * sklearn.metrics.roc_auc_score: a tied positive/negative pair counts one half. Summed in integer
 * counts (2 * area * P * N) so the only rounding is the final division. NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { tps, fps } = binaryCurve(labels, scores);
  const positives = tps[tps.length - 1]!;
  const negatives = fps[fps.length - 1]!;
  if (positives === 0 || negatives === 0) return NaN;
  let twiceArea = 0;
  let tpPrev = 0;
  let fpPrev = 0;
  for (let g = 0; g < tps.length; g++) {
    const dFp = fps[g]! - fpPrev;
    twiceArea += dFp * (2 * tpPrev + (tps[g]! - tpPrev)); // trapezoid: dFp * (tpPrev + tp) / 2, doubled
    tpPrev = tps[g]!;
    fpPrev = fps[g]!;
  }
  return twiceArea / (2 * positives * negatives);
}

/**
 * Average precision as sklearn.metrics.average_precision_score: sum over distinct thresholds of
 * (R_g - R_{g-1}) * P_g, no interpolation. NaN when there are no positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { tps, fps } = binaryCurve(labels, scores);
  const positives = tps[tps.length - 1]!;
  if (positives === 0) return NaN;
  let sum = 0;
  let tpPrev = 0;
  for (let g = 0; g < tps.length; g++) {
    const tp = tps[g]!;
    if (tp > tpPrev) sum += ((tp - tpPrev) * tp) / (tp + fps[g]!);
    tpPrev = tp;
  }
  return sum / positives;
}
