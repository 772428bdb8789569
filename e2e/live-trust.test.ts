// Live trust over HTTP on AI4I: readings posted a minute apart feed each sensor's monitor; a stuck torque turns untrusted on the health board and predict answers from the companion; a broken relation and a silent sensor flip health too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, type TestApp } from '@shopfloor/server';
import { AI4I, USE_CASE } from './ai4i-gate-data.js';

const TORQUE = 'Torque [Nm]';
/** AI4I's five sensors on one mill, as plant sensors (ranges and resolutions as bench:trust uses them). */
const SENSORS = [
  { column: 'Air temperature [K]', id: 'air-temp', unit: 'K', min: 270, max: 330, resolution: 0.1 },
  // AI4I's process temperature runs 9 to 12 K above air temperature: the relation checked live.
  { column: 'Process temperature [K]', id: 'process-temp', unit: 'K', min: 270, max: 340, resolution: 0.1, relation: { kind: 'greater-than', other: 'air-temp', margin: 5 } },
  { column: 'Rotational speed [rpm]', id: 'spindle-speed', unit: 'rpm', min: 0, max: 4000, resolution: 1 },
  { column: TORQUE, id: 'spindle-torque', unit: 'Nm', min: 0, max: 150, resolution: 0.1 },
  { column: 'Tool wear [min]', id: 'tool-wear', unit: 'min', min: 0, max: 300, resolution: 1, counterResets: true },
];
const PERIOD = 60_000;
const T0 = Date.UTC(2024, 3, 1, 0, 0, 0);
const sensorOf = (column: string) => SENSORS.find((s) => s.column === column);
const WITH_SENSORS = { ...USE_CASE, features: USE_CASE.features.map((f) => (sensorOf(f.name) ? { ...f, sensorId: sensorOf(f.name)!.id } : f)) };

/** AI4I's rows in UDI order, one a minute from T0 (the file holds no times). */
function ai4iColumns(): Record<string, number[]> {
  const lines = AI4I.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return Object.fromEntries(SENSORS.map((s) => [s.id, rows.map((r) => Number(r[header.indexOf(s.column)]))]));
}

interface HealthEntry {
  sensorId: string;
  state: string;
  since: string;
  reason?: string;
}

