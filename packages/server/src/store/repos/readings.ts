// Readings: bulk insert in chunks under both backends' parameter limits, and per-sensor range reads as typed arrays.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { ROLLUP_TILES_MS, mergeBuckets, refreshRollups, rollupBuckets, rollupLevelFor, type BucketParts } from './reading-rollups.js';

/** One reading: time in epoch ms UTC (an integer), a finite value. */
export interface ReadingRow {
  sensor: string;
  time: number;
  value: number;
}

export interface SensorReadings {
  times: Float64Array;
  values: Float64Array;
}

/**
 * A window cut into `width` equal time buckets, bucket i = [from + i*span/width, from + (i+1)*span/width)
 * with span = to - from + 1 (ms, `to` inclusive). Only buckets holding readings are listed, in time
 * order, so a dropout stays a gap:
 *   index[k]  which bucket (0..width-1)     min[k], max[k]  lowest / highest value in it
 *   count[k]  readings in it
 */
export interface ReadingBuckets {
  index: Uint32Array;
  min: Float64Array;
  max: Float64Array;
  count: Uint32Array;
}

export interface ReadingsExtent {
  first: number;
  last: number;
  count: number;
}

export interface ReadingsRepo {
  /** Inserts every reading (all or none when run in a transaction); a (sensor, time) stored before is a unique violation. */
  insertMany(readings: readonly ReadingRow[]): Promise<number>;
  /** The latest stored time of each sensor that has readings. */
  latest(sensors: readonly string[]): Promise<Map<string, number>>;
  /** Which of these times the sensor has stored. */
  existing(sensor: string, times: readonly number[]): Promise<Set<number>>;
  /** One sensor's readings with from <= time <= to, in time order. */
  range(sensor: string, from: number, to: number): Promise<SensorReadings>;
  /** One sensor's last `limit` readings before `before` (exclusive), in time order: a live monitor's baseline. */
  recent(sensor: string, limit: number, before: number): Promise<SensorReadings>;
  /** How many readings these sensors have in [from, to] (to refuse a report too large before reading it). */
  count(sensors: readonly string[], from: number, to: number): Promise<number>;
  /**
   * Min, max and count per time bucket of [from, to] (see ReadingBuckets), aggregated by the database.
   * Buckets wider than two rollup tiles read whole tiles (a tile counts in the bucket its start falls in,
   * under half a bucket away) plus the readings of the partial tiles at the edges; narrower ones read
   * the readings in one indexed range scan. Counts are exact either way.
   */
  buckets(sensor: string, from: number, to: number, width: number): Promise<ReadingBuckets>;
  /** The first and last reading time and the count of one sensor; null when it has none. */
  extent(sensor: string): Promise<ReadingsExtent | null>;
}

/*
 * 3 parameters a row: 5,000 rows = 15,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535
 * (and a chunk of a 10,000-reading request is two statements, not one per row).
 */
const ROWS_PER_INSERT = 5000;
const KEYS_PER_QUERY = 5000;

/** One sensor's readings of [rangeFrom, rangeTo] bucketed as the window { from, span, width } cuts it. */
async function rawBuckets(db: Kysely<Database>, sensor: string, rangeFrom: number, rangeTo: number, w: { from: number; span: number; width: number }): Promise<BucketParts> {
  // (time - from) * width / span is integer division on both backends (bigint operands), always < width.
  // Overflow bound: span * width < 2^63 for any window the route accepts (span < 2^45 ms, width <= 10^4).
  const bucket = sql<number>`(${sql.ref('time')} - cast(${w.from} as bigint)) * cast(${w.width} as bigint) / cast(${w.span} as bigint)`;
  const rows = await db
    .selectFrom('readings')
    .select([bucket.as('b'), (eb) => eb.fn.min('value').as('lo'), (eb) => eb.fn.max('value').as('hi'), (eb) => eb.fn.countAll().as('n')])
    .where('sensor_id', '=', sensor)
    .where('time', '>=', rangeFrom)
    .where('time', '<=', rangeTo)
    .groupBy(sql.raw('1'))
    .orderBy(sql.raw('1'))
    .execute();
  return { index: rows.map((r) => Number(r.b)), min: rows.map((r) => Number(r.lo)), max: rows.map((r) => Number(r.hi)), count: rows.map((r) => Number(r.n)) };
}

/** Inserts in chunks, then brings the rollup tiles of each sensor's inserted time range up to date. */
async function insertWithRollups(db: Kysely<Database>, readings: readonly ReadingRow[]): Promise<void> {
  const ranges = new Map<string, { first: number; last: number }>();
  for (let i = 0; i < readings.length; i += ROWS_PER_INSERT) {
    const rows = readings.slice(i, i + ROWS_PER_INSERT).map((r) => ({ sensor_id: r.sensor, time: r.time, value: r.value }));
    await db.insertInto('readings').values(rows).execute();
  }
  for (const r of readings) {
    const range = ranges.get(r.sensor);
    if (range === undefined) ranges.set(r.sensor, { first: r.time, last: r.time });
    else {
      if (r.time < range.first) range.first = r.time;
      if (r.time > range.last) range.last = r.time;
    }
  }
  for (const [sensor, { first, last }] of ranges) await refreshRollups(db, sensor, first, last);
}

