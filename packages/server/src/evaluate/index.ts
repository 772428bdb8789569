// evaluate/: held-out metrics (tie-exact, numerically careful), bootstrap intervals and paired tests, event metrics, and the Metrics record of a model version.
export { type HeldOutResults, buildMetrics } from './build-metrics.js';
export { rocAuc, averagePrecision } from './ranking.js';
export { LOG_LOSS_EPS, logLoss, accuracy, f1Score, macroF1 } from './classification.js';
export { multiclassLogLoss, argmaxClasses, macroOvrAuc } from './multiclass.js';
export { rmse, mae } from './regression.js';
export { recallAtFalseAlarmRate } from './recall-at-far.js';
export { CALIBRATION_BINS, calibrationBin, expectedCalibrationError } from './calibration.js';
export { calibrationCurve, evenlySpaced, histogram, precisionRecallCurve, rocCurve } from './curves.js';
export { phm08Penalty, phm08Score } from './rul-score.js';
export { DAY_MS, eventMetrics, type AssetPredictions, type EventMetricOptions, type EventMetrics, type FailureEvent, type FailureOutcome } from './event-metrics.js';
export { DEFAULT_RESAMPLES, bootstrapPlan, resampleCounts, slicePlans, type BootstrapOptions, type BootstrapPlan } from './bootstrap-plan.js';
export { MISSING_SLICE, sliceIndex, takeRows } from './slices.js';
export { pointEstimate, scaledMetric, type WeightedMetric } from './weighted-metric.js';
export {
  sortScores,
  weightedAveragePrecision,
  weightedRankingMetrics,
  weightedRecallAtFalseAlarmRate,
  weightedRocAuc,
  type SortedScores,
} from './weighted-ranking.js';
export {
  weightedAccuracy,
  weightedCalibrationError,
  weightedF1,
  weightedLogLoss,
  weightedMae,
  weightedMean,
  weightedPhm08Score,
  weightedRmse,
} from './weighted-pointwise.js';
export { DEFAULT_CONFIDENCE, metricWithInterval, percentileInterval, resampledValues, type MetricWithInterval } from './interval.js';
export { pairedDifference, pairedDifferenceFromResamples, pairedPValue, type PairedDifference } from './paired-test.js';
export { mcnemarExact, mcnemarExactP, type McNemarResult } from './mcnemar.js';
