// Test fixtures: seeded label/score arrays with ties and the values scikit-learn 1.2.1 computes for them.
//
// Made with /usr/bin/python3 and scikit-learn 1.2.1 (Debian python3-sklearn):
//   rng = np.random.default_rng(seed); y = (rng.random(n) < 0.35).astype(int)
//   s = np.round(np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1), decimals)   # rounding makes ties
//   auc = roc_auc_score(y, s); ap = average_precision_score(y, s)
//   logLoss = log_loss(y, np.clip(s, 0.01, 0.99))
// for (seed, n, decimals) = (1, 30, 1), (2, 60, 2), (3, 25, 1); and the multiclass case:
//   rng = default_rng(4); y = rng.integers(0, 3, 40); raw = rng.random((40, 3)) + np.eye(3)[y] * 0.6
//   p = np.round(raw / raw.sum(1, keepdims=True), 2); p[:, -1] = np.round(1 - p[:, :-1].sum(1), 2)
//   auc = roc_auc_score(y, p, multi_class='ovr', average='macro'); logLoss = log_loss(y, p, labels=[0, 1, 2])

export interface BinaryCase {
  name: string;
  labels: number[];
  scores: number[];
  auc: number;
  ap: number;
  logLoss: number;
}

export const SKLEARN_BINARY_CASES: BinaryCase[] = [
  {
    name: 'seed 1, 30 rows, 1 decimal',
    labels: [0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0],
    scores: [0.4, 0.1, 0.7, 0.5, 0.7, 0.6, 0.0, 0.4, 0.3, 0.3, 0.4, 0.6, 0.7, 0.2, 0.9, 0.4, 0.7, 0.5, 0.4, 0.9, 0.5, 0.9, 0.1, 0.6, 0.1, 0.1, 0.6, 0.9, 0.9, 0.3],
    auc: 0.8995215311004785,
    ap: 0.9031385281385282,
    logLoss: 0.44098862307203507,
  },
  {
    name: 'seed 2, 60 rows, 2 decimals',
    labels: [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    scores: [
      0.42, 0.43, 0.42, 0.38, 0.01, 0.58, 0.37, 0.62, 0.64, 0.43, 0.35, 0.96, 0.53, 0.4, 0.43, 0.35, 0.68, 0.16, 0.48, 0.69, 0.33, 0.21, 0.65, 0.55, 0.31, 0.21, 0.01, 0.58, 0.38, 0.34, 0.99,
      0.31, 0.22, 0.03, 0.27, 0.26, 0.37, 0.0, 0.1, 0.15, 0.31, 0.21, 0.43, 0.2, 0.64, 0.97, 0.04, 0.45, 0.69, 0.84, 0.04, 0.13, 0.32, 0.47, 0.63, 0.61, 0.56, 0.04, 0.68, 0.73,
    ],
    auc: 0.7724867724867724,
    ap: 0.6772253156511041,
    logLoss: 0.5078646476531172,
  },
  {
    name: 'seed 3, 25 rows, 1 decimal',
    labels: [1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0],
    scores: [0.7, 0.6, 0.5, 0.0, 0.8, 0.3, 0.1, 0.8, 0.7, 0.4, 0.4, 0.2, 0.5, 0.5, 0.2, 0.6, 0.8, 0.5, 0.6, 0.6, 0.8, 0.6, 0.4, 0.9, 0.3],
    auc: 0.85,
    ap: 0.8243107769423559,
    logLoss: 0.508805982564203,
  },
];

export const SKLEARN_MULTICLASS_CASE = {
  k: 3,
  labels: [2, 2, 2, 1, 2, 2, 2, 0, 1, 1, 0, 1, 1, 2, 1, 0, 2, 2, 0, 1, 1, 2, 0, 1, 2, 1, 0, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 0, 1, 1],
  probabilities: [
    0.24, 0.32, 0.44, 0.08, 0.29, 0.63, 0.21, 0.4, 0.39, 0.11, 0.56, 0.33, 0.39, 0.24, 0.37, 0.34, 0.18, 0.48, 0.24, 0.11, 0.65, 0.68, 0.09, 0.23, 0.27, 0.57, 0.16, 0.34, 0.52, 0.14,
    0.58, 0.02, 0.4, 0.24, 0.64, 0.12, 0.16, 0.41, 0.43, 0.17, 0.2, 0.63, 0.41, 0.45, 0.14, 0.74, 0.06, 0.2, 0.33, 0.35, 0.32, 0.04, 0.38, 0.58, 0.59, 0.36, 0.05, 0.28, 0.45, 0.27,
    0.05, 0.73, 0.22, 0.24, 0.16, 0.6, 0.63, 0.33, 0.04, 0.18, 0.52, 0.3, 0.26, 0.06, 0.68, 0.22, 0.5, 0.28, 0.69, 0.27, 0.04, 0.08, 0.39, 0.53, 0.34, 0.23, 0.43, 0.41, 0.1, 0.49,
    0.13, 0.19, 0.68, 0.28, 0.5, 0.22, 0.01, 0.2, 0.79, 0.37, 0.15, 0.48, 0.33, 0.37, 0.3, 0.25, 0.22, 0.53, 0.23, 0.34, 0.43, 0.57, 0.3, 0.13, 0.31, 0.66, 0.03, 0.33, 0.28, 0.39,
  ],
  auc: 0.9735252525252526,
  logLoss: 0.6402582276145373,
};

/**
 * More answers for SKLEARN_BINARY_CASES, same order, scikit-learn 1.2.1 / numpy 1.24.2:
 *   fpr, tpr, _ = roc_curve(y, s, drop_intermediate=False); recallAtFpr[m] = tpr[fpr <= m].max()
 *   prob_true, prob_pred = calibration_curve(y, s, n_bins=10, strategy='uniform')
 *   n_b = bincount(searchsorted(linspace(0, 1, 11)[1:-1], s)), nonzero; ece = sum(n_b / n * |prob_true - prob_pred|)
 */
export const SKLEARN_BINARY_EXTRAS: { recallAtFpr10: number; recallAtFpr25: number; ece: number }[] = [
  { recallAtFpr10: 0.8181818181818182, recallAtFpr25: 0.8181818181818182, ece: 0.24333333333333335 },
  { recallAtFpr10: 0.4444444444444444, recallAtFpr25: 0.5, ece: 0.17616666666666664 },
  { recallAtFpr10: 0.6, recallAtFpr25: 0.6, ece: 0.24799999999999997 },
];
