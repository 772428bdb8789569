// What every ingest adapter shares: its counters, rate-limited refusal lines, and the flush that stores a batch through the readings facade.
import { isShopfloorError, type ReadingInput, type ReadingsResult, type RejectedReading } from '@shopfloor/contracts';
import type { SourcedReading } from './reading-batcher.js';

/** The part of a pino logger an adapter writes to. */
export interface IngestLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The readings facade call (SensorsFacade.postReadings as the adapter's user): stores good rows, lists bad ones. */
export type StoreReadings = (readings: ReadingInput[]) => Promise<ReadingsResult>;

export interface IngestStats {
  connected: boolean;
  /** Messages (MQTT) or value changes (OPC UA) received. */
  messages: number;
  /** Messages refused whole before reaching the store, by reason (TOPIC_UNMAPPED, PAYLOAD_NOT_JSON, BAD_STATUS...). */
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

export function newIngestStats(): IngestStats {
  return { connected: false, messages: 0, rejectedMessages: {}, stored: 0, rejectedReadings: {}, failed: 0, batches: 0, reconnects: 0 };
}

export function copyStats(s: IngestStats): IngestStats {
  return { ...s, rejectedMessages: { ...s.rejectedMessages }, rejectedReadings: { ...s.rejectedReadings } };
}

export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Log lines about refusals per 10 s window; the rest are counted and summarised, never dropped from the counters. */
const LOG_LINES_PER_WINDOW = 20;
const LOG_WINDOW_MS = 10_000;

export type RefusalLog = (obj: object, msg: string) => void;

export function refusalLogger(log: IngestLog, name: string, now: () => number): RefusalLog {
  let windowStart = 0;
  let lines = 0;
  let suppressed = 0;
  return (obj, msg) => {
    const t = now();
    if (t - windowStart >= LOG_WINDOW_MS) {
      if (suppressed > 0) log.warn({ suppressed }, `${name}: ${suppressed} more refusals in the last ${LOG_WINDOW_MS / 1000} s (counted in the metrics)`);
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

/** A batcher's flush: stores the batch, counts stored, refused (by code, naming the source) and failed readings. Never rejects. */
export function storingFlush(store: StoreReadings, stats: IngestStats, log: IngestLog, refusal: RefusalLog, name: string): (batch: SourcedReading[]) => Promise<void> {
  return async (batch) => {
    stats.batches++;
    let result: { stored: number; rejected: RejectedReading[]; count: number };
    try {
      const r = await store(batch.map((b) => b.reading));
      result = { stored: r.accepted, rejected: r.rejected, count: r.rejected.length };
    } catch (e) {
      const all = refusalsOf(e);
      if (all === null) {
        stats.failed += batch.length;
        log.warn({ err: e instanceof Error ? e.message : String(e), readings: batch.length }, `${name}: ${batch.length} readings could not be stored`);
        return;
      }
      result = { stored: 0, ...all };
    }
    stats.stored += result.stored;
    for (const r of result.rejected) {
      bump(stats.rejectedReadings, r.code);
      const source = batch[r.row]?.source ?? '?';
      refusal({ source, sensor: r.sensor, reason: r.code }, `${name}: reading refused from ${source}: ${r.message}`);
    }
    // READINGS_ALL_REJECTED lists at most 100 refusals: the codes of the rest are unknown, so they count as UNLISTED.
    if (result.count > result.rejected.length) bump(stats.rejectedReadings, 'UNLISTED', result.count - result.rejected.length);
  };
}
