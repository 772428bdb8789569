// Quality metrics (ROC AUC with ties, RMSE, the PHM08 RUL score) and order statistics for timings.

/**
 * ROC AUC as scikit-learn's roc_auc_score: the Mann-Whitney statistic with tied scores sharing their
 * average rank. y holds 0/1 labels.
 */
export function rocAuc(y, score) {
  const n = y.length;
  if (score.length !== n) throw new Error(`rocAuc: ${n} labels but ${score.length} scores`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) nPos++;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) throw new Error('rocAuc: only one class in y');
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[order[k]] === 1) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function rmse(pred, truth) {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (pred[i] - truth[i]) ** 2;
  return Math.sqrt(s / truth.length);
}

/** PHM08 / NASA score: sum of exp(-d/13)-1 for early (d < 0) and exp(d/10)-1 for late predictions, d = pred - true. */
export function nasaScore(pred, truth) {
  let s = 0;
  for (let i = 0; i < truth.length; i++) {
    const d = pred[i] - truth[i];
    s += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
  }
  return s;
}

/** Linear-interpolated percentile (numpy's default), q in [0, 100]. */
export function percentile(values, q) {
  const v = Float64Array.from(values).sort();
  if (v.length === 0) return NaN;
  const pos = ((v.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

export function median(values) {
  return percentile(values, 50);
}
