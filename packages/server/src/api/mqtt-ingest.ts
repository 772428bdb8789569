// Starting the MQTT ingest next to a listening app: its user, the shared readings facade as its sink, and its Prometheus counters.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { User } from '@shopfloor/contracts';
import { createUser } from '../access/index.js';
import type { MqttIngestConfig } from '../config-mqtt-ingest.js';
import { startMqttIngest, type MqttIngest } from '../ingest/index.js';
import type { Shopfloor } from '../shopfloor.js';
import type { AppInstance } from './types.js';

/** Readings from MQTT are stored (and audited) as this operator, made on first start. */
export const MQTT_INGEST_USER = 'mqtt-ingest';

async function ingestUser(shopfloor: Shopfloor): Promise<User> {
  const existing = await shopfloor.store.users.getByName(MQTT_INGEST_USER);
  return existing ?? createUser({ store: shopfloor.store, clock: shopfloor.clock }, { name: MQTT_INGEST_USER, role: 'operator' });
}

/** Counters read from the adapter when scraped (they restart at 0 with the process, as Prometheus counters may). */
export function installMqttIngestMetrics(registry: Registry, ingest: MqttIngest): void {
  new Counter({
    name: 'shopfloor_mqtt_ingest_messages_total',
    help: 'MQTT messages received by the readings ingest',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ingest.stats().messages);
    },
  });
  new Counter({
    name: 'shopfloor_mqtt_ingest_rejected_messages_total',
    help: 'MQTT messages refused whole before storing, by reason (TOPIC_UNMAPPED, PAYLOAD_EMPTY, PAYLOAD_NOT_JSON, PAYLOAD_SHAPE, PAYLOAD_TOO_MANY, SENSOR_TEMPLATE)',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(ingest.stats().rejectedMessages)) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: 'shopfloor_mqtt_ingest_readings_total',
    help: 'Readings from MQTT: stored, rejected (refused by the readings checks, see the reason counter) or failed (the store call failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const s = ingest.stats();
      this.inc({ outcome: 'stored' }, s.stored);
      this.inc({ outcome: 'rejected' }, Object.values(s.rejectedReadings).reduce((a, b) => a + b, 0));
      this.inc({ outcome: 'failed' }, s.failed);
    },
  });
  new Counter({
    name: 'shopfloor_mqtt_ingest_rejected_readings_total',
    help: 'Readings from MQTT refused by the readings checks, by code (READING_SENSOR_UNKNOWN, READING_VALUE_TEXT...)',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, n] of Object.entries(ingest.stats().rejectedReadings)) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: 'shopfloor_mqtt_ingest_reconnects_total',
    help: 'Reconnect attempts to the MQTT broker',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ingest.stats().reconnects);
    },
  });
  new Gauge({
    name: 'shopfloor_mqtt_ingest_connected',
    help: '1 while the readings ingest is connected to its MQTT broker',
    registers: [registry],
    collect() {
      this.set(ingest.stats().connected ? 1 : 0);
    },
  });
}

/** Subscribes in the background (a broker that is down is retried with backoff); stop() stores what waits. */
export async function startAppMqttIngest(app: AppInstance, shopfloor: Shopfloor, registry: Registry, config: MqttIngestConfig): Promise<MqttIngest> {
  const user = await ingestUser(shopfloor);
  const ingest = startMqttIngest({
    url: config.url,
    routes: config.routes,
    batchSize: config.batchSize,
    batchMs: config.batchMs,
    store: (readings) => shopfloor.sensors.postReadings(user, { readings }),
    log: app.log,
  });
  installMqttIngestMetrics(registry, ingest);
  return ingest;
}
