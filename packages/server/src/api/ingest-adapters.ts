// Starting the ingest adapters (MQTT, OPC UA) next to a listening app: their user, the shared readings facade as their sink, their Prometheus counters.
import { join } from 'node:path';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { User } from '@shopfloor/contracts';
import { createUser } from '../access/index.js';
import type { MqttIngestConfig } from '../config-mqtt-ingest.js';
import type { OpcuaIngestConfig } from '../config-opcua-ingest.js';
import { startMqttIngest, startOpcuaIngest, type IngestStats, type MqttIngest, type OpcuaIngest, type StoreReadings } from '../ingest/index.js';
import type { Shopfloor } from '../shopfloor.js';
import type { AppInstance } from './types.js';

/** Readings from the adapters are stored (and audited) as this operator, made on first start. */
export const INGEST_USER = 'ingest';

async function ingestUser(shopfloor: Shopfloor): Promise<User> {
  const existing = await shopfloor.store.users.getByName(INGEST_USER);
  return existing ?? createUser({ store: shopfloor.store, clock: shopfloor.clock }, { name: INGEST_USER, role: 'operator' });
}

/** shopfloor_<adapter>_ingest_* counters, read from the adapter when scraped (they restart at 0 with the process, as Prometheus counters may). */
export function installIngestMetrics(registry: Registry, adapter: 'mqtt' | 'opcua', stats: () => IngestStats): void {
  const what = adapter === 'mqtt' ? 'MQTT messages' : 'OPC UA value changes';
  const counter = (name: string, help: string, values: (s: IngestStats) => [Record<string, string>, number][], labelNames: string[] = []) =>
    new Counter({
      name: `shopfloor_${adapter}_ingest_${name}`,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, n] of values(stats())) this.inc(labels, n);
      },
    });
  counter('messages_total', `${what} received by the readings ingest`, (s) => [[{}, s.messages]]);
  counter('rejected_messages_total', `${what} refused before storing, by reason`, (s) => Object.entries(s.rejectedMessages).map(([reason, n]) => [{ reason }, n]), ['reason']);
  counter(
    'readings_total',
    'Readings: stored, rejected (refused by the readings checks, see the reason counter) or failed (the store call failed)',
    (s) => [
      [{ outcome: 'stored' }, s.stored],
      [{ outcome: 'rejected' }, Object.values(s.rejectedReadings).reduce((a, b) => a + b, 0)],
      [{ outcome: 'failed' }, s.failed],
    ],
    ['outcome'],
  );
  counter('rejected_readings_total', 'Readings refused by the readings checks, by code (READING_SENSOR_UNKNOWN, READING_VALUE_TEXT...)', (s) => Object.entries(s.rejectedReadings).map(([reason, n]) => [{ reason }, n]), ['reason']);
  counter('reconnects_total', 'Reconnect attempts', (s) => [[{}, s.reconnects]]);
  new Gauge({
    name: `shopfloor_${adapter}_ingest_connected`,
    help: `1 while the ${adapter === 'mqtt' ? 'MQTT' : 'OPC UA'} readings ingest is connected`,
    registers: [registry],
    collect() {
      this.set(stats().connected ? 1 : 0);
    },
  });
}

export interface AppIngest {
  mqtt?: MqttIngest;
  opcua?: OpcuaIngest;
  /** Stores what waits in each adapter, then disconnects them. */
  stop(): Promise<void>;
}

/** Connects in the background (a broker or server that is down is retried with backoff). */
export async function startAppIngest(app: AppInstance, shopfloor: Shopfloor, registry: Registry, config: { mqttIngest?: MqttIngestConfig; opcuaIngest?: OpcuaIngestConfig; dataDir: string }): Promise<AppIngest | null> {
  if (config.mqttIngest === undefined && config.opcuaIngest === undefined) return null;
  const user = await ingestUser(shopfloor);
  const store: StoreReadings = (readings) => shopfloor.sensors.postReadings(user, { readings });
  const out: AppIngest = {
    async stop() {
      await Promise.all([out.mqtt?.stop(), out.opcua?.stop()]);
    },
  };
  if (config.mqttIngest !== undefined) {
    const c = config.mqttIngest;
    const mqtt = startMqttIngest({ url: c.url, routes: c.routes, batchSize: c.batchSize, batchMs: c.batchMs, store, log: app.log });
    installIngestMetrics(registry, 'mqtt', () => mqtt.stats());
    out.mqtt = mqtt;
  }
  if (config.opcuaIngest !== undefined) {
    const c = config.opcuaIngest;
    const opcua = startOpcuaIngest({ endpoint: c.endpoint, nodes: c.nodes, samplingMs: c.samplingMs, store, pkiDir: join(config.dataDir, 'opcua-pki'), log: app.log });
    installIngestMetrics(registry, 'opcua', () => opcua.stats());
    out.opcua = opcua;
  }
  return out;
}
