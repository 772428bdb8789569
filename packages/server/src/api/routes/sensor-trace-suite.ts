// The sensor trace route on every backend (sensor-trace.sqlite.test.ts, sensor-trace.postgres.test.ts): buckets checked against a naive twin, findings, zoom, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_CONTENT_TYPE, decodeTrace, type SensorTrace } from '@shopfloor/contracts';
import type { Backend } from '../../store/index.js';
import { seededRandom } from '../../trust/index.js';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

const T0 = Date.UTC(2024, 3, 1);
const MINUTE = 60_000;
const TORQUE = { id: 'press.torque', asset: 'press-1', unit: 'Nm', min: 0, max: 150, samplePeriodMs: MINUTE, resolution: 0.1 };
const XSS = { ...TORQUE, id: '<img src=x onerror=alert(1)>' };

/** 1,200 minutes of torque with noise, stuck on minutes 700-779, and no readings at all on minutes 900-999. */
function torqueReadings(sensor: string): { sensor: string; time: number; value: number }[] {
  const rng = seededRandom(11);
  const out: { sensor: string; time: number; value: number }[] = [];
  let held = 0;
  for (let i = 0; i < 1200; i++) {
    if (i >= 900 && i < 1000) continue;
    let value = Number((40 + 3 * rng.normal()).toFixed(1));
    if (i === 699) held = value;
    if (i >= 700 && i < 780) value = held;
    out.push({ sensor, time: T0 + i * MINUTE, value });
  }
  return out;
}

/** The naive twin of the store's aggregate: every reading put in its bucket by hand. */
function naiveBuckets(readings: readonly { time: number; value: number }[], from: number, to: number, width: number) {
  const span = to - from + 1;
  const byIndex = new Map<number, { min: number; max: number; count: number }>();
  for (const r of readings) {
    if (r.time < from || r.time > to) continue;
    const i = Math.floor(((r.time - from) * width) / span);
    const b = byIndex.get(i) ?? { min: Infinity, max: -Infinity, count: 0 };
    byIndex.set(i, { min: Math.min(b.min, r.value), max: Math.max(b.max, r.value), count: b.count + 1 });
  }
  const indices = [...byIndex.keys()].sort((a, b) => a - b);
  return {
    starts: indices.map((i) => from + (i * span) / width),
    min: indices.map((i) => Math.fround(byIndex.get(i)!.min)),
    max: indices.map((i) => Math.fround(byIndex.get(i)!.max)),
    count: indices.map((i) => byIndex.get(i)!.count),
  };
}

