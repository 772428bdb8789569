// evaluate/: held-out metrics, tie-exact and numerically careful, and the Metrics record of a model version.
export { type HeldOutResults, buildMetrics } from './build-metrics.js';
export { rocAuc, averagePrecision } from './ranking.js';
export { LOG_LOSS_EPS, logLoss, accuracy, f1Score, macroF1 } from './classification.js';
export { multiclassLogLoss, argmaxClasses, macroOvrAuc } from './multiclass.js';
export { rmse, mae } from './regression.js';
