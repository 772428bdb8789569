// serve/: predictions from a use case's champion (or its degraded path for untrusted sensors): rows validated, decisions priced, SHAP on request.
export { createPredictionService, DEFAULT_TOP_CONTRIBUTIONS, type PredictionService, type PredictInput, type PredictionServiceOptions } from './prediction-service.js';
export { createSensorHealthBoard, type SensorHealthBoard } from './sensor-health-board.js';
export { untrustedInputs, type UntrustedInputs } from './untrusted-inputs.js';
export type { FallbackRule } from './degraded-answer.js';
export { heldOutEventRate } from './base-rate.js';
export { createPredictor, type ModelPrediction, type Predictor, type PredictorSpec, type PredictOptions } from './predictor.js';
export { compileRowReader, type RowReader, type CompiledFeature } from './row-reader.js';
export { versionPredictor } from './version-predictor.js';
