// MQTT ingest adapter: subscribes to the configured topics, decodes payloads, and hands batches of readings to the readings facade.
import { connect, type MqttClient } from 'mqtt';
import { isShopfloorError, MAX_READINGS_PER_REQUEST, type ReadingInput, type ReadingsResult, type RejectedReading } from '@shopfloor/contracts';
import { decodeMessage } from './payload.js';
import { createReadingBatcher } from './reading-batcher.js';
import type { TopicRoute } from './topic-routes.js';

export interface MqttIngestOptions {
  url: string;
  routes: readonly TopicRoute[];
  /** The readings facade call (SensorsFacade.postReadings with the ingest user): stores good rows, lists bad ones. */
  store(readings: ReadingInput[]): Promise<ReadingsResult>;
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

/** The part of a pino logger the adapter writes to. */
export interface IngestLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MqttIngestStats {
  connected: boolean;
  messages: number;
  /** Whole messages refused before reaching the store, by reason (TOPIC_UNMAPPED, PAYLOAD_NOT_JSON...). */
  rejectedMessages: Record<string, number>;
  /** Readings the facade stored. */
  stored: number;
  /** Readings the facade refused, by its code (READING_SENSOR_UNKNOWN...). */
  rejectedReadings: Record<string, number>;
  /** Readings lost because a facade call failed outright (the store was down); each failure is logged. */
  failed: number;
  batches: number;
  reconnects: number;
}

export interface MqttIngest {
  stats(): MqttIngestStats;
  /** Resolves once the client is subscribed (rejects after timeoutMs; the client keeps trying). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stores what waits, then disconnects. */
  stop(): Promise<void>;
}

/** Log lines about refusals per 10 s window; the rest are counted and summarised, never dropped from the counters. */
const LOG_LINES_PER_WINDOW = 20;
const LOG_WINDOW_MS = 10_000;

function refusalLogger(log: IngestLog, now: () => number) {
  let windowStart = 0;
  let lines = 0;
  let suppressed = 0;
  return (obj: object, msg: string) => {
    const t = now();
    if (t - windowStart >= LOG_WINDOW_MS) {
      if (suppressed > 0) log.warn({ suppressed }, `mqtt ingest: ${suppressed} more refusals in the last ${LOG_WINDOW_MS / 1000} s (counted in the metrics)`);
      windowStart = t;
      lines = 0;
      suppressed = 0;
    }
    if (lines++ < LOG_LINES_PER_WINDOW) log.warn(obj, msg);
    else suppressed++;
  };
}

/** The facade's refusals, also when it refused every reading (READINGS_ALL_REJECTED carries up to 100 of them). */
function refusalsOf(e: unknown): { rejected: RejectedReading[]; count: number } | null {
  if (!isShopfloorError(e) || e.code !== 'READINGS_ALL_REJECTED') return null;
  const details = e.details as { rejected?: RejectedReading[]; rejectedCount?: number };
  return { rejected: details.rejected ?? [], count: details.rejectedCount ?? details.rejected?.length ?? 0 };
}

export function startMqttIngest(opts: MqttIngestOptions): MqttIngest {
  const now = opts.now ?? Date.now;
  const minMs = opts.reconnectMinMs ?? 500;
  const maxMs = opts.reconnectMaxMs ?? 30_000;
  const where = opts.url.replace(/\/\/[^@/]*@/, '//***@');
  const refusal = refusalLogger(opts.log, now);
  const stats: MqttIngestStats = { connected: false, messages: 0, rejectedMessages: {}, stored: 0, rejectedReadings: {}, failed: 0, batches: 0, reconnects: 0 };
  const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

  const batcher = createReadingBatcher({
    maxReadings: Math.min(opts.batchSize ?? 1000, MAX_READINGS_PER_REQUEST),
    maxDelayMs: opts.batchMs ?? 100,
    async flush(batch) {
      stats.batches++;
      let result: { stored: number; rejected: RejectedReading[]; count: number };
      try {
        const r = await opts.store(batch.map((b) => b.reading));
        result = { stored: r.accepted, rejected: r.rejected, count: r.rejected.length };
      } catch (e) {
        const all = refusalsOf(e);
        if (all === null) {
          stats.failed += batch.length;
          opts.log.warn({ err: e instanceof Error ? e.message : String(e), readings: batch.length }, `mqtt ingest: ${batch.length} readings could not be stored`);
          return;
        }
        result = { stored: 0, ...all };
      }
      stats.stored += result.stored;
      // READINGS_ALL_REJECTED lists at most 100 refusals: the codes of the rest are unknown, so they count as UNLISTED.
      for (const r of result.rejected) {
        bump(stats.rejectedReadings, r.code);
        refusal({ topic: batch[r.row]?.topic, sensor: r.sensor, reason: r.code }, `mqtt ingest: reading refused on ${batch[r.row]?.topic ?? '?'}: ${r.message}`);
      }
      if (result.count > result.rejected.length) bump(stats.rejectedReadings, 'UNLISTED', result.count - result.rejected.length);
    },
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
      refusal({ topic, reason: decoded.reason }, `mqtt ingest: message refused: ${decoded.message}`);
      return;
    }
    batcher.add(decoded.readings.map((reading) => ({ topic, reading })));
  });

  return {
    stats: () => ({ ...stats, rejectedMessages: { ...stats.rejectedMessages }, rejectedReadings: { ...stats.rejectedReadings } }),
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
