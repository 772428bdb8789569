// Batch over a stored range is the streaming monitor fed from typed arrays: same issues one by one, at once or in chunks.
import { describe, expect, it } from 'vitest';
import type { SensorSpec } from '@shopfloor/contracts';
import { fitBaseline } from './baseline.js';
import { checkSeries, type SensorSeries } from './batch.js';
import { gaussian, spec, T0, timesFor } from './checks-fixtures-suite.js';
import { injectFaults, planFaults, FAULT_KINDS, synthesiseTwin } from './fault-injection.js';
import { fitGroupBaseline } from './group-baseline.js';
import type { TrustEvent } from './issue.js';
import { createTrustMonitor, type TrustMonitorOptions } from './monitor.js';
import { seededRandom } from './random.js';

function setup(seed: number): { specs: SensorSpec[]; series: SensorSeries[]; options: TrustMonitorOptions } {
  const a = spec({ id: 'a', min: -50, max: 150, resolution: 0.1, redundancyGroup: 'g' });
  const b = spec({ id: 'b', min: -50, max: 150, resolution: 0.1, redundancyGroup: 'g', relation: { kind: 'greater-than', other: 'c', margin: 5 } });
  const c = spec({ id: 'c', min: -50, max: 150, resolution: 0.1, redundancyGroup: 'g' });
  const n = 3000;
  const times = timesFor(n);
  const clean = gaussian(n, 50, 2, seed).map((x) => Math.round(x * 10) / 10);
  const values = { a: clean, b: synthesiseTwin(b, clean.map((x) => x + 10), 1, seed + 1), c: synthesiseTwin(c, clean, 1, seed + 2) };
  const ref = 1000;
  const baselines = Object.fromEntries([a, b, c].map((s) => [s.id, fitBaseline(times.subarray(0, ref), values[s.id as 'a'].subarray(0, ref), s)]));
  // a and c form the redundancy group; b reads c + 10 and must stay 5 above c (the relation).
  const group = fitGroupBaseline([a, c].map((s) => ({ spec: s, values: values[s.id as 'a'].subarray(0, ref) })));
  const rng = seededRandom(seed);
  const plan = planFaults(n, FAULT_KINDS.filter((k) => k !== 'relation'), { first: 1000 + rng.int(0, 50), gap: 50, offset: rng.int(0, 5) });
  const faultyA = injectFaults(a, { times, values: values.a }, baselines.a!.sigma, plan, seed);
  const series: SensorSeries[] = [
    { sensor: 'a', times: faultyA.times, values: faultyA.values },
    { sensor: 'b', times, values: values.b },
    { sensor: 'c', times, values: values.c },
  ];
  return { specs: [a, { ...b, redundancyGroup: undefined }, c], series, options: { baselines, groupBaselines: group } };
}

/** The streaming path by hand: each reading pushed as it "arrives", the clock ticking after each time. */
function streamed(s: ReturnType<typeof setup>): TrustEvent[] {
  const monitor = createTrustMonitor(s.specs, s.options);
  const readings: [number, number, number][] = [];
  s.series.forEach((x, j) => x.times.forEach((t, i) => readings.push([t, j, x.values[i]!])));
  readings.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const events: TrustEvent[] = [];
  readings.forEach(([t, j, v], k) => {
    events.push(...monitor.push(monitor.indexOf(s.series[j]!.sensor), t, v));
    if (readings[k + 1]?.[0] !== t) events.push(...monitor.tick(t));
  });
  events.push(...monitor.close());
  return events;
}

function chunked(s: ReturnType<typeof setup>, cuts: number[]): TrustEvent[] {
  const monitor = createTrustMonitor(s.specs, s.options);
  const edges = [-Infinity, ...cuts.map((c) => T0 + c * 1000), Infinity];
  const events: TrustEvent[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const part = s.series.map((x) => {
      const keep = Array.from(x.times, (t) => t >= edges[k]! && t < edges[k + 1]!);
      return { sensor: x.sensor, times: x.times.filter((_, i) => keep[i]), values: x.values.filter((_, i) => keep[i]) };
    });
    events.push(...checkSeries(monitor, part, { keepOpen: k + 2 < edges.length }).events);
  }
  return events;
}

describe('batch and streaming', () => {
  it('give the same events on the same readings, whole or in chunks (10 seeded series with faults)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const s = setup(seed);
      const batch = checkSeries(createTrustMonitor(s.specs, s.options), s.series).events;
      expect(batch.filter((e) => e.type === 'started').length).toBeGreaterThan(3);
      expect(streamed(s)).toEqual(batch);
      const rng = seededRandom(seed * 13);
      const cuts = [rng.int(100, 1400), rng.int(1500, 2900)];
      expect(chunked(s, cuts)).toEqual(batch);
    }
  });

  it('ignores a reading that is not after the sensor\'s last one', () => {
    const s = spec({ id: 'a' });
    const m = createTrustMonitor([s], { baselines: { a: fitBaseline(timesFor(100), gaussian(100, 50, 1, 1), s) } });
    m.push(0, T0 + 1000, 50);
    expect(m.push(0, T0 + 1000, 200)).toEqual([]);
    expect(m.push(0, T0, 200)).toEqual([]);
    expect(m.push(0, T0 + 2000, 200).map((e) => e.type)).toContain('started');
  });
});
