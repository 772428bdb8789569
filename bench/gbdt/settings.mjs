// Our learner's settings for the benchmark, matching the peers' (xgboost hist: 200 rounds, depth 6, eta 0.1, lambda 1).

/** The settings; XGBoost has no minimum leaf size, so minSamplesLeaf 1; maxLeafNodes unset (depth-wise to 6). */
export function benchParams(task) {
  return {
    objective: task === 'binary' ? 'binary' : 'squared_error',
    maxIter: task === 'binary' ? 200 : 300,
    maxDepth: 6,
    maxLeafNodes: undefined,
    learningRate: 0.1,
    l2Regularization: 1,
    minChildWeight: 1,
    minSamplesLeaf: 1,
    maxBins: 255,
    subsample: 1,
    colsampleByTree: 1,
    seed: 0,
  };
}

