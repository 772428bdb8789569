// Expected calibration error: how far predicted probabilities are from observed event rates, over equal-width bins.
import { checkBinaryLabels, checkPair, invalidMetricInput } from './check-input.js';

export const CALIBRATION_BINS = 10;

/**
 * Bin of probability p among `bins` equal-width bins, exactly as
 * sklearn.calibration.calibration_curve(strategy='uniform'): inner edges k * (1 / bins) as
 * np.linspace makes them, bin b holds edge_b < p <= edge_{b+1}, and the first bin also holds 0.
 * (So p = 0.3 lands in [0.2, 0.3], since linspace's third edge is 0.30000000000000004.)
 */
export function calibrationBin(p: number, bins: number): number {
  const step = 1 / bins;
  let b = 0;
  while (b < bins - 1 && (b + 1) * step < p) b++;
  return b;
}

export function checkCalibrationInput(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins: number): void {
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 1000)) throw invalidMetricInput('bins', `is ${bins}, expected an integer in [1, 1000]`);
  checkPair('labels', labels, 'probabilities', probabilities);
  checkBinaryLabels('labels', labels);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0 && p <= 1)) throw invalidMetricInput('probabilities', `row ${i} is ${String(p)}, expected a probability in [0, 1]`, { row: i });
  }
}

/**
 * ECE = sum over bins of (n_b / n) * |mean label_b - mean probability_b|, equal-width bins (10 by
 * default, scikit-learn's edges). Empty bins weigh nothing. Written as sum_b |sum(y - p) in b| / n,
 * which is the same number. 0 is perfect calibration; the worst is 1.
 */
export function expectedCalibrationError(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = CALIBRATION_BINS): number {
  checkCalibrationInput(labels, probabilities, bins);
  const gap = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    gap[calibrationBin(p, bins)]! += labels[i]! - p;
  }
  let sum = 0;
  for (let b = 0; b < bins; b++) sum += Math.abs(gap[b]!);
  return sum / labels.length;
}
