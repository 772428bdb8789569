// Server settings read once from the environment; every bad value is CONFIG_INVALID naming its variable.
import { resolve } from 'node:path';
import { ShopfloorError } from '@shopfloor/contracts';
import { loadMqttIngestConfig, type MqttIngestConfig } from './config-mqtt-ingest.js';
import { loadOpcuaIngestConfig, type OpcuaIngestConfig } from './config-opcua-ingest.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** `postgres://...` or `sqlite:<path>`; undefined means SQLite at `<dataDir>/shopfloor.db`. */
  databaseUrl: string | undefined;
  /** Absolute path. */
  dataDir: string;
  host: string;
  port: number;
  /** IANA zone used to read timestamps that carry no offset. */
  timeZone: string;
  logLevel: LogLevel;
  /** Directory of the built web UI to serve at `/`; undefined serves the API only. */
  webDist: string | undefined;
  /** Largest accepted request body (dataset uploads are the big ones). */
  bodyLimitBytes: number;
  /** How many of a new champion's most critical sensors get a companion model after training (0 = none); 2 when unset. */
  companionSensors?: number;
  /** Rollouts (serve/rollout): mirror allow-list and token, promotion approval, shadow budget, canary timer; defaults when unset. */
  rollout?: RolloutConfig;
  /** Live trust: seconds without a critical finding (reading time) before an untrusted sensor is trusted again; 600 when unset. */
  trustQuietSeconds?: number;
  /** Live trust: seconds between the wall-clock ticks that turn silent sensors untrusted (0 = no ticks); 10 when unset. */
  trustTickSeconds?: number;
  /** Days the prediction log keeps a prediction (with its shadows and feedback); 0 keeps them for good; 90 when unset. */
  predictionRetentionDays?: number;
  /** Most shadow answers waiting to be written to the prediction log (the rest are dropped and counted); 10,000 when unset. */
  shadowQueueLimit?: number;
  /** Alerts (monitor/alerts): webhook targets, MQTT broker, drift check period; no sinks and an hourly check when unset. */
  alerts?: AlertsConfig;
  /** MQTT ingest (ingest/adapters/mqtt): started by startServer only; off when unset (config-mqtt-ingest.ts). */
  mqttIngest?: MqttIngestConfig;
  /** OPC UA ingest (ingest/adapters/opcua): started by startServer only; off when unset (config-opcua-ingest.ts). */
  opcuaIngest?: OpcuaIngestConfig;
}

export interface AlertsConfig {
  /** Each alert is POSTed as JSON to every one of these (SHOPFLOOR_ALERT_WEBHOOKS, comma-separated http(s) URLs). */
  webhooks: string[];
  /** Alerts are published to shopfloor/<use case>/alerts on this broker (SHOPFLOOR_MQTT_URL: mqtt://, mqtts://, ws://, wss://). */
  mqttUrl: string | undefined;
  /** Minutes between drift checks of every use case with a champion, over the last day (SHOPFLOOR_DRIFT_CHECK_MINUTES, 60; 0 = never on its own). */
  driftCheckMinutes: number;
}

export const DEFAULT_ALERTS: AlertsConfig = { webhooks: [], mqttUrl: undefined, driftCheckMinutes: 60 };

export interface RolloutConfig {
  /** URL prefixes a deployment may mirror requests to (SHOPFLOOR_MIRROR_ALLOW, comma-separated); empty: mirroring off. */
  mirrorAllow: string[];
  /** Bearer token sent with mirrored requests (SHOPFLOOR_MIRROR_TOKEN). */
  mirrorToken: string | undefined;
  /** Every promotion to champion needs a second engineer (SHOPFLOOR_PROMOTION_APPROVAL=true); use cases may ask for it on their own. */
  promotionApproval: boolean;
  /** A shadow call slower than this is disabled (SHOPFLOOR_SHADOW_BUDGET_MS, 250). */
  shadowBudgetMs: number;
  /** How often the canary controller runs (SHOPFLOOR_CANARY_INTERVAL_S, 60; 0 = never on its own). */
  canaryIntervalSeconds: number;
  /** Queue bounds (defaults: shadows 1,000 jobs, mirrors 200 requests with 4 in flight); set in code, not from the environment. */
  shadowQueue?: number;
  mirrorQueue?: number;
  mirrorConcurrency?: number;
  /** Tests only: wraps the real predictor a shadow calls, to make it throw or stall. Never set from the environment. */
  wrapShadow?: (modelVersionId: string, predict: (...args: never[]) => unknown) => (...args: never[]) => unknown;
}

