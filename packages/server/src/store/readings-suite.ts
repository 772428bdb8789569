// The sensors and readings storage suite every backend runs (readings.sqlite.test.ts, readings.postgres.test.ts).
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SensorSpec, type User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';
import { isUniqueViolation } from './sql-errors.js';
import { readingRollupsMigration } from './migrations/013-reading-rollups.js';

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
      const recent = await store.readings.recent('force', 3, base + 10_001);
      expect(Array.from(recent.times)).toEqual([base + 7001, base + 8001, base + 9001]);
      expect(Array.from(recent.values)).toEqual([10 + 7 / 8, 10 + 8 / 8, 10 + 9 / 8]);
      expect((await store.readings.recent('force', 5000, base + 2)).times.length).toBe(1);
      expect((await store.readings.recent('temp', 10, base)).times.length).toBe(0);
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

    it('aggregates min, max and count per time bucket, lists only buckets with readings, and gives the extent', async () => {
      await store.sensors.put(spec('trace'), T0, user.id);
      const base = Date.UTC(2025, 0, 1);
      // 0..99 s one reading a second, value = i; then a gap; then 300..309 s.
      const rows = Array.from({ length: 100 }, (_, i) => ({ sensor: 'trace', time: base + i * 1000, value: i }));
      for (let i = 300; i < 310; i++) rows.push({ sensor: 'trace', time: base + i * 1000, value: -i });
      await store.readings.insertMany(rows);
      // [base, base + 399_999] in 4 buckets of 100 s.
      const b = await store.readings.buckets('trace', base, base + 399_999, 4);
      expect(Array.from(b.index)).toEqual([0, 3]);
      expect(Array.from(b.min)).toEqual([0, -309]);
      expect(Array.from(b.max)).toEqual([99, -300]);
      expect(Array.from(b.count)).toEqual([100, 10]);
      // The last millisecond of the window lands in the last bucket, not past it; readings outside are left out.
      const edge = await store.readings.buckets('trace', base + 1000, base + 300_000, 3);
      expect(Array.from(edge.index)).toEqual([0, 2]);
      expect(Array.from(edge.count)).toEqual([99, 1]);
      expect(Array.from(edge.max)).toEqual([99, -300]);
      const empty = await store.readings.buckets('trace', base - 10_000, base - 1, 10);
      expect(empty.index.length).toBe(0);
      expect(await store.readings.extent('trace')).toEqual({ first: base, last: base + 309_000, count: 110 });
      await store.sensors.put(spec('silent'), T0, user.id);
      expect(await store.readings.extent('silent')).toBeNull();
    });

    it('reads wide windows from rollup tiles: equal to a naive twin where tiles align with buckets, exact counts where they do not', async () => {
      await store.sensors.put(spec('pyramid'), T0, user.id);
      const day = 86_400_000;
      const base = Date.UTC(2025, 1, 1);
      const value = (i: number): number => Math.round(1000 * Math.sin(i / 97) + ((i * 7919) % 13)) / 10;
      // Every 5 s for two days, inserted in two batches: the second fills a hole left in the middle of the first.
      const all = Array.from({ length: 34_560 }, (_, i) => ({ sensor: 'pyramid', time: base + i * 5000, value: value(i) }));
      const hole = (r: { time: number }): boolean => r.time >= base + 30_000_000 && r.time < base + 31_000_000;
      await store.readings.insertMany(all.filter((r) => !hole(r)));
      await store.readings.insertMany(all.filter(hole));
      const naive = (from: number, to: number, width: number) => {
        const span = to - from + 1;
        const by = new Map<number, [number, number, number]>();
        for (const r of all) {
          if (r.time < from || r.time > to) continue;
          const b = Math.floor(((r.time - from) * width) / span);
          const x = by.get(b);
          by.set(b, x === undefined ? [r.value, r.value, 1] : [Math.min(x[0], r.value), Math.max(x[1], r.value), x[2] + 1]);
        }
        const index = [...by.keys()].sort((a, b) => a - b);
        return { index, min: index.map((i) => by.get(i)![0]), max: index.map((i) => by.get(i)![1]), count: index.map((i) => by.get(i)![2]) };
      };
      // Hour buckets over two whole days: 10-minute tiles, each inside one bucket.
      const aligned = await store.readings.buckets('pyramid', base, base + 2 * day - 1, 48);
      const want = naive(base, base + 2 * day - 1, 48);
      expect([Array.from(aligned.index), Array.from(aligned.min), Array.from(aligned.max), Array.from(aligned.count)]).toEqual([want.index, want.min, want.max, want.count]);
      // A window cutting tiles at both ends: every reading counted once, the extremes found, buckets in range.
      const from = base + 12_345;
      const to = base + day + day / 2 + 777;
      const odd = await store.readings.buckets('pyramid', from, to, 100);
      const oddWant = naive(from, to, 100);
      expect(Array.from(odd.count).reduce((a, b) => a + b, 0)).toBe(oddWant.count.reduce((a, b) => a + b, 0));
      expect(Math.min(...odd.min)).toBe(Math.min(...oddWant.min));
      expect(Math.max(...odd.max)).toBe(Math.max(...oddWant.max));
      expect(odd.index[0]).toBe(0);
      expect(odd.index[odd.index.length - 1]).toBe(99);
      // Narrow buckets read the readings: identical to the twin.
      const narrow = await store.readings.buckets('pyramid', base + 29_000_000, base + 32_000_000, 400);
      expect(Array.from(narrow.count)).toEqual(naive(base + 29_000_000, base + 32_000_000, 400).count);
    });

    it('rolls up readings stored before the rollups existed when the migration runs', async () => {
      const base = Date.UTC(2025, 1, 1);
      const before = await store.readings.buckets('pyramid', base, base + 2 * 86_400_000 - 1, 48);
      // As a store that had readings when migration 013 came: no rollup table, then the migration.
      await readingRollupsMigration().down!(store.db as unknown as Kysely<unknown>);
      await readingRollupsMigration().up(store.db as unknown as Kysely<unknown>);
      const after = await store.readings.buckets('pyramid', base, base + 2 * 86_400_000 - 1, 48);
      expect(after).toEqual(before);
      expect(Array.from(after.count).reduce((a, b) => a + b, 0)).toBe(34_560);
    });

    it('refuses a reading of a sensor that is not registered', async () => {
      await expect(store.readings.insertMany([{ sensor: 'ghost', time: 1, value: 1 }])).rejects.toThrow();
    });
  });
}
