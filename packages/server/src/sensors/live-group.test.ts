// Group and relation monitors on live batches: a drifting twin is turned untrusted, a broken relation is blamed on the sensor that left its usual level, or both are suspect.
import { describe, expect, it } from 'vitest';
import { SensorSpec } from '@shopfloor/contracts';
import { seededRandom } from '../trust/index.js';
import { LiveGroup, type GroupChange } from './live-group.js';
import type { ReadingSeries } from './live-sensor.js';

const T0 = Date.UTC(2024, 4, 1, 6, 0, 0);
const MINUTE = 60_000;
const OPTIONS = { quietMs: 10 * MINUTE, minBaselineReadings: 200 };
const twin = (id: string) => SensorSpec.parse({ id, asset: 'press', unit: 'bar', min: 0, max: 100, samplePeriodMs: MINUTE, resolution: 0.01, redundancyGroup: 'pressure' });
const TWINS = [twin('press.p1'), twin('press.p2'), twin('press.p3')];
const air = SensorSpec.parse({ id: 'mill.air', asset: 'mill', unit: 'K', min: 250, max: 350, samplePeriodMs: MINUTE, resolution: 0.1 });
const proc = SensorSpec.parse({ id: 'mill.process', asset: 'mill', unit: 'K', min: 250, max: 350, samplePeriodMs: MINUTE, resolution: 0.1, relation: { kind: 'greater-than', other: 'mill.air', margin: 5 } });

/** A shared slow signal (a seeded random walk around 50) and, per member, value(i, shared, member) at the member's resolution. */
function readings(from: number, n: number, members: number, value: (i: number, shared: number, m: number) => number, seed = 1): ReadingSeries[] {
  const rng = seededRandom(seed);
  const shared = Array.from({ length: n }, () => 0);
  let level = 0;
  for (let i = 0; i < n; i++) shared[i] = level += 0.05 * rng.normal();
  return Array.from({ length: members }, (_, m) => ({
    times: Float64Array.from({ length: n }, (_, k) => T0 + (from + k) * MINUTE),
    values: Float64Array.from({ length: n }, (_, k) => Math.round(value(from + k, shared[k]!, m) * 100) / 100),
  }));
}

function noisy(seed: number): (i: number, shared: number, m: number) => number {
  const rng = seededRandom(seed);
  const noise = Array.from({ length: 3 }, () => Array.from({ length: 5000 }, () => rng.normal()));
  return (i, shared, m) => 50 + shared + 0.3 * noise[m]![i]!;
}

function feedAll(group: LiveGroup, ids: string[], parts: ReadingSeries[]): GroupChange[] {
  return group.feed(new Map(ids.map((id, j) => [id, parts[j]!])));
}

describe('live redundancy group', () => {
  const ids = TWINS.map((s) => s.id);
  const clean = noisy(5);
  const started = () => {
    const made = LiveGroup.fromHistory({ kind: 'group', name: 'pressure' }, TWINS, readings(0, 1000, 3, clean), OPTIONS);
    expect(made).not.toBeNull();
    expect(made!.changes).toEqual([]);
    return made!.group;
  };

  it('keeps three agreeing twins trusted', () => {
    expect(feedAll(started(), ids, readings(1000, 1500, 3, clean, 2))).toEqual([]);
  });

  it('turns the twin that drifts away from the group median untrusted, the others stay trusted', () => {
    const drifting = (i: number, shared: number, m: number) => clean(i, shared, m) + (m === 1 ? Math.min(3, (i - 1000) * 0.01) : 0);
    const changes = feedAll(started(), ids, readings(1000, 500, 3, drifting, 2));
    expect(changes.map((c) => [c.sensor, c.state])).toEqual([['press.p2', 'untrusted']]);
    expect(changes[0]!.reason).toMatch(/^Sensor press\.p2 on press drifted away from its redundancy group since /);
  });

  it('is trusted again after the drift has ended for the quiet period', () => {
    const group = started();
    const shifted = (i: number, shared: number, m: number) => clean(i, shared, m) + (m === 1 ? 2 : 0);
    expect(feedAll(group, ids, readings(1000, 200, 3, shifted, 2)).map((c) => c.state)).toEqual(['untrusted']);
    const back = feedAll(group, ids, readings(1200, 300, 3, clean, 3));
    expect(back.map((c) => [c.sensor, c.state])).toEqual([['press.p2', 'trusted']]);
    expect(back[0]!.reason).toContain('no group:pressure finding for 600 s');
  });

  it('is not checked while a member has too little history', () => {
    const short = readings(0, 1000, 3, clean).map((p, j) => (j === 2 ? { times: p.times.subarray(0, 150), values: p.values.subarray(0, 150) } : p));
    expect(LiveGroup.fromHistory({ kind: 'group', name: 'pressure' }, TWINS, short, OPTIONS)).toBeNull();
  });
});

describe('live physical relation (process temperature at least 5 K above air temperature)', () => {
  const ids = [proc.id, air.id];
  const rng = seededRandom(9);
  const noise = Array.from({ length: 2 }, () => Array.from({ length: 5000 }, () => rng.normal()));
  /** Air near 300 K, process 10 K above it, each with its own noise. */
  const clean = (i: number, shared: number, m: number) => 300 + shared + (m === 0 ? 10 : 0) + 0.3 * noise[m]![i]!;
  const started = () => LiveGroup.fromHistory({ kind: 'relation', owner: proc.id, other: air.id }, [proc, air], readings(0, 1000, 2, clean), OPTIONS)!.group;

  it('stays trusted while the relation holds', () => {
    expect(feedAll(started(), ids, readings(1000, 500, 2, clean, 2))).toEqual([]);
  });

  it('blames the process probe when it falls below air temperature while air reads as usual', () => {
    const fallen = (i: number, shared: number, m: number) => (m === 0 && i >= 1100 ? clean(i, shared, 1) - 3 : clean(i, shared, m));
    const changes = feedAll(started(), ids, readings(1000, 200, 2, fallen, 2));
    expect(changes.map((c) => [c.sensor, c.state])).toEqual([['mill.process', 'untrusted']]);
    expect(changes[0]!.reason).toMatch(/^Sensor mill\.process on mill broke its physical relation since /);
    expect(changes[0]!.reason).toContain('blamed on mill.process');
  });

  it('blames the air probe when it rises above the process temperature while the process reads as usual', () => {
    const risen = (i: number, shared: number, m: number) => (m === 1 && i >= 1100 ? clean(i, shared, 0) + 2 : clean(i, shared, m));
    const changes = feedAll(started(), ids, readings(1000, 200, 2, risen, 2));
    expect(changes.map((c) => [c.sensor, c.state])).toEqual([['mill.air', 'untrusted']]);
    expect(changes[0]!.reason).toContain('blamed on mill.air');
  });

  it('marks both suspect when both left their usual level (it cannot tell which one lies)', () => {
    const both = (i: number, shared: number, m: number) => (i >= 1100 ? clean(i, shared, m) + (m === 0 ? -8 : 6) : clean(i, shared, m));
    const changes = feedAll(started(), ids, readings(1000, 200, 2, both, 2));
    expect(changes.map((c) => [c.sensor, c.state]).sort()).toEqual([['mill.air', 'suspect'], ['mill.process', 'suspect']]);
    expect(changes[0]!.reason).toContain('either sensor may be wrong');
  });
});
