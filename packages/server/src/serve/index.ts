// serve/: predictions from a use case's champion: rows validated against the model's inputs, decisions priced, SHAP on request.
export { createPredictionService, DEFAULT_TOP_CONTRIBUTIONS, type PredictionService, type PredictInput } from './prediction-service.js';
export { createPredictor, type Predictor, type PredictorSpec, type PredictOptions } from './predictor.js';
export { compileRowReader, type RowReader, type CompiledFeature } from './row-reader.js';
export { versionPredictor } from './version-predictor.js';
