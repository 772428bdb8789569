// registry/: immutable model versions, their artifacts, movable aliases with their history, model cards and metric history.
export { registerModel, beatsNoModel, CHAMPION, type NewModel } from './register.js';
export { listModels, championId, getModelRecord } from './read.js';
export { createModelCache, type ModelCache } from './model-cache.js';
export { createChampionAliases, CHAMPION_TTL_MS, type ChampionAliases } from './champion-cache.js';
export { toModelVersion, StoredMetrics, StoredTraining, FeatureImportance } from './model-record.js';
export { parseAliasName, resolveModelRef } from './model-ref.js';
export { listAliases, moveAlias, removeAlias, pointAlias, ALIAS_ROLE, type RegistryDeps } from './aliases.js';
export { setKnownLimits } from './known-limits.js';
export { modelCard } from './model-card.js';
export { metricsHistory } from './metrics-history.js';
export { sensorRobustnessOf } from './sensor-robustness.js';
