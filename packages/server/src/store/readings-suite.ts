// The sensors and readings storage suite every backend runs (readings.sqlite.test.ts, readings.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SensorSpec, type User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';
import { isUniqueViolation } from './sql-errors.js';

const T0 = '2024-10-26T08:00:00.000Z';
const spec = (id: string, extra: Partial<SensorSpec> = {}): SensorSpec =>
  SensorSpec.parse({ id, asset: 'press-1', unit: 'K', min: 0, max: 500, samplePeriodMs: 1000, ...extra });

export function runReadingsSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`sensors and readings on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let user: User;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      user = { id: newId('usr'), name: 'engineer', role: 'engineer', createdAt: T0 };
      await store.users.insert(user);
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    it('registers a sensor, keeps each changed spec as a new version, and leaves an identical spec alone', async () => {
      expect((await store.sensors.put(spec('temp'), T0, user.id)).change).toBe('created');
      expect((await store.sensors.put(spec('temp'), T0, user.id)).change).toBe('unchanged');
      const updated = await store.sensors.put(spec('temp', { max: 400 }), '2024-10-26T09:00:00.000Z', user.id);
      expect(updated).toMatchObject({ change: 'updated', record: { version: 2, spec: { max: 400 } } });
      expect((await store.sensors.get('temp'))?.spec.max).toBe(400);
      expect((await store.sensors.history('temp')).map((h) => [h.version, h.spec.max])).toEqual([[1, 500], [2, 400]]);
      await store.sensors.put(spec('force', { unit: 'kN' }), T0, user.id);
      expect((await store.sensors.list()).map((s) => s.spec.id)).toEqual(['force', 'temp']);
      expect((await store.sensors.list(['temp', 'nope'])).map((s) => s.spec.id)).toEqual(['temp']);
    });

    it('bulk-inserts 12,001 readings in chunks and reads a range back in time order, exact to the millisecond', async () => {
      const base = Date.UTC(2024, 9, 27, 0, 0, 0);
      const rows = Array.from({ length: 12_001 }, (_, i) => ({ sensor: 'force', time: base + i * 1000 + 1, value: 10 + i / 8 }));
      expect(await store.readings.insertMany([...rows].reverse())).toBe(12_001);
      const all = await store.readings.range('force', base, base + 13_000_000);
      expect(all.times.length).toBe(12_001);
      expect(all.times[0]).toBe(base + 1);
      expect(all.values[12_000]).toBe(10 + 12_000 / 8);
      const part = await store.readings.range('force', base + 5_000_001, base + 5_010_001);
      expect(Array.from(part.times)).toEqual(Array.from({ length: 11 }, (_, i) => base + 5_000_001 + i * 1000));
      expect(await store.readings.count(['force', 'temp'], base, base + 1_000_001)).toBe(1001);
      expect((await store.readings.latest(['force', 'temp'])).get('force')).toBe(base + 12_000_001);
      expect([...(await store.readings.existing('force', [base + 1, base + 2, base + 1001]))].sort()).toEqual([base + 1, base + 1001]);
    });

    it('stores the two 02:30 of the autumn clock change in Berlin as two readings, and refuses the same instant twice', async () => {
      const first = Date.parse('2024-10-27T02:30:00+02:00');
      const second = Date.parse('2024-10-27T02:30:00+01:00');
      await store.readings.insertMany([{ sensor: 'temp', time: first, value: 300 }, { sensor: 'temp', time: second, value: 301 }]);
      const got = await store.readings.range('temp', first, second);
      expect(Array.from(got.values)).toEqual([300, 301]);
      expect(second - first).toBe(3_600_000);
      const error = await store.readings.insertMany([{ sensor: 'temp', time: second, value: 302 }]).then(() => null, (e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });

    it('keeps nothing of a batch when one chunk fails inside a transaction', async () => {
      const base = Date.UTC(2024, 11, 1);
      const rows = Array.from({ length: 6000 }, (_, i) => ({ sensor: 'temp', time: base + i, value: 1 }));
      rows.push({ sensor: 'temp', time: base, value: 2 });
      await expect(store.transaction((tx) => tx.readings.insertMany(rows))).rejects.toThrow();
      expect(await store.readings.count(['temp'], base, base + 10_000)).toBe(0);
    });

    it('refuses a reading of a sensor that is not registered', async () => {
      await expect(store.readings.insertMany([{ sensor: 'ghost', time: 1, value: 1 }])).rejects.toThrow();
    });
  });
}
