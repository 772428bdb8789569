// MQTT ingest settings (SHOPFLOOR_MQTT_INGEST_*): broker, topic routes and batching; bad values are CONFIG_INVALID naming the variable.
import { ShopfloorError } from '@shopfloor/contracts';
import { parseTopicRoutes, type TopicRoute } from './ingest/index.js';

export interface MqttIngestConfig {
  /** Broker to subscribe on (SHOPFLOOR_MQTT_INGEST_URL: mqtt://, mqtts://, ws://, wss://). */
  url: string;
  /** SHOPFLOOR_MQTT_INGEST_TOPICS, default `shopfloor/readings/#`: `filter` (payload names its sensors) or `filter=sensor-template` (topic per sensor). */
  routes: TopicRoute[];
  /** Readings per facade call at most (SHOPFLOOR_MQTT_INGEST_BATCH, 1,000). */
  batchSize: number;
  /** Longest wait before a batch is stored (SHOPFLOOR_MQTT_INGEST_BATCH_MS, 100; 1 to 100). */
  batchMs: number;
}

export const DEFAULT_MQTT_INGEST_TOPICS = 'shopfloor/readings/#';

function invalid(variable: string, value: string, expected: string): ShopfloorError {
  return new ShopfloorError('CONFIG_INVALID', `${variable}="${value}" is invalid: expected ${expected}`, { variable, value });
}

function integer(raw: string | undefined, variable: string, fallback: number, min: number, max: number): number {
  const v = raw?.trim();
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw invalid(variable, v, `an integer from ${min} to ${max}`);
  return Number(v);
}

/** Undefined when SHOPFLOOR_MQTT_INGEST_URL is unset (no ingest); `url` overrides it (the CLI's --mqtt-ingest). */
export function loadMqttIngestConfig(env: Record<string, string | undefined>, url?: string): MqttIngestConfig | undefined {
  const broker = (url ?? env.SHOPFLOOR_MQTT_INGEST_URL)?.trim();
  if (broker === undefined || broker === '') return undefined;
  if (!URL.canParse(broker) || !/^(mqtts?|wss?):$/.test(new URL(broker).protocol)) {
    throw invalid(url === undefined ? 'SHOPFLOOR_MQTT_INGEST_URL' : '--mqtt-ingest', broker, 'a broker URL such as mqtt://127.0.0.1:1883');
  }
  const topics = env.SHOPFLOOR_MQTT_INGEST_TOPICS?.trim() || DEFAULT_MQTT_INGEST_TOPICS;
  return {
    url: broker,
    routes: parseTopicRoutes(topics, 'SHOPFLOOR_MQTT_INGEST_TOPICS'),
    batchSize: integer(env.SHOPFLOOR_MQTT_INGEST_BATCH, 'SHOPFLOOR_MQTT_INGEST_BATCH', 1000, 1, 10_000),
    batchMs: integer(env.SHOPFLOOR_MQTT_INGEST_BATCH_MS, 'SHOPFLOOR_MQTT_INGEST_BATCH_MS', 100, 1, 100),
  };
}