export function readingsRepo(db: Kysely<Database>): ReadingsRepo {
  return {
    async insertMany(readings) {
      // Readings and their rollups change together: in the caller's transaction, or in one of our own.
      if (db.isTransaction) await insertWithRollups(db, readings);
      else await db.transaction().execute((tx) => insertWithRollups(tx, readings));
      return readings.length;
    },
    async latest(sensors) {
      const out = new Map<string, number>();
      for (let i = 0; i < sensors.length; i += KEYS_PER_QUERY) {
        const part = sensors.slice(i, i + KEYS_PER_QUERY);
        if (part.length === 0) continue;
        const rows = await db
          .selectFrom('readings')
          .select(['sensor_id', (eb) => eb.fn.max('time').as('last')])
          .where('sensor_id', 'in', part)
          .groupBy('sensor_id')
          .execute();
        for (const r of rows) if (r.last !== null) out.set(r.sensor_id, Number(r.last));
      }
      return out;
    },
    async existing(sensor, times) {
      const out = new Set<number>();
      for (let i = 0; i < times.length; i += KEYS_PER_QUERY) {
        const part = times.slice(i, i + KEYS_PER_QUERY);
        if (part.length === 0) continue;
        const rows = await db.selectFrom('readings').select('time').where('sensor_id', '=', sensor).where('time', 'in', part).execute();
        for (const r of rows) out.add(Number(r.time));
      }
      return out;
    },
    async range(sensor, from, to) {
      const rows = await db
        .selectFrom('readings')
        .select(['time', 'value'])
        .where('sensor_id', '=', sensor)
        .where('time', '>=', from)
        .where('time', '<=', to)
        .orderBy('time')
        .execute();
      const times = new Float64Array(rows.length);
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        times[i] = Number(rows[i]!.time);
        values[i] = Number(rows[i]!.value);
      }
      return { times, values };
    },
    async recent(sensor, limit, before) {
      const rows = await db
        .selectFrom('readings')
        .select(['time', 'value'])
        .where('sensor_id', '=', sensor)
        .where('time', '<', before)
        .orderBy('time', 'desc')
        .limit(limit)
        .execute();
      const n = rows.length;
      const times = new Float64Array(n);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        times[n - 1 - i] = Number(rows[i]!.time);
        values[n - 1 - i] = Number(rows[i]!.value);
      }
      return { times, values };
    },
    async count(sensors, from, to) {
      let total = 0;
      for (let i = 0; i < sensors.length; i += KEYS_PER_QUERY) {
        const part = sensors.slice(i, i + KEYS_PER_QUERY);
        if (part.length === 0) continue;
        const row = await db
          .selectFrom('readings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('sensor_id', 'in', part)
          .where('time', '>=', from)
          .where('time', '<=', to)
          .executeTakeFirst();
        total += Number(row?.n ?? 0);
      }
      return total;
    },
    async buckets(sensor, from, to, width) {
      const w = { from, span: to - from + 1, width };
      const level = from >= 0 ? rollupLevelFor(w.span / width) : null;
      const tile = level === null ? 0 : ROLLUP_TILES_MS[level]!;
      const firstSlot = level === null ? 0 : Math.ceil(from / tile);
      const lastSlot = level === null ? -1 : Math.floor((to + 1) / tile) - 1;
      let parts: BucketParts;
      if (level === null || firstSlot > lastSlot) {
        parts = await rawBuckets(db, sensor, from, to, w);
      } else {
        // Whole tiles inside the window from the rollups; the partial tiles at either edge from the readings.
        const head = from < firstSlot * tile ? [await rawBuckets(db, sensor, from, firstSlot * tile - 1, w)] : [];
        const tail = (lastSlot + 1) * tile <= to ? [await rawBuckets(db, sensor, (lastSlot + 1) * tile, to, w)] : [];
        parts = mergeBuckets([...head, await rollupBuckets(db, sensor, level, firstSlot, lastSlot, w), ...tail]);
      }
      return {
        index: Uint32Array.from(parts.index),
        min: Float64Array.from(parts.min),
        max: Float64Array.from(parts.max),
        count: Uint32Array.from(parts.count),
      };
    },
    async extent(sensor) {
      const row = await db
        .selectFrom('readings')
        .select([(eb) => eb.fn.min('time').as('first'), (eb) => eb.fn.max('time').as('last'), (eb) => eb.fn.countAll().as('n')])
        .where('sensor_id', '=', sensor)
        .executeTakeFirst();
      if (row === undefined || row.first === null || row.last === null) return null;
      return { first: Number(row.first), last: Number(row.last), count: Number(row.n) };
    },
  };
}
