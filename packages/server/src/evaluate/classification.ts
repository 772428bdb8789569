// Classification metrics on held-out rows: log loss (clipped), accuracy, F1 and macro F1 of decisions.
import { checkBinaryLabels, checkClassLabels, checkFiniteValues, checkPair, invalidMetricInput } from './check-input.js';
import { compensatedSum } from './compensated-sum.js';

/**
 * Clipping for log loss: scikit-learn 1.2's eps='auto' for float64, so a confident wrong answer
 * costs -log(2.2e-16) = 36.04 instead of infinity.
 */
export const LOG_LOSS_EPS = Number.EPSILON;

/** Mean binary cross-entropy of P(event), probabilities clipped to [eps, 1 - eps]. */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, eps = LOG_LOSS_EPS): number {
  checkPair('labels', labels, 'probabilities', probabilities);
  checkBinaryLabels('labels', labels);
  checkFiniteValues('probabilities', probabilities);
  const total = compensatedSum(labels.length, (i) => {
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    return labels[i] === 1 ? -Math.log(p) : -Math.log1p(-p);
  });
  return total / labels.length;
}

/** Share of rows whose predicted class (0/1 or a class index) equals the label. */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair('labels', labels, 'predicted', predicted);
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) hits++;
  return hits / labels.length;
}

/** F1 of the positive class, 2TP / (2TP + FP + FN); 0 when there is neither a positive nor an alarm (scikit-learn's zero_division). */
export function f1Score(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair('labels', labels, 'predicted', predicted);
  checkBinaryLabels('labels', labels);
  checkBinaryLabels('predicted', predicted);
  return f1OfClass(labels, predicted, 1);
}

function f1OfClass(labels: ArrayLike<number>, predicted: ArrayLike<number>, c: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const isLabel = labels[i] === c;
    const isPredicted = predicted[i] === c;
    if (isLabel && isPredicted) tp++;
    else if (isPredicted) fp++;
    else if (isLabel) fn++;
  }
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/** Unweighted mean of per-class F1 over k classes (scikit-learn average='macro' with labels=range(k)). */
export function macroF1(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number {
  checkPair('labels', labels, 'predicted', predicted);
  if (!(Number.isInteger(k) && k >= 2)) throw invalidMetricInput('k', `is ${k}, expected an integer >= 2`);
  checkClassLabels('labels', labels, k);
  checkClassLabels('predicted', predicted, k);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += f1OfClass(labels, predicted, c);
  return sum / k;
}
