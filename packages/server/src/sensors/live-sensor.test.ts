// The live trust state machine of one sensor, on reading time: a stuck torque turns it untrusted with the finding, a quiet period brings it back.
import { describe, expect, it } from 'vitest';
import { SensorSpec } from '@shopfloor/contracts';
import { seededRandom } from '../trust/index.js';
import { LiveSensor, type LiveSensorOptions, type ReadingSeries } from './live-sensor.js';

const T0 = Date.UTC(2024, 4, 1, 6, 0, 0);
const MINUTE = 60_000;
const torque = SensorSpec.parse({ id: 'mill.torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, samplePeriodMs: MINUTE, resolution: 0.1 });
const OPTIONS: LiveSensorOptions = { quietMs: 10 * MINUTE, minBaselineReadings: 200 };

/** n readings a minute apart from reading `from` on: 40 Nm plus seeded noise (sd 2), at the sensor's resolution. */
function clean(from: number, n: number, seed = 7): ReadingSeries {
  const rng = seededRandom(seed);
  return {
    times: Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * MINUTE),
    values: Float64Array.from({ length: n }, () => Math.round((40 + 2 * rng.normal()) * 10) / 10),
  };
}

function constant(from: number, n: number, value: number): ReadingSeries {
  return { times: Float64Array.from({ length: n }, (_, i) => T0 + (from + i) * MINUTE), values: new Float64Array(n).fill(value) };
}

function concat(...parts: ReadingSeries[]): ReadingSeries {
  return { times: Float64Array.from(parts.flatMap((p) => Array.from(p.times))), values: Float64Array.from(parts.flatMap((p) => Array.from(p.values))) };
}

function started(history = clean(0, 1000)): LiveSensor {
  const made = LiveSensor.fromHistory(torque, history, OPTIONS);
  expect(made).not.toBeNull();
  expect(made!.change).toBeNull();
  return made!.sensor;
}

describe('live sensor trust', () => {
  it('stays trusted over clean readings after a baseline from its history', () => {
    const sensor = started();
    expect(sensor.pushAll(clean(1000, 2000, 8))).toBeNull();
    expect(sensor.state).toBe('trusted');
  });

  it('turns untrusted when the torque sticks, with the stuck finding as the reason', () => {
    const sensor = started();
    const changes = Array.from(constant(1000, 60, 41.3).times, (t) => sensor.push(t, 41.3)).filter((c) => c !== null);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({ sensor: 'mill.torque', state: 'untrusted' });
    expect(change!.reason).toMatch(/^Sensor mill\.torque on mill was stuck \(no change\) since /);
    // Raised within the stuck window (at most 30 readings after the torque stuck), never on its first readings.
    expect(change!.at).toBeGreaterThan(T0 + 1000 * MINUTE);
    expect(change!.at).toBeLessThanOrEqual(T0 + 1030 * MINUTE);
    expect(sensor.reason).toBe(change!.reason);
  });

  it('is trusted again only after the quiet period of clean readings, counted from the last reading with a finding', () => {
    const sensor = started();
    expect(sensor.pushAll(constant(1000, 60, 41.3))?.state).toBe('untrusted');
    const lastStuck = T0 + 1059 * MINUTE;
    const after = clean(1060, 30, 9);
    const changes = Array.from(after.times, (t, i) => sensor.push(t, after.values[i]!)).filter((c) => c !== null);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ state: 'trusted', at: lastStuck + 10 * MINUTE });
    expect(changes[0]!.reason).toContain('no critical finding for 10 min');
  });

  it('restarts the quiet period on a new critical finding (an out-of-range reading) and keeps the first reason', () => {
    const sensor = started();
    const first = sensor.pushAll(constant(1000, 60, 41.3))!;
    const quiet = clean(1060, 5, 9);
    expect(sensor.pushAll(quiet)).toBeNull();
    expect(sensor.push(T0 + 1065 * MINUTE, 400)).toBeNull(); // out of range: still untrusted, no new change
    expect(sensor.reason).toBe(first.reason);
    const rest = clean(1066, 30, 10);
    const changes = Array.from(rest.times, (t, i) => sensor.push(t, rest.values[i]!)).filter((c) => c !== null);
    expect(changes.map((c) => [c.state, c.at])).toEqual([['trusted', T0 + 1075 * MINUTE]]);
  });

  it('turns untrusted on a reading outside the physical range, naming it', () => {
    const sensor = started();
    const change = sensor.push(T0 + 1000 * MINUTE, -5);
    expect(change).toMatchObject({ state: 'untrusted', at: T0 + 1000 * MINUTE });
    expect(change!.reason).toContain('read outside its physical range');
    expect(change!.reason).toContain('-5 Nm');
  });

  it('does not turn on a single spike (a warning): serving keeps reading the sensor', () => {
    const sensor = started();
    const series = clean(1000, 40, 11);
    series.values[20] = 70; // 15 sigma for one reading
    expect(sensor.pushAll(series)).toBeNull();
    expect(sensor.state).toBe('trusted');
  });

  it('starts untrusted when its stored history ends stuck (a restart loses no state)', () => {
    const made = LiveSensor.fromHistory(torque, concat(clean(0, 1000), constant(1000, 60, 41.3)), OPTIONS);
    expect(made!.change).toMatchObject({ state: 'untrusted' });
    expect(made!.sensor.state).toBe('untrusted');
  });

  it('is not checked until its history holds enough readings for a baseline', () => {
    expect(LiveSensor.fromHistory(torque, clean(0, 150), OPTIONS)).toBeNull();
    expect(LiveSensor.fromHistory(torque, constant(0, 500, 41.3), OPTIONS)).toBeNull(); // flat: no spread to fit a baseline on
    expect(LiveSensor.fromHistory(torque, clean(0, 200), OPTIONS)).not.toBeNull();
  });

  it('ignores a reading not after the last one', () => {
    const sensor = started();
    expect(sensor.push(T0 + 999 * MINUTE, -5)).toBeNull();
    expect(sensor.push(T0 + 500 * MINUTE, -5)).toBeNull();
    expect(sensor.state).toBe('trusted');
  });

  it('runs its own checks when its spec names a redundancy group and a relation to other sensors', () => {
    const grouped = SensorSpec.parse({ ...torque, redundancyGroup: 'torque', relation: { kind: 'greater-than', other: 'mill.other', margin: 0 } });
    const made = LiveSensor.fromHistory(grouped, clean(0, 1000), OPTIONS)!;
    expect(made.sensor.spec).toBe(grouped);
    expect(made.sensor.pushAll(constant(1000, 60, 41.3))?.state).toBe('untrusted');
  });
});