export function runSensorTraceSuite(backend: Backend): void {
  describe(`GET /api/v1/sensors/:id/trace on ${backend}`, () => {
    let t: TestApp;
    let viewer: Headers;
    const readings = torqueReadings(TORQUE.id);
    const url = (sensor: string, query = ''): string => `/api/v1/sensors/${encodeURIComponent(sensor)}/trace${query}`;
    const trace = async (sensor: string, query = ''): Promise<SensorTrace> => {
      const res = await t.app.inject({ method: 'GET', url: url(sensor, query), headers: viewer });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(TRACE_CONTENT_TYPE);
      return decodeTrace(res.rawPayload);
    };

    beforeAll(async () => {
      t = await openTestApp(backend);
      const engineer = (await t.userWithRole('engineer')).headers;
      viewer = (await t.userWithRole('viewer')).headers;
      const reg = await t.app.inject({ method: 'POST', url: '/api/v1/sensors', headers: engineer, payload: { sensors: [TORQUE, XSS] } });
      expect(reg.statusCode, reg.body).toBe(200);
      const posted = await t.app.inject({ method: 'POST', url: '/api/v1/readings', headers: engineer, payload: { readings } });
      expect(posted.json()).toEqual({ accepted: readings.length, rejected: [] });
      await t.app.inject({ method: 'POST', url: '/api/v1/readings', headers: engineer, payload: { readings: [{ sensor: XSS.id, time: T0, value: 1 }, { sensor: XSS.id, time: T0 + MINUTE, value: 2 }] } });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('cuts the whole stored range into buckets whose min, max and counts match a naive twin, with the dropout left as a gap', async () => {
      const got = await trace(TORQUE.id, '?width=120');
      const last = T0 + 1199 * MINUTE;
      expect([got.from, got.to, got.readings]).toEqual([T0, last, 1100]);
      expect(got.bucketMs).toBeCloseTo((last - T0 + 1) / 120, 9);
      const want = naiveBuckets(readings, T0, last, 120);
      expect(Array.from(got.starts)).toEqual(want.starts);
      expect(Array.from(got.min)).toEqual(want.min);
      expect(Array.from(got.max)).toEqual(want.max);
      expect(Array.from(got.count)).toEqual(want.count);
      // Minutes 900-999 are buckets 90-99: absent, not zero.
      expect(got.starts.length).toBe(110);
      expect(got.starts.some((s) => s >= T0 + 901 * MINUTE && s < T0 + 999 * MINUTE)).toBe(false);
    });

    it('appends the trust findings of the window as spans: the stuck stretch and the dropout', async () => {
      const got = await trace(TORQUE.id, '?width=200');
      expect(got.trailer.sensor).toBe(TORQUE.id);
      expect(got.trailer.unit).toBe('Nm');
      const findings = got.trailer.findings!;
      expect(findings.checked).toBe(true);
      const stuck = findings.spans.find((s) => s.code === 'STUCK');
      expect(stuck).toBeDefined();
      expect(stuck!.from).toBeGreaterThanOrEqual(T0 + 690 * MINUTE);
      expect(stuck!.to).toBeLessThanOrEqual(T0 + 780 * MINUTE);
      expect(stuck!.to - stuck!.from).toBeGreaterThan(30 * MINUTE);
      const dropout = findings.spans.find((s) => s.code === 'DROPOUT');
      expect(dropout).toBeDefined();
      expect(dropout!.from).toBeLessThanOrEqual(T0 + 1000 * MINUTE);
      expect(dropout!.to).toBeGreaterThanOrEqual(T0 + 900 * MINUTE);
    });

    it('zooms to a window given in ISO 8601 and epoch ms, without findings when asked, at full resolution', async () => {
      const from = new Date(T0 + 100 * MINUTE).toISOString();
      const to = T0 + 199 * MINUTE;
      const got = await trace(TORQUE.id, `?from=${encodeURIComponent(from)}&to=${to}&width=1000&findings=false`);
      expect(got.trailer.findings).toBeNull();
      expect([got.from, got.to, got.readings]).toEqual([T0 + 100 * MINUTE, to, 100]);
      const want = naiveBuckets(readings, T0 + 100 * MINUTE, to, 1000);
      expect(Array.from(got.count)).toEqual(want.count);
      expect(Array.from(got.min)).toEqual(Array.from(got.max));
      expect(Array.from(got.max)).toEqual(want.max);
    });

    it('answers an empty window with no buckets, and a sensor whose id is markup by its encoded id', async () => {
      const empty = await trace(TORQUE.id, `?from=${T0 - 10 * MINUTE}&to=${T0 - MINUTE}&findings=false`);
      expect([empty.starts.length, empty.readings]).toEqual([0, 0]);
      const xss = await trace(XSS.id);
      expect(xss.trailer.sensor).toBe(XSS.id);
      expect(Array.from(xss.count).reduce((a, b) => a + b, 0)).toBe(2);
    });

    it('documents the binary layout in the OpenAPI description of the route', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { get?: { description?: string } }> };
      const description = doc.paths['/api/v1/sensors/{id}/trace']?.get?.description ?? '';
      expect(description).toContain('0x31544653');
      expect(description).toContain('float32[n] min');
      expect(description).toContain('decodeTrace');
    });

    it('refuses a bad window naming the field, an unknown sensor, a bad width and a missing token', async () => {
      const get = (u: string, headers: Headers | Record<string, never> = viewer) => t.app.inject({ method: 'GET', url: u, headers });
      const reversed = await get(url(TORQUE.id, `?from=${T0}&to=${T0 - 1}`));
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().error).toMatchObject({ code: 'SENSOR_TRACE_INVALID', details: { field: 'to' } });
      const badTime = await get(url(TORQUE.id, '?from=yesterday'));
      expect(badTime.statusCode).toBe(400);
      expect(badTime.json().error).toMatchObject({ code: 'SENSOR_TRACE_INVALID', details: { field: 'from', received: 'yesterday' } });
      const unknown = await get(url('no.such.sensor'));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'SENSOR_NOT_FOUND', details: { sensors: ['no.such.sensor'] } });
      const width = await get(url(TORQUE.id, '?width=0'));
      expect(width.statusCode).toBe(400);
      expect(width.json().error.code).toBe('VALIDATION_FAILED');
      expect((await get(url(TORQUE.id), {})).statusCode).toBe(401);
    });
  });
}
