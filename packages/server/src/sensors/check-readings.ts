// The per-row rules of a readings batch: known sensor, readable time and value, strictly increasing time per sensor.
//
// Rows are taken in the order given. A rejected row does not move its sensor's clock: the next row is
// compared with the last accepted one. A time at or before the sensor's latest stored reading is
// refused too (readings are appended per sensor; the trust checks read each series in time order);
// whether it is a duplicate of a stored reading is settled afterwards by the caller (behindStored).
import type { ReadingRejectCode, RejectedReading } from '@shopfloor/contracts';
import type { TimeZone } from '../ingest/index.js';
import type { ReadingRow } from '../store/index.js';
import { readingTime } from './reading-time.js';
import { readingValue } from './reading-value.js';

export interface CandidateReading {
  /** Index in the request, or the file's line. */
  row: number;
  sensor: string;
  time: unknown;
  value: unknown;
}

export interface BatchContext {
  known: ReadonlySet<string>;
  zone: TimeZone;
  /** Latest stored time per sensor. */
  latest: ReadonlyMap<string, number>;
  decimal?: '.' | ',';
}

export interface CheckedBatch {
  accepted: ReadingRow[];
  rejected: RejectedReading[];
  /** Rejections (in `rejected`) at or before the stored latest: the caller turns those found stored into duplicates. */
  behindStored: { rejection: RejectedReading; time: number }[];
}

const iso = (t: number): string => new Date(t).toISOString();

export function checkReadings(rows: readonly CandidateReading[], ctx: BatchContext): CheckedBatch {
  const accepted: ReadingRow[] = [];
  const rejected: RejectedReading[] = [];
  const behindStored: CheckedBatch['behindStored'] = [];
  const last = new Map<string, number>();
  const parsed = new Map<string, number>();
  const taken = new Map<string, Set<number>>();
  const reject = (r: CandidateReading, code: ReadingRejectCode, message: string): RejectedReading => {
    const rejection = { row: r.row, sensor: r.sensor, code, message: `${r.sensor}: ${message}` };
    rejected.push(rejection);
    return rejection;
  };
  for (const r of rows) {
    if (!ctx.known.has(r.sensor)) {
      reject(r, 'READING_SENSOR_UNKNOWN', 'no sensor is registered with this id (POST /api/v1/sensors)');
      continue;
    }
    const stored = ctx.latest.get(r.sensor) ?? Number.NaN;
    // A wall time of the repeated hour follows the sensor's previous row as written, refused or not
    // (a file sent twice must read the same both times).
    const time = readingTime(r.time, ctx.zone, parsed.get(r.sensor) ?? stored);
    if (!time.ok) {
      reject(r, 'READING_TIME_INVALID', time.message);
      continue;
    }
    parsed.set(r.sensor, time.time);
    const value = readingValue(r.value, ctx.decimal);
    if (!value.ok) {
      reject(r, value.code, value.message);
      continue;
    }
    const t = time.time;
    const seen = taken.get(r.sensor);
    if (seen?.has(t)) {
      reject(r, 'READING_TIME_DUPLICATE', `a reading at ${iso(t)} comes earlier in this batch`);
      continue;
    }
    if (t <= stored) {
      const rejection = reject(r, 'READING_TIME_OUT_OF_ORDER', `${iso(t)} is not after the sensor's latest stored reading (${iso(stored)}); readings are appended in time order`);
      behindStored.push({ rejection, time: t });
      continue;
    }
    if (seen !== undefined && t < last.get(r.sensor)!) {
      reject(r, 'READING_TIME_OUT_OF_ORDER', `${iso(t)} is before the sensor's previous reading in this batch (${iso(last.get(r.sensor)!)}); send each sensor's readings in time order`);
      continue;
    }
    last.set(r.sensor, t);
    if (seen === undefined) taken.set(r.sensor, new Set([t]));
    else seen.add(t);
    accepted.push({ sensor: r.sensor, time: t, value: value.value });
  }
  return { accepted, rejected, behindStored };
}

/** The rejections of readings found stored become duplicates. */
export function markStoredDuplicates(behind: CheckedBatch['behindStored'], isStored: (sensor: string, time: number) => boolean): void {
  for (const { rejection, time } of behind) {
    if (!isStored(rejection.sensor, time)) continue;
    rejection.code = 'READING_TIME_DUPLICATE';
    rejection.message = `${rejection.sensor}: a reading at ${iso(time)} is stored already`;
  }
}
