// Sensors, readings and trust reports through the real HTTP app on SQLite: registration, per-row rejections, CSV imports across the clock change, reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingsResult, TrustReport } from '@shopfloor/contracts';
import { seededRandom } from '../../trust/index.js';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

const TEMP = { id: 'line.temp', asset: 'line-1', unit: 'K', min: 250, max: 400, samplePeriodMs: 60_000, resolution: 0.1 };
const TORQUE = { id: 'line.torque', asset: 'line-1', unit: 'Nm', min: 0, max: 150, samplePeriodMs: 60_000, resolution: 0.1 };

/** 600 minutes per machine: temperature and torque with noise; on `stuckOn`, torque is stuck on rows 400-449 (holding row 399). */
function lineCsv(machines: string[] = ['m1'], stuckOn = 'm1'): string {
  const rng = seededRandom(5);
  const lines = ['time,machine,temp,torque,failed'];
  for (const m of machines) {
    let held = 0;
    for (let i = 0; i < 600; i++) {
      const temp = (300 + rng.normal()).toFixed(1);
      let torque = Number((40 + 3 * rng.normal()).toFixed(1));
      if (i === 399) held = torque;
      if (m === stuckOn && i >= 400 && i < 450) torque = held;
      lines.push(`${new Date(Date.UTC(2024, 3, 1) + i * 60_000).toISOString()},${m},${temp},${torque},${i % 7 === 0 ? 1 : 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('sensor, readings and trust routes on SQLite', () => {
  let t: TestApp;
  let engineer: Headers;
  let operator: Headers;
  let viewer: Headers;
  const send = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown, contentType?: string) =>
    t.app.inject({ method, url, headers: contentType === undefined ? headers : { ...headers, 'content-type': contentType }, ...(payload === undefined ? {} : { payload: payload as string }) });
  const stored = async (sensor: string) => Array.from((await t.store.readings.range(sensor, 0, Number.MAX_SAFE_INTEGER)).times, (x) => new Date(x).toISOString());

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('registers sensors (engineers only), keeps a changed spec as a new version and lists them', async () => {
    expect((await send('POST', '/api/v1/sensors', operator, { sensors: [TEMP] })).json().error.code).toBe('AUTH_ROLE_TOO_WEAK');
    const first = await send('POST', '/api/v1/sensors', engineer, { sensors: [{ ...TEMP, max: 500 }, TORQUE] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: ['line.temp', 'line.torque'], updated: [], unchanged: [] });
    const again = await send('POST', '/api/v1/sensors', engineer, { sensors: [TEMP, TORQUE] });
    expect(again.json()).toMatchObject({ created: [], updated: ['line.temp'], unchanged: ['line.torque'] });
    expect((await t.store.sensors.history('line.temp')).map((h) => h.spec.max)).toEqual([500, 400]);
    const bad = await send('POST', '/api/v1/sensors', engineer, { sensors: [{ ...TEMP, id: 'x', min: 5, max: 1 }] });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().error.message).toContain('body.sensors[0].max');
    const list = await send('GET', '/api/v1/sensors', viewer);
    expect(list.json().sensors.map((s: { spec: { id: string }; version: number }) => [s.spec.id, s.version])).toEqual([['line.temp', 2], ['line.torque', 1]]);
  });

  it('keeps the good readings of a batch and lists each bad one by index, sensor and code', async () => {
    const res = await send('POST', '/api/v1/readings', operator, {
      readings: [
        { sensor: 'line.temp', time: '2024-03-01T08:00:00Z', value: 301.5 },
        { sensor: 'line.pressure', time: '2024-03-01T08:00:00Z', value: 2 },
        { sensor: 'line.temp', time: '2024-03-01T08:01:00Z', value: 'warm' },
        { sensor: 'line.temp', time: '2024-03-01T09:02:00+01:00', value: 301.7 },
        { sensor: 'line.temp', time: '2024-03-01T08:02:00Z', value: 301.9 },
        { sensor: 'line.temp', time: '2024-03-01T08:01:30Z', value: 301.8 },
        { sensor: 'line.temp', time: 'soon', value: 301 },
        { sensor: 'line.temp', time: '2024-03-01T08:03:00Z', value: 'NaN' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ReadingsResult;
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.row, r.sensor, r.code])).toEqual([
      [1, 'line.pressure', 'READING_SENSOR_UNKNOWN'],
      [2, 'line.temp', 'READING_VALUE_TEXT'],
      [4, 'line.temp', 'READING_TIME_DUPLICATE'],
      [5, 'line.temp', 'READING_TIME_OUT_OF_ORDER'],
      [6, 'line.temp', 'READING_TIME_INVALID'],
      [7, 'line.temp', 'READING_VALUE_NAN'],
    ]);
    expect(await stored('line.temp')).toEqual(['2024-03-01T08:00:00.000Z', '2024-03-01T08:02:00.000Z']);
    const audit = (await t.store.audit.list({ subject: 'readings:api' }))[0];
    expect(audit).toMatchObject({ action: 'readings.ingest', details: { accepted: 2, rejected: 6 } });
  });

  it('answers 422 READINGS_ALL_REJECTED when no row is good, stores nothing, and lets no viewer post', async () => {
    const res = await send('POST', '/api/v1/readings', operator, {
      readings: [
        { sensor: 'line.temp', time: '2024-03-01T08:02:00Z', value: 1 },
        { sensor: 'ghost', time: '2024-03-01T08:05:00Z', value: 1 },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'READINGS_ALL_REJECTED',
      details: { rejectedCount: 2, rejected: [{ row: 0, sensor: 'line.temp', code: 'READING_TIME_DUPLICATE' }, { row: 1, sensor: 'ghost', code: 'READING_SENSOR_UNKNOWN' }] },
    });
    expect(await stored('line.temp')).toHaveLength(2);
    expect((await send('POST', '/api/v1/readings', viewer, { readings: [{ sensor: 'line.temp', time: 0, value: 1 }] })).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/readings', operator, { readings: [] })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('imports a wide CSV across the autumn clock change in Berlin: the repeated hour becomes distinct UTC instants', async () => {
    const wall = ['01:30', '02:00', '02:30', '02:00', '02:30', '03:00'];
    const csv = ['time,line.temp,line.torque', ...wall.map((hm, i) => `2024-10-27 ${hm}:00,${300 + i},${i === 2 ? '' : 40 + i}`)].join('\n');
    const res = await send('POST', '/api/v1/readings/import?format=wide&fileName=dst.csv', operator, csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 11, rejected: [] });
    const expected = ['2024-10-26T23:30:00.000Z', '2024-10-27T00:00:00.000Z', '2024-10-27T00:30:00.000Z', '2024-10-27T01:00:00.000Z', '2024-10-27T01:30:00.000Z', '2024-10-27T02:00:00.000Z'];
    expect((await stored('line.temp')).slice(2)).toEqual(expected);
    expect(await stored('line.torque')).toEqual(expected.filter((_, i) => i !== 2));
    const again = await send('POST', '/api/v1/readings/import?format=wide&fileName=dst.csv', operator, csv, 'text/csv');
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rejected.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [2, 'READING_TIME_DUPLICATE'], [2, 'READING_TIME_DUPLICATE'], [3, 'READING_TIME_DUPLICATE'], [3, 'READING_TIME_DUPLICATE'], [4, 'READING_TIME_DUPLICATE'],
      [5, 'READING_TIME_DUPLICATE'], [5, 'READING_TIME_DUPLICATE'], [6, 'READING_TIME_DUPLICATE'], [6, 'READING_TIME_DUPLICATE'], [7, 'READING_TIME_DUPLICATE'], [7, 'READING_TIME_DUPLICATE'],
    ]);
  });

  it('imports a long CSV naming each bad row by its file line, and refuses a file without the long columns', async () => {
    const csv = [
      'time,sensor,value',
      '2024-10-27T03:01:00+01:00,line.temp,310',
      '2024-10-27T03:02:00+01:00,line.temp,abc',
      '2024-10-27T03:02:00+01:00,line.flow,1',
      '2024-10-27T03:00:30+01:00,line.temp,311',
      '2024-10-27T03:03:00+01:00,line.temp,',
      '2024-10-27T03:04:00+01:00,line.temp,312',
    ].join('\n');
    const res = await send('POST', '/api/v1/readings/import?format=long&fileName=long.csv', operator, csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(2);
    expect(res.json().rejected.map((r: { row: number; sensor: string; code: string }) => [r.row, r.sensor, r.code])).toEqual([
      [3, 'line.temp', 'READING_VALUE_TEXT'],
      [4, 'line.flow', 'READING_SENSOR_UNKNOWN'],
      [5, 'line.temp', 'READING_TIME_OUT_OF_ORDER'],
      [6, 'line.temp', 'READING_VALUE_MISSING'],
    ]);
    const wrong = await send('POST', '/api/v1/readings/import?format=long', operator, 'time,line.temp\n2024-10-27T03:05:00Z,1\n', 'text/csv');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('no "sensor" column');
  });

  it('reports trust over a stored range and over a use case dataset, finding the stuck torque rows', async () => {
    const imported = await send('POST', '/api/v1/datasets?name=line&fileName=line.csv', engineer, lineCsv(), 'text/csv');
    expect(imported.statusCode, imported.body).toBe(201);
    const useCase = {
      id: 'line-failure',
      name: 'Line failure',
      task: 'binary',
      datasetVersionId: imported.json().id,
      target: 'failed',
      features: [{ name: 'temp', unit: 'K', sensorId: 'line.temp' }, { name: 'torque', unit: 'Nm', sensorId: 'line.torque' }],
      timeColumn: 'time',
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    expect((await send('POST', '/api/v1/use-cases', engineer, useCase)).statusCode).toBe(201);
    const res = await send('GET', '/api/v1/use-cases/line-failure/trust-report?referenceFraction=0.25', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as TrustReport;
    expect(report.source).toMatchObject({ kind: 'use-case', useCaseId: 'line-failure', timeColumn: 'time' });
    const [temp, torque] = report.sensors;
    expect(temp).toMatchObject({ sensor: 'line.temp', feature: 'temp', readings: 600, referenceReadings: 150, issues: [], health: 'trusted' });
    expect(torque!.issues.map((i) => i.code)).toEqual(['STUCK']);
    expect(torque!.issues[0]!.from).toBeLessThanOrEqual(Date.UTC(2024, 3, 1) + 399 * 60_000);
    expect(torque!.issues[0]!.to).toBeGreaterThanOrEqual(Date.UTC(2024, 3, 1) + 449 * 60_000);
    expect(torque!.affectedShare).toBeGreaterThanOrEqual(51 / 600);

    const range = await send('GET', '/api/v1/trust/report?from=2024-10-26T23:00:00Z&to=2024-10-27T03:10:00%2B01:00&sensors=line.temp', viewer);
    expect(range.statusCode, range.body).toBe(200);
    expect(range.json().sensors[0]).toMatchObject({ sensor: 'line.temp', readings: 8, checked: false, health: 'suspect' });
    expect(range.json().sensors[0].notes[0]).toContain('not checked: no baseline');
    expect((await send('GET', '/api/v1/trust/report?from=2024-10-27T03:00:00Z&to=2024-10-27T01:00:00Z', viewer)).json().error.code).toBe('TRUST_REPORT_INVALID');
    expect((await send('GET', '/api/v1/trust/report?from=0&to=1&sensors=nope', viewer)).statusCode).toBe(404);
    expect((await send('GET', '/api/v1/use-cases/nope/trust-report', viewer)).json().error.code).toBe('USE_CASE_NOT_FOUND');
  });

  it('checks each machine of a use case with an entity column as its own series and tags the issues with it', async () => {
    const imported = await send('POST', '/api/v1/datasets?name=two-lines&fileName=two.csv', engineer, lineCsv(['m1', 'm2'], 'm2'), 'text/csv');
    expect(imported.statusCode, imported.body).toBe(201);
    const useCase = {
      id: 'two-lines',
      name: 'Two lines',
      task: 'binary',
      datasetVersionId: imported.json().id,
      target: 'failed',
      features: [{ name: 'temp', sensorId: 'line.temp' }, { name: 'torque', sensorId: 'line.torque' }],
      entityColumn: 'machine',
      timeColumn: 'time',
      costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
    };
    expect((await send('POST', '/api/v1/use-cases', engineer, useCase)).statusCode).toBe(201);
    const report = (await send('GET', '/api/v1/use-cases/two-lines/trust-report', viewer)).json() as TrustReport;
    const torque = report.sensors.find((x) => x.sensor === 'line.torque')!;
    expect(torque.readings).toBe(1200);
    expect(torque.referenceReadings).toBe(240);
    expect(torque.issues.map((i) => [i.entity, i.code])).toEqual([['m2', 'STUCK']]);
    expect(torque.ranges.map((r) => r.entity)).toEqual(['m2']);
    expect(report.sensors.find((x) => x.sensor === 'line.temp')!.issues).toEqual([]);
  });
});