export const DEFAULT_ROLLOUT: RolloutConfig = { mirrorAllow: [], mirrorToken: undefined, promotionApproval: false, shadowBudgetMs: 250, canaryIntervalSeconds: 60 };

export type Env = Record<string, string | undefined>;

function invalid(variable: string, value: string, expected: string): ShopfloorError {
  return new ShopfloorError('CONFIG_INVALID', `${variable}="${value}" is invalid: expected ${expected}`, {
    variable,
    value,
  });
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integerIn(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(name, raw, `an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ROLLOUT_VARIABLES = ['SHOPFLOOR_MIRROR_ALLOW', 'SHOPFLOOR_MIRROR_TOKEN', 'SHOPFLOOR_PROMOTION_APPROVAL', 'SHOPFLOOR_SHADOW_BUDGET_MS', 'SHOPFLOOR_CANARY_INTERVAL_S'];

function loadRolloutConfig(env: Env): RolloutConfig {
  const allow = (nonEmpty(env, 'SHOPFLOOR_MIRROR_ALLOW') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  for (const url of allow) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw invalid('SHOPFLOOR_MIRROR_ALLOW', url, 'comma-separated http(s) URL prefixes');
  }
  const approval = nonEmpty(env, 'SHOPFLOOR_PROMOTION_APPROVAL') ?? 'false';
  if (approval !== 'true' && approval !== 'false') throw invalid('SHOPFLOOR_PROMOTION_APPROVAL', approval, 'true or false');
  return {
    mirrorAllow: allow,
    mirrorToken: nonEmpty(env, 'SHOPFLOOR_MIRROR_TOKEN'),
    promotionApproval: approval === 'true',
    shadowBudgetMs: integerIn(env, 'SHOPFLOOR_SHADOW_BUDGET_MS', DEFAULT_ROLLOUT.shadowBudgetMs, 1, 60_000),
    canaryIntervalSeconds: integerIn(env, 'SHOPFLOOR_CANARY_INTERVAL_S', DEFAULT_ROLLOUT.canaryIntervalSeconds, 0, 86_400),
  };
}

const ALERT_VARIABLES = ['SHOPFLOOR_ALERT_WEBHOOKS', 'SHOPFLOOR_MQTT_URL', 'SHOPFLOOR_DRIFT_CHECK_MINUTES'];

function loadAlertsConfig(env: Env): AlertsConfig {
  const webhooks = (nonEmpty(env, 'SHOPFLOOR_ALERT_WEBHOOKS') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  for (const url of webhooks) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw invalid('SHOPFLOOR_ALERT_WEBHOOKS', url, 'comma-separated http(s) URLs');
  }
  const mqttUrl = nonEmpty(env, 'SHOPFLOOR_MQTT_URL');
  if (mqttUrl !== undefined && (!URL.canParse(mqttUrl) || !/^(mqtts?|wss?):$/.test(new URL(mqttUrl).protocol))) {
    throw invalid('SHOPFLOOR_MQTT_URL', mqttUrl, 'a broker URL such as mqtt://127.0.0.1:1883');
  }
  return { webhooks, mqttUrl, driftCheckMinutes: integerIn(env, 'SHOPFLOOR_DRIFT_CHECK_MINUTES', DEFAULT_ALERTS.driftCheckMinutes, 0, 10_080) };
}

/**
 * Reads SHOPFLOOR_DATABASE_URL, SHOPFLOOR_DATA_DIR (./shopfloor-data), SHOPFLOOR_HOST (127.0.0.1),
 * SHOPFLOOR_PORT (8080), SHOPFLOOR_TIME_ZONE (the system zone), SHOPFLOOR_LOG_LEVEL (info),
 * SHOPFLOOR_WEB_DIST (none) and SHOPFLOOR_BODY_LIMIT_MB (100) SHOPFLOOR_COMPANION_SENSORS (2) SHOPFLOOR_TRUST_QUIET_SECONDS (600), SHOPFLOOR_PREDICTION_RETENTION_DAYS (90) and SHOPFLOOR_SHADOW_QUEUE (10000), SHOPFLOOR_ALERT_WEBHOOKS, SHOPFLOOR_MQTT_URL (none) and SHOPFLOOR_DRIFT_CHECK_MINUTES (60). Relative paths resolve against `cwd`.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const timeZone = nonEmpty(env, 'SHOPFLOOR_TIME_ZONE') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isTimeZone(timeZone)) throw invalid('SHOPFLOOR_TIME_ZONE', timeZone, 'an IANA time zone such as Europe/Berlin');
  const logLevel = nonEmpty(env, 'SHOPFLOOR_LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw invalid('SHOPFLOOR_LOG_LEVEL', logLevel, `one of ${LOG_LEVELS.join(', ')}`);
  }
  const webDist = nonEmpty(env, 'SHOPFLOOR_WEB_DIST');
  return {
    databaseUrl: nonEmpty(env, 'SHOPFLOOR_DATABASE_URL'),
    dataDir: resolve(cwd, nonEmpty(env, 'SHOPFLOOR_DATA_DIR') ?? './shopfloor-data'),
    host: nonEmpty(env, 'SHOPFLOOR_HOST') ?? '127.0.0.1',
    port: integerIn(env, 'SHOPFLOOR_PORT', 8080, 0, 65535),
    timeZone,
    logLevel: logLevel as LogLevel,
    webDist: webDist === undefined ? undefined : resolve(cwd, webDist),
    bodyLimitBytes: integerIn(env, 'SHOPFLOOR_BODY_LIMIT_MB', 100, 1, 4096) * 1024 * 1024,
    ...(ROLLOUT_VARIABLES.some((v) => nonEmpty(env, v) !== undefined) ? { rollout: loadRolloutConfig(env) } : {}),
    ...(ALERT_VARIABLES.some((v) => nonEmpty(env, v) !== undefined) ? { alerts: loadAlertsConfig(env) } : {}),
    ...(nonEmpty(env, 'SHOPFLOOR_MQTT_INGEST_URL') === undefined ? {} : { mqttIngest: loadMqttIngestConfig(env)! }),
    ...(nonEmpty(env, 'SHOPFLOOR_OPCUA_INGEST_URL') === undefined ? {} : { opcuaIngest: loadOpcuaIngestConfig(env)! }),
    ...(nonEmpty(env, 'SHOPFLOOR_COMPANION_SENSORS') === undefined ? {} : { companionSensors: integerIn(env, 'SHOPFLOOR_COMPANION_SENSORS', 2, 0, 20) }),
    ...(nonEmpty(env, 'SHOPFLOOR_TRUST_QUIET_SECONDS') === undefined ? {} : { trustQuietSeconds: integerIn(env, 'SHOPFLOOR_TRUST_QUIET_SECONDS', 600, 0, 604_800) }),
    ...(nonEmpty(env, 'SHOPFLOOR_TRUST_TICK_SECONDS') === undefined ? {} : { trustTickSeconds: integerIn(env, 'SHOPFLOOR_TRUST_TICK_SECONDS', 10, 0, 86_400) }),
    ...(nonEmpty(env, 'SHOPFLOOR_PREDICTION_RETENTION_DAYS') === undefined ? {} : { predictionRetentionDays: integerIn(env, 'SHOPFLOOR_PREDICTION_RETENTION_DAYS', 90, 0, 36_500) }),
    ...(nonEmpty(env, 'SHOPFLOOR_SHADOW_QUEUE') === undefined ? {} : { shadowQueueLimit: integerIn(env, 'SHOPFLOOR_SHADOW_QUEUE', 10_000, 1, 10_000_000) }),
  };
}
