// Streaming scoring over HTTP, run on both backends: readings posted for two assets become logged predictions with their entity and inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRolloutApp, USE_CASE, type RolloutApp } from './deployments-fixture.js';

const INPUTS = { air: 'Air temperature [K]', process: 'Process temperature [K]', speed: 'Rotational speed [rpm]', torque: 'Torque [Nm]', wear: 'Tool wear [min]' } as const;
const ASSETS = ['mill-1', 'mill-2'] as const;
const RANGES = { air: [250, 350], process: [250, 350], speed: [0, 3000], torque: [0, 100], wear: [0, 300] } as const;
const T0 = Date.parse('2024-05-01T06:00:00.000Z');
const MIN = 60_000;

type Quantity = keyof typeof INPUTS;
const sensorId = (asset: string, q: Quantity) => `${asset}.${q}`;

/** One reading of every quantity of an asset at `time`. */
function allOf(asset: string, time: number, values: Record<Quantity, number>) {
  return (Object.keys(INPUTS) as Quantity[]).map((q) => ({ sensor: sensorId(asset, q), time: new Date(time).toISOString(), value: values[q] }));
}

const M1 = { air: 300.1, process: 310.2, speed: 1500, torque: 40.5, wear: 100 };
const M2 = { air: 299.0, process: 309.5, speed: 1420, torque: 45.25, wear: 210 };

