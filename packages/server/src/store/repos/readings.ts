// Readings: bulk insert in chunks under both backends' parameter limits, and per-sensor range reads as typed arrays.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

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

export interface ReadingsRepo {
  /** Inserts every reading (all or none when run in a transaction); a (sensor, time) stored before is a unique violation. */
  insertMany(readings: readonly ReadingRow[]): Promise<number>;
  /** The latest stored time of each sensor that has readings. */
  latest(sensors: readonly string[]): Promise<Map<string, number>>;
  /** Which of these times the sensor has stored. */
  existing(sensor: string, times: readonly number[]): Promise<Set<number>>;
  /** One sensor's readings with from <= time <= to, in time order. */
  range(sensor: string, from: number, to: number): Promise<SensorReadings>;
  /** How many readings these sensors have in [from, to] (to refuse a report too large before reading it). */
  count(sensors: readonly string[], from: number, to: number): Promise<number>;
}

/*
 * 3 parameters a row: 5,000 rows = 15,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535
 * (and a chunk of a 10,000-reading request is two statements, not one per row).
 */
const ROWS_PER_INSERT = 5000;
const KEYS_PER_QUERY = 5000;

export function readingsRepo(db: Kysely<Database>): ReadingsRepo {
  return {
    async insertMany(readings) {
      for (let i = 0; i < readings.length; i += ROWS_PER_INSERT) {
        const rows = readings.slice(i, i + ROWS_PER_INSERT).map((r) => ({ sensor_id: r.sensor, time: r.time, value: r.value }));
        await db.insertInto('readings').values(rows).execute();
      }
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
  };
}
