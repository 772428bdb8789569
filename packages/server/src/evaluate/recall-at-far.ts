// Recall at a fixed false-alarm rate: the share of events caught by the lowest alarm threshold whose false-alarm rate stays within a budget.
import { invalidMetricInput } from './check-input.js';
import { binaryCurve } from './ranking.js';

export function checkMaxFalseAlarmRate(maxFpr: number): void {
  if (!(Number.isFinite(maxFpr) && maxFpr >= 0 && maxFpr <= 1)) {
    throw invalidMetricInput('maxFpr', `is ${String(maxFpr)}, expected a false-alarm rate in [0, 1]`);
  }
}

/**
 * Largest TP / P over thresholds "alarm when score >= t" whose FP / N <= maxFpr. Tie-exact: a threshold
 * never splits tied scores, so tied rows alarm together (a tie straddling the budget is left out whole).
 * No threshold (no alarm at all) is always allowed, so the answer is at least 0. NaN when either class
 * is absent (recall or false-alarm rate undefined). FP / N is a correctly rounded division, so a budget
 * written as a decimal (0.57) compares exactly with 57 of 100 negatives.
 */
export function recallAtFalseAlarmRate(labels: ArrayLike<number>, scores: ArrayLike<number>, maxFpr: number): number {
  checkMaxFalseAlarmRate(maxFpr);
  const { tps, fps } = binaryCurve(labels, scores);
  const positives = tps[tps.length - 1]!;
  const negatives = fps[fps.length - 1]!;
  if (positives === 0 || negatives === 0) return NaN;
  let caught = 0;
  for (let g = 0; g < tps.length && fps[g]! / negatives <= maxFpr; g++) caught = tps[g]!;
  return caught / positives;
}
