// Live trust: stored readings pushed through each sensor's trust monitor, turning sensors untrusted (and back) on the health board serving reads.
import type { SensorHealth, SensorSpec } from '@shopfloor/contracts';
import type { ReadingRow, Store } from '../store/index.js';
import type { TrustParams } from '../trust/index.js';
import { LiveSensor, type LiveChange } from './live-sensor.js';

/** What live trust writes to: the serving health board (serve/sensor-health-board.ts), by sensor id. */
export interface HealthBoardWriter {
  set(sensorId: string, state: SensorHealth, reason?: string): unknown;
}

export interface LiveTrustOptions {
  /** Reading time without a critical finding before an untrusted sensor is trusted again (ms). */
  quietMs: number;
  /** Stored readings a new monitor's baseline is fitted on (the last ones before the batch). */
  baselineReadings?: number;
  /** Fewer usable stored readings than this: the sensor is not checked yet (its readings still build the history). */
  minBaselineReadings?: number;
  params?: Partial<TrustParams>;
  /** Called when feeding a batch failed (the readings are stored; only the live check missed them). */
  onError?: (error: unknown) => void;
}

export interface LiveTrust {
  /** Feeds readings just stored (per sensor in time order); answers the board changes made. Never throws. */
  observe(readings: readonly ReadingRow[]): Promise<LiveChange[]>;
  /** The sensors checked live now (a monitor exists), by id. */
  sensors(): string[];
}

export const LIVE_BASELINE_READINGS = 2000;
export const LIVE_MIN_BASELINE_READINGS = 200;

/**
 * One per facade (never module-wide). A sensor's monitor is made on its first batch after start-up,
 * from the stored readings before that batch, so a restart loses no baseline; a new spec version makes
 * a new monitor. Batches are fed one after another in the order they were stored.
 */
export function createLiveTrust(store: Store, board: HealthBoardWriter, options: LiveTrustOptions): LiveTrust {
  const live = new Map<string, LiveSensor>();
  const sensorOptions = {
    quietMs: options.quietMs,
    minBaselineReadings: options.minBaselineReadings ?? LIVE_MIN_BASELINE_READINGS,
    ...(options.params === undefined ? {} : { params: options.params }),
  };
  const baselineReadings = options.baselineReadings ?? LIVE_BASELINE_READINGS;
  let queue: Promise<unknown> = Promise.resolve();

  async function monitorOf(spec: SensorSpec, firstTime: number, changes: LiveChange[]): Promise<LiveSensor | null> {
    const known = live.get(spec.id);
    if (known !== undefined && JSON.stringify(known.spec) === JSON.stringify(spec)) return known;
    live.delete(spec.id);
    const made = LiveSensor.fromHistory(spec, await store.readings.recent(spec.id, baselineReadings, firstTime), sensorOptions);
    if (made === null) return null;
    live.set(spec.id, made.sensor);
    if (made.change !== null) changes.push(made.change);
    return made.sensor;
  }

  async function feed(readings: readonly ReadingRow[]): Promise<LiveChange[]> {
    const bySensor = new Map<string, ReadingRow[]>();
    for (const r of readings) {
      const list = bySensor.get(r.sensor);
      if (list === undefined) bySensor.set(r.sensor, [r]);
      else list.push(r);
    }
    const specs = await store.sensors.list([...bySensor.keys()]);
    const changes: LiveChange[] = [];
    for (const { spec } of specs) {
      const rows = bySensor.get(spec.id)!;
      const sensor = await monitorOf(spec, rows[0]!.time, changes);
      if (sensor === null) continue;
      const change = sensor.pushAll({ times: Float64Array.from(rows, (r) => r.time), values: Float64Array.from(rows, (r) => r.value) });
      if (change !== null) changes.push(change);
    }
    for (const c of changes) board.set(c.sensor, c.state, c.state === 'untrusted' ? c.reason : undefined);
    return changes;
  }

  return {
    observe(readings) {
      const run = queue.then(() => feed(readings));
      queue = run.catch(() => undefined);
      return run.catch((e: unknown) => {
        options.onError?.(e);
        return [];
      });
    },
    sensors: () => [...live.keys()].sort(),
  };
}
