// Multiclass metrics from row-major n x K probabilities: log loss, argmax classes, macro one-vs-rest ROC-AUC.
import { checkClassLabels, checkFiniteValues, invalidMetricInput } from './check-input.js';
import { LOG_LOSS_EPS } from './classification.js';
import { compensatedSum } from './compensated-sum.js';
import { rocAuc } from './ranking.js';

function rowCount(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  if (!(Number.isInteger(k) && k >= 2)) throw invalidMetricInput('k', `is ${k}, expected an integer >= 2`);
  if (labels.length === 0) throw invalidMetricInput('labels', 'is empty');
  if (probabilities.length !== labels.length * k) {
    throw invalidMetricInput('probabilities', `has ${probabilities.length} entries, expected ${labels.length} rows x ${k} classes`);
  }
  checkClassLabels('labels', labels, k);
  checkFiniteValues('probabilities', probabilities);
  return labels.length;
}

/**
 * Mean -log p[label] as sklearn.metrics.log_loss: each row clipped to [eps, 1 - eps] and then
 * renormalised to sum to 1.
 */
export function multiclassLogLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number, eps = LOG_LOSS_EPS): number {
  const n = rowCount(labels, probabilities, k);
  const clip = (p: number): number => Math.min(Math.max(p, eps), 1 - eps);
  const total = compensatedSum(n, (i) => {
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(probabilities[i * k + c]!);
    return -Math.log(clip(probabilities[i * k + labels[i]!]!) / rowSum);
  });
  return total / n;
}

/** Most likely class per row (first one on ties). */
export function argmaxClasses(probabilities: ArrayLike<number>, k: number): Int32Array {
  if (probabilities.length % k !== 0) throw invalidMetricInput('probabilities', `length ${probabilities.length} is not a multiple of ${k} classes`);
  const out = new Int32Array(probabilities.length / k);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * Macro one-vs-rest ROC-AUC: the unweighted mean over classes of rocAuc(label == c, p[:, c]), as
 * scikit-learn's multi_class='ovr', average='macro'. Where scikit-learn refuses a test set that
 * lacks a class, this averages over the classes present (and not universal), NaN if none is.
 */
export function macroOvrAuc(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): number {
  const n = rowCount(labels, probabilities, k);
  const isClass = new Uint8Array(n);
  const column = new Float64Array(n);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      isClass[i] = labels[i] === c ? 1 : 0;
      column[i] = probabilities[i * k + c]!;
    }
    const auc = rocAuc(isClass, column);
    if (Number.isNaN(auc)) continue;
    sum += auc;
    counted++;
  }
  return counted === 0 ? NaN : sum / counted;
}
