// serve/: predictions from a use case's champion (or its degraded path for untrusted sensors): rows validated, decisions priced, SHAP on request.
export { createPredictionService, DEFAULT_TOP_CONTRIBUTIONS, type PredictionService, type PredictInput, type PredictionServiceOptions } from './prediction-service.js';
export { createSensorHealthBoard, type SensorHealthBoard } from './sensor-health-board.js';
export { untrustedInputs, type UntrustedInputs } from './untrusted-inputs.js';
export type { FallbackRule } from './degraded-answer.js';
export { heldOutEventRate } from './base-rate.js';
export { createPredictor, type ModelPrediction, type Predictor, type PredictorSpec, type PredictOptions } from './predictor.js';
export { compileRowReader, type RowReader, type CompiledFeature } from './row-reader.js';
export { versionPredictor } from './version-predictor.js';
export { createPredictionLog, type LoggedPrediction, type PredictionLog, type PredictionLogOptions, type PredictionLogStats, type ShadowResult } from './log/prediction-log.js';
export { listPredictions, loadPrediction, predictionDetail } from './log/query-log.js';
export { createRolloutRuntime, rowEntity, type DeploymentPlan, type RolloutRuntime, type RolloutRuntimeOptions } from './rollout/rollout-runtime.js';
export { readDeployment, setDeployment, promote, approve, rollback, deploymentEvents, type DeploymentDeps } from './rollout/deployment.js';
export { runCanary, type CanaryRun } from './rollout/canary-run.js';
export { decideCanary, type CanaryAction, type CanaryWindow } from './rollout/canary-controller.js';
export { assign, entityBucket } from './rollout/assign.js';
export { verdict, type VerdictRow } from './rollout/verdict.js';
export { verdictRows } from './rollout/verdict-rows.js';