describe.each(['sqlite', 'postgres'] as const)('live sensor trust over HTTP on %s', (backend) => {
  let t: TestApp;
  let engineer: { authorization: string };
  let operator: { authorization: string };
  let viewer: { authorization: string };
  const columns = ai4iColumns();
  const url = (path: string) => `/api/v1/use-cases/machine-failure${path}`;
  /** Rows from..to-1 of every sensor as readings; `torque(i)` replaces the torque reading of row i. */
  const readings = (from: number, to: number, torque?: (i: number) => number) =>
    SENSORS.flatMap((s) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return { sensor: s.id, time: new Date(T0 + i * PERIOD).toISOString(), value: s.id === 'spindle-torque' && torque ? torque(i) : columns[s.id]![i]! };
      }),
    );
  const post = async (batch: object[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/readings', headers: operator, payload: { readings: batch } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { accepted: number; rejected: unknown[] };
  };
  const health = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sensors/health', headers: viewer });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().sensors as HealthEntry[];
  };
  const row = (i: number, torque = columns['spindle-torque']![i]!) => ({ ...Object.fromEntries(SENSORS.map((s) => [s.column, columns[s.id]![i]!])), [TORQUE]: torque, Type: 'M' });
  const predictOne = async (payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: url('/predict'), headers: operator, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().predictions[0] as { path: string; degraded: boolean; reasonCode: string | null; untrustedSensors: string[]; companion?: { leftOut: string }; reasons: string[] };
  };

  beforeAll(async () => {
    // Live trust ticks every second of real time, on the test's manual clock (silence is seen only when the test moves it).
    t = await openTestApp(backend, { trustQuietSeconds: 600, trustTickSeconds: 1 });
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i2020&fileName=ai4i2020.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: AI4I });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...WITH_SENSORS, datasetVersionId: imported.json().id } });
    expect(created.statusCode, created.body).toBe(201);
    const trained = await t.app.inject({ method: 'POST', url: url('/train'), headers: engineer, payload: {} });
    expect(trained.json().aliases).toEqual(['champion']);
    // A companion without torque: the robustness ranking says how far down torque is.
    const ranking = (await t.app.inject({ method: 'GET', url: url('/models/champion/robustness'), headers: viewer })).json().sensors as { feature: string }[];
    const k = ranking.findIndex((s) => s.feature === TORQUE) + 1;
    expect(k).toBeGreaterThan(0);
    const companions = await t.app.inject({ method: 'POST', url: url('/models/champion/companions'), headers: engineer, payload: { k } });
    expect(companions.statusCode, companions.body).toBe(200);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sensors',
      headers: engineer,
      payload: { sensors: SENSORS.map(({ column: _column, ...spec }) => ({ ...spec, asset: 'ai4i-mill', samplePeriodMs: PERIOD })) },
    });
    expect(registered.statusCode, registered.body).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('keeps every sensor trusted over 2,400 minutes of clean AI4I readings (baselines from the 2,000 stored first)', async () => {
    expect(await post(readings(0, 2000))).toEqual({ accepted: 10_000, rejected: [] });
    expect(await post(readings(2000, 2400))).toEqual({ accepted: 2000, rejected: [] });
    expect(await health()).toEqual([]);
    const answer = await predictOne({ row: row(2399) });
    expect(answer).toMatchObject({ path: 'champion', degraded: false, reasonCode: null });
  });

  it('turns the stuck torque untrusted with the finding as the reason, and predict answers from the companion', async () => {
    const heldAt = columns['spindle-torque']![2399]!;
    const result = await post([...readings(2400, 2460, () => heldAt), { sensor: 'no-such-sensor', time: new Date(T0).toISOString(), value: 1 }]);
    expect(result.accepted).toBe(300);
    expect(result.rejected).toHaveLength(1);
    const board = await health();
    expect(board.map((e) => [e.sensorId, e.state])).toEqual([['spindle-torque', 'untrusted']]);
    console.info(`[${backend}] health board: ${board[0]!.reason}`);
    expect(board[0]!.reason).toMatch(/^Sensor spindle-torque on ai4i-mill was stuck \(no change\) since /);
    expect(board[0]!.reason).toContain(`received ${heldAt} Nm`);
    const answer = await predictOne({ row: row(2459, heldAt) });
    expect(answer).toMatchObject({ path: 'companion', degraded: true, reasonCode: 'SENSOR_UNTRUSTED_HEALTH', untrustedSensors: [TORQUE], companion: { leftOut: TORQUE } });
    expect(answer.reasons[0]).toContain('live sensor health');
  });

  it('stays untrusted through the quiet period and is trusted again after 10 minutes of moving torque', async () => {
    await post(readings(2460, 2469));
    expect((await health()).map((e) => e.sensorId)).toEqual(['spindle-torque']); // 9 minutes since the last stuck reading
    await post(readings(2469, 2480));
    expect(await health()).toEqual([]);
    const answer = await predictOne({ row: row(2479) });
    expect(answer).toMatchObject({ path: 'champion', degraded: false, untrustedSensors: [], reasonCode: null });
  });

  it('turns a sensor reading outside its physical range untrusted at once', async () => {
    await post([{ sensor: 'air-temp', time: new Date(T0 + 2480 * PERIOD).toISOString(), value: 400 }]);
    const board = await health();
    expect(board.map((e) => [e.sensorId, e.state])).toEqual([['air-temp', 'untrusted']]);
    expect(board[0]!.reason).toContain('read outside its physical range');
  });

  it('blames the process temperature probe when it reads below air temperature (air as usual), and trusts it again after the quiet period', async () => {
    await post(readings(2481, 2495));
    expect(await health()).toEqual([]); // air temperature back after 10 minutes in range
    const processBelowAir = readings(2495, 2505).map((r) => (r.sensor === 'process-temp' ? { ...r, value: Math.round((columns['air-temp']![(Date.parse(r.time) - T0) / PERIOD]! - 2) * 10) / 10 } : r));
    await post(processBelowAir);
    const board = await health();
    expect(board.map((e) => [e.sensorId, e.state])).toEqual([['process-temp', 'untrusted']]);
    console.info(`[${backend}] health board: ${board[0]!.reason}`);
    expect(board[0]!.reason).toMatch(/^Sensor process-temp on ai4i-mill broke its physical relation since .*: expected process-temp at least 5 K above air-temp, .*; blamed on process-temp: /);
    await post(readings(2505, 2520));
    expect(await health()).toEqual([]);
  });

  it('turns every sensor untrusted at the first tick after 3 sample periods without a reading (wall clock), and trusted again once they send for the quiet period', async () => {
    t.clock.advance(3 * PERIOD + 1000);
    const silent = await vi.waitFor(
      async () => {
        const board = await health();
        expect(board).toHaveLength(SENSORS.length);
        return board;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(silent.map((e) => e.state)).toEqual(SENSORS.map(() => 'untrusted'));
    const torque = silent.find((e) => e.sensorId === 'spindle-torque')!;
    console.info(`[${backend}] health board: ${torque.reason}`);
    expect(torque.reason).toMatch(/^Sensor spindle-torque on ai4i-mill sent no readings since .* \(wall clock; its last reading is stamped 2024-04-02T17:59:00\.000Z\): expected a reading every 60000 ms \(at most 3 periods apart\)/);
    const answer = await predictOne({ row: row(2519) });
    // Every input untrusted and no fallback rule: serving never reads the silent sensors' last values, it abstains.
    expect(answer).toMatchObject({ degraded: true, reasonCode: 'NO_RULE' });
    expect(answer.untrustedSensors).toContain(TORQUE);
    await post(readings(2520, 2525));
    expect(await health()).toHaveLength(SENSORS.length); // sending again, not yet for the quiet period
    await post(readings(2525, 2531));
    expect(await health()).toEqual([]);
  });
});
