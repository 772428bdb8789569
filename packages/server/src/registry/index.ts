// registry/: immutable model versions, their artifacts and movable aliases (champion), and loaded models cached per version.
export { registerModel, beatsNoModel, CHAMPION, type NewModel } from './register.js';
export { listModels, championId, getModelRecord } from './read.js';
export { createModelCache, type ModelCache } from './model-cache.js';
export { toModelVersion, StoredMetrics, FeatureImportance } from './model-record.js';