export function runStreamingSuite(backend: 'sqlite' | 'postgres'): void {
  describe(`streaming scoring on ${backend}`, () => {
    let r: RolloutApp;
    let operator: { authorization: string };
    const logged = async (entity: string) => {
      const res = await r.call('GET', `/api/v1/use-cases/${USE_CASE.id}/predictions?entity=${entity}`);
      expect(res.status).toBe(200);
      return res.json.predictions as { entity: string; input: Record<string, unknown>; path: string }[];
    };
    const post = async (readings: unknown[]) => {
      r.t.clock.advance(1000); // log rows in posting order (the log lists newest first)
      const res = await r.call('POST', '/api/v1/readings', { readings }, operator);
      expect(res.status).toBe(200);
      expect(res.json.rejected).toEqual([]);
    };

    beforeAll(async () => {
      r = await openRolloutApp({}, [], undefined, backend);
      operator = (await r.t.userWithRole('operator', 'olga')).headers;
      const sensors = ASSETS.flatMap((asset) => (Object.keys(INPUTS) as Quantity[]).map((q) => ({ id: sensorId(asset, q), asset, unit: '', min: RANGES[q][0], max: RANGES[q][1], samplePeriodMs: MIN })));
      expect((await r.call('POST', '/api/v1/sensors', { sensors })).status).toBe(200);
    }, 120_000);
    afterAll(async () => r?.close());

    it('is off until set, and refuses a setting naming an input the use case lacks', async () => {
      const off = await r.call('GET', `/api/v1/use-cases/${USE_CASE.id}/streaming`);
      expect(off.json).toMatchObject({ useCaseId: USE_CASE.id, enabled: false, updatedAt: null });
      const bad = await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { enabled: true, sensors: { 'mill-1.torque': 'Torque' } });
      expect(bad.status).toBe(422);
      expect(bad.json.error).toMatchObject({ code: 'STREAMING_INVALID', details: { field: 'sensors["mill-1.torque"]' } });
      const unknown = await r.call('PUT', '/api/v1/use-cases/no-such/streaming', { enabled: true });
      expect(unknown.json.error.code).toBe('USE_CASE_NOT_FOUND');
      const asOperator = await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { enabled: true }, operator);
      expect(asOperator.status).toBe(403);
    });

    it('scores each asset once its inputs are complete, logging its entity and inputs; stale inputs do not score', async () => {
      // Readings posted before streaming is enabled are only stored.
      await post(allOf('mill-1', T0 - 10 * MIN, M1));
      const sensors = Object.fromEntries(ASSETS.flatMap((asset) => (Object.keys(INPUTS) as Quantity[]).map((q) => [sensorId(asset, q), INPUTS[q]])));
      const put = await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { enabled: true, intervalMs: 0, maxAgeMs: 5 * MIN, sensors, constants: { Type: 'M' } });
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({ enabled: true, intervalMs: 0, maxAgeMs: 5 * MIN, constants: { Type: 'M' } });
      expect(await logged('mill-1')).toEqual([]);

      // mill-1 complete in one batch; mill-2 lacks its torque: one row.
      await post([...allOf('mill-1', T0, M1), ...allOf('mill-2', T0, M2).filter((x) => !x.sensor.endsWith('torque'))]);
      const m1 = await logged('mill-1');
      expect(m1).toHaveLength(1);
      expect(m1[0]).toMatchObject({ entity: 'mill-1', path: 'champion', input: { Type: 'M', [INPUTS.air]: M1.air, [INPUTS.speed]: M1.speed, [INPUTS.torque]: M1.torque, [INPUTS.wear]: M1.wear } });
      expect(await logged('mill-2')).toEqual([]);

      // mill-2's torque completes its row, a minute later: still fresh.
      await post([{ sensor: 'mill-2.torque', time: new Date(T0 + MIN).toISOString(), value: M2.torque }]);
      const m2 = await logged('mill-2');
      expect(m2).toHaveLength(1);
      expect(m2[0]).toMatchObject({ entity: 'mill-2', input: { [INPUTS.torque]: M2.torque, [INPUTS.wear]: M2.wear, [INPUTS.process]: M2.process } });

      // mill-1's torque 10 minutes on: the other inputs are older than maxAgeMs, nothing is scored...
      await post([{ sensor: 'mill-1.torque', time: new Date(T0 + 10 * MIN).toISOString(), value: 60 }]);
      expect(await logged('mill-1')).toHaveLength(1);
      // ...until the rest catches up.
      await post(allOf('mill-1', T0 + 11 * MIN, { ...M1, torque: 61 }));
      const again = await logged('mill-1');
      expect(again).toHaveLength(2);
      expect(again.map((p) => p.input[INPUTS.torque]).sort()).toEqual([40.5, 61]);
    });

    it("takes the degraded path when the asset's own sensor is untrusted, the other asset staying on the champion", async () => {
      const health = await r.call('PUT', '/api/v1/sensors/mill-1.torque/health', { state: 'untrusted' });
      expect(health.status).toBe(200);
      await post([...allOf('mill-1', T0 + 20 * MIN, M1), ...allOf('mill-2', T0 + 20 * MIN, M2)]);
      const [m1] = await logged('mill-1');
      expect(m1).toMatchObject({ entity: 'mill-1', input: { [INPUTS.torque]: M1.torque } });
      expect(m1!.path).not.toBe('champion'); // no companion and no rule here: the service abstains rather than read the torque
      const detail = await r.call('GET', `/api/v1/predictions/${(m1 as unknown as { id: string }).id}`);
      expect(detail.json.output).toMatchObject({ degraded: true, untrustedSensors: [INPUTS.torque] });
      const [m2] = await logged('mill-2');
      expect(m2).toMatchObject({ entity: 'mill-2', path: 'champion' });
      await r.call('PUT', '/api/v1/sensors/mill-1.torque/health', { state: 'trusted' });
    });

    it('scores an asset at most once per interval, and not at all once disabled', async () => {
      const current = (await r.call('GET', `/api/v1/use-cases/${USE_CASE.id}/streaming`)).json;
      await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { ...current, intervalMs: 10 * MIN });
      await post(allOf('mill-2', T0 + 30 * MIN, M2)); // first row under the new setting: scored
      await post(allOf('mill-2', T0 + 31 * MIN, M2)); // within 10 minutes of it: not
      expect(await logged('mill-2')).toHaveLength(3);
      await post(allOf('mill-2', T0 + 40 * MIN, M2));
      expect(await logged('mill-2')).toHaveLength(4);
      await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { ...current, enabled: false });
      await post(allOf('mill-2', T0 + 60 * MIN, M2));
      expect(await logged('mill-2')).toHaveLength(4);
    });

    it('fills a row from stored readings after the setting changes, so one new reading scores', async () => {
      const current = (await r.call('GET', `/api/v1/use-cases/${USE_CASE.id}/streaming`)).json;
      await r.call('PUT', `/api/v1/use-cases/${USE_CASE.id}/streaming`, { ...current, enabled: true, intervalMs: 0, maxAgeMs: 24 * 60 * MIN });
      const before = (await logged('mill-1')).length;
      await post([{ sensor: 'mill-1.torque', time: new Date(T0 + 70 * MIN).toISOString(), value: 12.5 }]);
      const rows = await logged('mill-1');
      expect(rows).toHaveLength(before + 1);
      expect(rows[0]!.input).toMatchObject({ [INPUTS.torque]: 12.5, [INPUTS.speed]: M1.speed, [INPUTS.wear]: M1.wear, Type: 'M' });
      const metrics = await (await fetch(`${r.base}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`shopfloor_streaming_rows_total\\{outcome="scored"\\} ${before + 1 + 4}`));
    });
  });
}
