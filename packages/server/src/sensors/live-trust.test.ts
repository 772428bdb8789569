// Live trust over a real store on both backends: stored readings feed each sensor's monitor, a stuck torque turns it untrusted on the board, a restart keeps it so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SensorSpec, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { createSensorHealthBoard, type SensorHealthBoard } from '../serve/index.js';
import { openTestStore, type Backend, type TestStore } from '../store/index.js';
import { seededRandom } from '../trust/index.js';
import { ingestReadings } from './ingest-readings.js';
import { createLiveTrust, type LiveTrust } from './live-trust.js';
import { registerSensors } from './register.js';

const T0 = Date.UTC(2024, 4, 1, 6, 0, 0);
const MINUTE = 60_000;
const torque = SensorSpec.parse({ id: 'mill.torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, samplePeriodMs: MINUTE, resolution: 0.1 });
const air = SensorSpec.parse({ id: 'mill.air', asset: 'mill', unit: 'K', min: 250, max: 350, samplePeriodMs: MINUTE, resolution: 0.1 });
const ovenAir = SensorSpec.parse({ id: 'oven.air', asset: 'oven', unit: 'K', min: 250, max: 350, samplePeriodMs: MINUTE, resolution: 0.1 });
const ovenProcess = SensorSpec.parse({ id: 'oven.process', asset: 'oven', unit: 'K', min: 250, max: 350, samplePeriodMs: MINUTE, resolution: 0.1, relation: { kind: 'greater-than', other: 'oven.air', margin: 5 } });

/** Rows for readings from..from+n-1 (a minute apart): value(i) for each sensor. */
function rows(from: number, n: number, values: Record<string, (i: number) => number>) {
  return Object.entries(values).flatMap(([sensor, value], s) => Array.from({ length: n }, (_, k) => ({ row: s * n + k, sensor, time: T0 + (from + k) * MINUTE, value: value(from + k) })));
}

function noise(mean: number, sd: number, seed: number): (i: number) => number {
  const rng = seededRandom(seed);
  const values = Array.from({ length: 5000 }, () => Math.round((mean + sd * rng.normal()) * 10) / 10);
  return (i) => values[i]!;
}

const cleanTorque = noise(40, 2, 7);
const cleanAir = noise(300, 0.8, 3);

for (const backend of ['sqlite', 'postgres'] as Backend[]) {
  describe(`live trust on ${backend}`, () => {
    let t: TestStore;
    let user: User;
    let board: SensorHealthBoard;
    let live: LiveTrust;
    const clock = manualClock('2024-05-02T00:00:00.000Z');
    const ingest = (batch: ReturnType<typeof rows>, feed = live) => ingestReadings({ store: t.store, clock, siteTimeZone: 'UTC', live: feed }, user, batch, { source: 'test' });

    beforeAll(async () => {
      t = await openTestStore(backend);
      user = { id: 'usr_eng', name: 'eng', role: 'engineer', createdAt: '2024-05-01T00:00:00.000Z' };
      await t.store.users.insert(user);
      await registerSensors({ store: t.store, clock }, user, { sensors: [torque, air] });
      board = createSensorHealthBoard(() => clock.now());
      live = createLiveTrust(t.store, board, { quietMs: 10 * MINUTE, baselineReadings: 2000, minBaselineReadings: 200 });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('checks no sensor before it has stored history, then fits each baseline on the readings stored before the batch', async () => {
      await ingest(rows(0, 100, { [torque.id]: cleanTorque, [air.id]: cleanAir }));
      expect(live.sensors()).toEqual([]); // 0 readings before this batch
      await ingest(rows(100, 900, { [torque.id]: cleanTorque, [air.id]: cleanAir }));
      expect(live.sensors()).toEqual([]); // 100 before it: under 200
      await ingest(rows(1000, 1000, { [torque.id]: cleanTorque, [air.id]: cleanAir }));
      expect(live.sensors()).toEqual(['mill.air', 'mill.torque']);
      expect(board.entries()).toEqual([]);
    });

    it('turns the stuck torque untrusted on the board with the finding as the reason; air stays trusted', async () => {
      clock.set('2024-05-02T01:00:00.000Z');
      await ingest(rows(2000, 60, { [torque.id]: () => 41.3, [air.id]: cleanAir }));
      expect(board.get(torque.id)).toBe('untrusted');
      expect(board.get(air.id)).toBe('trusted');
      const [entry] = board.entries();
      expect(entry).toMatchObject({ sensorId: 'mill.torque', state: 'untrusted', since: '2024-05-02T01:00:00.000Z' });
      expect(entry!.reason).toMatch(/^Sensor mill\.torque on mill was stuck \(no change\) since 2024-05-02T15:[12]\d:00\.000Z/);
    });

    it('keeps it untrusted after a restart: a new monitor fitted on stored history that ends stuck', async () => {
      const restartedBoard = createSensorHealthBoard(() => clock.now());
      const restarted = createLiveTrust(t.store, restartedBoard, { quietMs: 10 * MINUTE });
      const changes = await restarted.observe([]);
      expect(changes).toEqual([]);
      const stillStuck = rows(2060, 5, { [torque.id]: () => 41.3 });
      await ingest(stillStuck, restarted);
      expect(restartedBoard.entries().map((e) => [e.sensorId, e.state])).toEqual([['mill.torque', 'untrusted']]);
      expect(await live.observe(stillStuck)).toEqual([]); // the first monitor sees them too: still untrusted, no change
    });

    it('is trusted again once the torque has moved for the quiet period (reading time)', async () => {
      await ingest(rows(2065, 9, { [torque.id]: cleanTorque, [air.id]: cleanAir }));
      expect(board.get(torque.id)).toBe('untrusted'); // 9 minutes after the last stuck reading
      await ingest(rows(2074, 5, { [torque.id]: cleanTorque, [air.id]: cleanAir }));
      expect(board.entries()).toEqual([]);
    });

    it('makes a new monitor when the spec changes (320 K is in range before, out of range after)', async () => {
      await registerSensors({ store: t.store, clock }, user, { sensors: [{ ...air, max: 310 }] });
      await ingest(rows(2079, 3, { [air.id]: (i) => (i === 2080 ? 320 : cleanAir(i)) }));
      expect(board.get(air.id)).toBe('untrusted');
      expect(board.entries()[0]!.reason).toContain('read outside its physical range');
    });

    it('turns a sensor silent for over k sample periods of wall clock untrusted at a tick, and trusted once it has sent for the quiet period', async () => {
      const timedBoard = createSensorHealthBoard(() => clock.now());
      const timed = createLiveTrust(t.store, timedBoard, { quietMs: 10 * MINUTE, clock });
      clock.set('2024-05-02T02:00:00.000Z');
      await ingest(rows(2100, 5, { [torque.id]: cleanTorque }), timed);
      expect(timed.sensors()).toEqual(['mill.torque']);
      clock.advance(3 * MINUTE);
      expect(await timed.tick()).toEqual([]); // 3 periods: not yet
      clock.advance(MINUTE);
      const [silent] = await timed.tick();
      expect(silent).toMatchObject({ sensor: 'mill.torque', state: 'untrusted' });
      expect(timedBoard.entries()).toMatchObject([{ sensorId: 'mill.torque', state: 'untrusted', since: '2024-05-02T02:04:00.000Z' }]);
      expect(timedBoard.entries()[0]!.reason).toMatch(/^Sensor mill\.torque on mill sent no readings since 2024-05-02T02:00:00\.000Z \(wall clock; its last reading is stamped 2024-05-02T17:04:00\.000Z\)/);
      await ingest(rows(2105, 5, { [torque.id]: cleanTorque }), timed);
      expect(timedBoard.get(torque.id)).toBe('untrusted'); // sending again, not yet for the quiet period
      await ingest(rows(2110, 6, { [torque.id]: cleanTorque }), timed);
      expect(timedBoard.entries()).toEqual([]);
    });

    it('blames a broken relation on the sensor that left its usual level: the process probe reading below air temperature', async () => {
      await registerSensors({ store: t.store, clock }, user, { sensors: [ovenAir, ovenProcess] });
      const ovenAirValue = noise(320, 0.8, 21);
      const ovenProcessValue = noise(330, 0.8, 22);
      await ingest(rows(0, 1000, { [ovenAir.id]: ovenAirValue, [ovenProcess.id]: ovenProcessValue }));
      await ingest(rows(1000, 100, { [ovenAir.id]: ovenAirValue, [ovenProcess.id]: ovenProcessValue }));
      expect(live.groups()).toEqual(['relation:oven.process>oven.air']);
      expect(board.get(ovenProcess.id)).toBe('trusted');
      await ingest(rows(1100, 10, { [ovenAir.id]: ovenAirValue, [ovenProcess.id]: (i) => ovenAirValue(i) - 4 }));
      expect(board.get(ovenAir.id)).toBe('trusted');
      const entry = board.entries().find((e) => e.sensorId === ovenProcess.id);
      expect(entry).toMatchObject({ state: 'untrusted' });
      expect(entry!.reason).toMatch(/^Sensor oven\.process on oven broke its physical relation since .*; blamed on oven\.process: /);
      await ingest(rows(1110, 12, { [ovenAir.id]: ovenAirValue, [ovenProcess.id]: ovenProcessValue }));
      expect(board.get(ovenProcess.id)).toBe('trusted');
    });

    it('turns the twin drifting from its redundancy group untrusted; its twins stay trusted', async () => {
      const twins = ['tank.level1', 'tank.level2', 'tank.level3'].map((id) => SensorSpec.parse({ id, asset: 'tank', unit: 'cm', min: 0, max: 500, samplePeriodMs: MINUTE, resolution: 0.1, redundancyGroup: 'tank-level' }));
      await registerSensors({ store: t.store, clock }, user, { sensors: twins });
      const level = noise(200, 3, 31); // the tank's true level, shared by the twins
      const own = twins.map((_, j) => noise(0, 0.5, 40 + j));
      const twinValues = (shift: (i: number) => number) =>
        Object.fromEntries(twins.map((s, j) => [s.id, (i: number) => Math.round((level(i) + own[j]!(i) + (j === 1 ? shift(i) : 0)) * 10) / 10]));
      await ingest(rows(0, 1000, twinValues(() => 0)));
      await ingest(rows(1000, 100, twinValues(() => 0)));
      expect(live.groups()).toContain('group:tank-level');
      await ingest(rows(1100, 200, twinValues((i) => Math.min(4, (i - 1100) * 0.02))));
      const drifted = board.entries().filter((e) => e.sensorId.startsWith('tank.'));
      expect(drifted.map((e) => [e.sensorId, e.state])).toEqual([['tank.level2', 'untrusted']]);
      expect(drifted[0]!.reason).toMatch(/^Sensor tank\.level2 on tank drifted away from its redundancy group since /);
    });

    it('never fails the caller when feeding fails: the error goes to onError and no change is made', async () => {
      const errors: unknown[] = [];
      const broken = createLiveTrust({ ...t.store, sensors: { ...t.store.sensors, list: () => Promise.reject(new Error('store gone')) } }, board, { quietMs: MINUTE, onError: (e) => errors.push(e) });
      expect(await broken.observe([{ sensor: torque.id, time: T0, value: 1 }])).toEqual([]);
      expect(errors.map((e) => (e as Error).message)).toEqual(['store gone']);
    });
  });
}
