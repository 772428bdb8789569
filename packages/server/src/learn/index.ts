// learn/: the fixed split of a use case, its target and feature matrix, and training one model (pure; storing is registry/).
export {
  assignSplit,
  defaultSplit,
  benchmarkKeyColumns,
  benchmarkKeys,
  excludeBenchmarkRows,
  stableHash,
  type BenchmarkKeySet,
  type DefaultSplitInput,
} from './split.js';
export { useCaseInvalid, deriveClasses, encodeLabels, classTextOf } from './target.js';
export { requireColumns, featureKindOf, modelFeatures, buildMatrix, rowsOf, type FeatureKind } from './feature-matrix.js';
export { validationMask, VALIDATION_FRACTION } from './validation-split.js';
export { DEFAULT_TRAINING_PARAMS, trainingParams, storedParams } from './training-params.js';
export { trainModel, type TrainInput, type TrainedModel, type RowCounts } from './train-model.js';
export { rowTargets, type LabelLineage, type RowTargets } from './label-target.js';
export { trainingWindow, type TrainingWindow } from './data-window.js';
export { codeVersion, gitCommit } from './code-version.js';
