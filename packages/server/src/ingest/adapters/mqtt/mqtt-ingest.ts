// MQTT ingest adapter: subscribes to the configured topics, decodes payloads, and hands batches of readings to the readings facade.
import { connect, type MqttClient } from 'mqtt';
import { MAX_READINGS_PER_REQUEST } from '@shopfloor/contracts';
import { bump, copyStats, newIngestStats, refusalLogger, storingFlush, type IngestLog, type IngestStats, type StoreReadings } from '../ingest-sink.js';
import { createReadingBatcher } from '../reading-batcher.js';
import { decodeMessage } from './payload.js';
import type { TopicRoute } from './topic-routes.js';

export interface MqttIngestOptions {
  url: string;
  routes: readonly TopicRoute[];
  store: StoreReadings;
  /** Flush at this many readings (default 1,000; at most 10,000, one facade call). */
  batchSize?: number;
  /** Flush at most this long after a batch's first reading (default 100 ms). */
  batchMs?: number;
  /** Reconnect backoff: first wait, doubled per failed attempt up to the maximum (defaults 500 ms and 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  clientId?: string;
  log: IngestLog;
  now?: () => number;
}

export interface MqttIngest {
  stats(): IngestStats;
  /** Resolves once the client is subscribed (rejects after timeoutMs; the client keeps trying). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stores what waits, then disconnects. */
  stop(): Promise<void>;
}

export function startMqttIngest(opts: MqttIngestOptions): MqttIngest {
  const now = opts.now ?? Date.now;
  const minMs = opts.reconnectMinMs ?? 500;
  const maxMs = opts.reconnectMaxMs ?? 30_000;
  const where = opts.url.replace(/\/\/[^@/]*@/, '//***@');
  const refusal = refusalLogger(opts.log, 'mqtt ingest', now);
  const stats = newIngestStats();
  const batcher = createReadingBatcher({
    maxReadings: Math.min(opts.batchSize ?? 1000, MAX_READINGS_PER_REQUEST),
    maxDelayMs: opts.batchMs ?? 100,
    flush: storingFlush(opts.store, stats, opts.log, refusal, 'mqtt ingest'),
  });

  let reconnectMs = minMs;
  const client: MqttClient = connect(opts.url, {
    reconnectPeriod: minMs,
    connectTimeout: 5000,
    clientId: opts.clientId ?? `shopfloor-ingest-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
    clean: true,
  });
  let subscribed = false;
  const waiters: (() => void)[] = [];
  client.on('error', (e) => opts.log.warn({ err: e.message }, `mqtt ingest: ${where}: ${e.message}`)); // an unhandled 'error' would end the process
  client.on('connect', () => {
    stats.connected = true;
    reconnectMs = minMs;
    client.options.reconnectPeriod = minMs;
    client.subscribe(opts.routes.map((r) => r.filter), { qos: 1 }, (err) => {
      if (err) {
        opts.log.warn({ err: err.message }, `mqtt ingest: ${where}: subscribing failed`);
        return;
      }
      subscribed = true;
      opts.log.info({ topics: opts.routes.map((r) => r.filter) }, `mqtt ingest: subscribed on ${where}`);
      for (const w of waiters.splice(0)) w();
    });
  });
  // Backoff: mqtt.js reads reconnectPeriod each time it schedules a reconnect, so doubling it here spaces the attempts out.
  client.on('close', () => {
    stats.connected = false;
    subscribed = false;
    client.options.reconnectPeriod = reconnectMs;
    reconnectMs = Math.min(maxMs, reconnectMs * 2);
  });
  client.on('reconnect', () => stats.reconnects++);
  client.on('message', (topic, payload) => {
    stats.messages++;
    const decoded = decodeMessage(opts.routes, topic, payload, now());
    if ('reason' in decoded) {
      bump(stats.rejectedMessages, decoded.reason);
      refusal({ source: topic, reason: decoded.reason }, `mqtt ingest: message refused: ${decoded.message}`);
      return;
    }
    batcher.add(decoded.readings.map((reading) => ({ source: topic, reading })));
  });

  return {
    stats: () => copyStats(stats),
    ready(timeoutMs = 10_000) {
      if (subscribed) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`mqtt ingest: not subscribed on ${where} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async stop() {
      await client.endAsync(false); // no new messages; in-flight ones are handed over first
      await batcher.drain();
    },
  };
}
