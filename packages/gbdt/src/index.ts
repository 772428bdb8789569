// Public entry of @shopfloor/gbdt: the estimator, model (de)serialisation, parameter schema and types.
export * from './types.js';
export * from './api.js';
export type { FlatTree, Forest } from './tree.js';
export { GradientBoosting, modelFromForest, type ModelMeta } from './booster.js';
export { saveModel, loadModel, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './format.js';
export { paramSchema, defaultParams, resolveParams, OBJECTIVES, type ParamSpec, type ParamName } from './params.js';
export { importXGBoost, SUPPORTED_XGBOOST_VERSIONS, type ImportXGBoostOptions } from './import-xgboost.js';
