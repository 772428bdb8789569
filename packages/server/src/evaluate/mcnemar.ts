// McNemar's exact test: do two models' binary decisions differ in accuracy, judged only on the rows where they disagree?
import { checkBinaryLabels, checkPair } from './check-input.js';

export interface McNemarResult {
  /** Rows A decides right and B wrong, and the reverse; rows where both agree carry no evidence. */
  onlyACorrect: number;
  onlyBCorrect: number;
  pValue: number;
}

/**
 * Exact two-sided p of b successes in b + c fair coin flips: min(1, 2 * P(X <= min(b, c))),
 * X ~ Binomial(b + c, 1/2), as statsmodels' mcnemar(exact=True). Summed in log space so thousands of
 * disagreements do not underflow 0.5^n. p = 1 when the models never disagree.
 */
export function mcnemarExactP(b: number, c: number): number {
  const n = b + c;
  const k = Math.min(b, c);
  if (n === 0) return 1;
  // log P(X = j) for j = 0..k, from log C(n, 0) = 0 by C(n, j+1) = C(n, j) * (n - j) / (j + 1)
  const logs: number[] = [];
  let logC = 0;
  for (let j = 0; j <= k; j++) {
    logs.push(logC - n * Math.LN2);
    logC += Math.log(n - j) - Math.log(j + 1);
  }
  const top = logs[logs.length - 1]!; // the largest term, since k <= n / 2
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  return Math.min(1, 2 * Math.exp(top + Math.log(sum)));
}

export function mcnemarExact(labels: ArrayLike<number>, decisionsA: ArrayLike<number>, decisionsB: ArrayLike<number>): McNemarResult {
  checkPair('labels', labels, 'decisionsA', decisionsA);
  checkPair('labels', labels, 'decisionsB', decisionsB);
  checkBinaryLabels('labels', labels);
  checkBinaryLabels('decisionsA', decisionsA);
  checkBinaryLabels('decisionsB', decisionsB);
  let onlyACorrect = 0;
  let onlyBCorrect = 0;
  for (let i = 0; i < labels.length; i++) {
    const aRight = decisionsA[i] === labels[i];
    const bRight = decisionsB[i] === labels[i];
    if (aRight && !bRight) onlyACorrect++;
    else if (bRight && !aRight) onlyBCorrect++;
  }
  return { onlyACorrect, onlyBCorrect, pValue: mcnemarExactP(onlyACorrect, onlyBCorrect) };
}
