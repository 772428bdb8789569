// The trust report over stored readings, on both backends: an injected stuck fault is found where it was put, with its share and health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SensorSpec, ShopfloorError, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, type Backend, type TestStore } from '../store/index.js';
import { injectFaults, seededRandom } from '../trust/index.js';
import { ingestReadings } from './ingest-readings.js';
import { registerSensors } from './register.js';
import { storedTrustReport } from './stored-report.js';

const T0 = Date.UTC(2024, 4, 1, 6, 0, 0);
const N = 3000;
const times = Float64Array.from({ length: N }, (_, i) => T0 + i * 1000);
const air = SensorSpec.parse({ id: 'mill.air', asset: 'mill', unit: 'K', min: 250, max: 350, samplePeriodMs: 1000, resolution: 0.1 });
const torque = SensorSpec.parse({ id: 'mill.torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, samplePeriodMs: 1000, resolution: 0.1 });

function noisy(mean: number, sd: number, seed: number): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from({ length: N }, () => Math.round((mean + sd * rng.normal()) * 10) / 10);
}

for (const backend of ['sqlite', 'postgres'] as Backend[]) {
  describe(`stored trust report on ${backend}`, () => {
    let t: TestStore;
    let user: User;
    const clock = manualClock('2024-05-02T00:00:00.000Z');
    // Torque sticks at reading 2000 for 30-80 readings; air stays clean.
    const stuck = injectFaults(torque, { times, values: noisy(40, 2, 7) }, 2, [{ kind: 'stuck', at: 2000 }], 11);
    const fault = stuck.faults[0]!;

    beforeAll(async () => {
      t = await openTestStore(backend);
      user = { id: 'usr_eng', name: 'eng', role: 'engineer', createdAt: '2024-05-01T00:00:00.000Z' };
      await t.store.users.insert(user);
      await registerSensors({ store: t.store, clock }, user, { sensors: [air, torque] });
      const airValues = noisy(300, 0.8, 3);
      const rows = [
        ...Array.from(times, (time, i) => ({ row: i, sensor: air.id, time, value: airValues[i] })),
        ...Array.from(stuck.times, (time, i) => ({ row: N + i, sensor: torque.id, time, value: stuck.values[i] })),
      ];
      const result = await ingestReadings({ store: t.store, clock, siteTimeZone: 'Europe/Berlin' }, user, rows, { source: 'test' });
      expect(result).toEqual({ accepted: 2 * N, rejected: [] });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('finds the stuck torque where it was injected, nothing on air, and both trusted again at the end', async () => {
      const report = await storedTrustReport({ store: t.store, siteTimeZone: 'UTC' }, { from: new Date(T0).toISOString(), to: String(T0 + (N - 1) * 1000), referenceFraction: 0.2 });
      expect(report.source).toEqual({ kind: 'stored', from: T0, to: T0 + (N - 1) * 1000 });
      const [a, q] = report.sensors;
      expect(a).toMatchObject({ sensor: 'mill.air', checked: true, readings: N, referenceReadings: 600, issues: [], affectedReadings: 0, health: 'trusted' });
      expect(q!.issues.map((i) => i.code)).toEqual(['STUCK']);
      const issue = q!.issues[0]!;
      // The flat run: the reading the fault holds (the one before the onset) and the fault, widened by
      // neighbours that happen to read the same value at 0.1 Nm resolution.
      const held = times.indexOf(fault.onset) - 1;
      let first = held;
      while (stuck.values[first - 1] === stuck.values[held]) first--;
      let last = times.indexOf(fault.end);
      while (stuck.values[last + 1] === stuck.values[held]) last++;
      expect(issue.from).toBe(times[first]);
      expect(issue.to).toBe(times[last]);
      expect(last - first + 1).toBeGreaterThanOrEqual(fault.readings + 1);
      expect(issue.severity).toBe('critical');
      expect(q!.ranges).toEqual([{ from: issue.from, to: issue.to }]);
      expect(q!.affectedReadings).toBe(last - first + 1);
      expect(q!.affectedShare).toBeCloseTo((last - first + 1) / N, 12);
      expect(q!.issueCounts).toEqual({ STUCK: 1 });
      expect(q!.health).toBe('trusted');
    });

    it('ends untrusted when the range stops inside the fault, and refuses a reversed range and an unknown sensor', async () => {
      const to = fault.onset + 20_000;
      const report = await storedTrustReport({ store: t.store, siteTimeZone: 'UTC' }, { from: String(T0), to: String(to), sensors: 'mill.torque', referenceFraction: 0.3 });
      expect(report.sensors.map((s) => [s.sensor, s.health, s.issues.map((i) => [i.code, i.to])])).toEqual([['mill.torque', 'untrusted', [['STUCK', to]]]]);
      const reversed = await storedTrustReport({ store: t.store, siteTimeZone: 'UTC' }, { from: String(to), to: String(T0), referenceFraction: 0.2 }).catch((e: unknown) => e);
      expect((reversed as ShopfloorError).code).toBe('TRUST_REPORT_INVALID');
      const unknown = await storedTrustReport({ store: t.store, siteTimeZone: 'UTC' }, { from: String(T0), to: String(to), sensors: 'mill.torque,mill.ghost', referenceFraction: 0.2 }).catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: 'SENSOR_NOT_FOUND', details: { sensors: ['mill.ghost'] } });
    });
  });
}
