// @shopfloor/server's programmatic API: the app, the store, access, config and clock (used by the CLI and e2e tests).
export * from './api/index.js';
export * from './store/index.js';
export * from './access/index.js';
export { loadConfig, isTimeZone, LOG_LEVELS, type Config, type Env, type LogLevel } from './config.js';
export { loadMqttIngestConfig, DEFAULT_MQTT_INGEST_TOPICS, type MqttIngestConfig } from './config-mqtt-ingest.js';
export { manualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export { openShopfloor, createShopfloor, type Shopfloor, type ShopfloorDeps, type OpenShopfloorOptions } from './shopfloor.js';
export type { PredictInput } from './serve/index.js';
export { DEFAULT_TRAINING_PARAMS } from './learn/index.js';
export { renderComparison } from './compare/index.js';
export { createSensorsFacade, type SensorsFacade } from './shopfloor-sensors.js';
export { createFallbackRulesFacade, type FallbackRulesFacade } from './shopfloor-fallback-rules.js';
