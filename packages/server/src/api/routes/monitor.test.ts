// Monitoring routes through the real HTTP app on both backends: decision alerts to a real webhook and the real MQTT broker,
// acknowledgement, drift and its metrics, live performance from outcomes, batch scoring of a stored range.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList, DriftReport, PerformanceReport, ScoreResponse } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };
const BROKER = process.env.SHOPFLOOR_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** A small press line: four machines, a binary failure target (torque above 62 or worn tools fail). */
function pressCsv(): string {
  const lines = ['UDI,Machine,Type,Torque [Nm],Tool wear [min],Machine failure'];
  for (let i = 1; i <= 80; i++) {
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    lines.push([i, `M-${i % 4}`, ['L', 'M', 'H'][i % 3], torque, wear, wear > 200 || torque > 62 ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}
const trainingLike = () => Array.from({ length: 80 }, (_, k) => ({ Machine: `M-${(k + 1) % 4}`, Type: ['L', 'M', 'H'][(k + 1) % 3]!, 'Torque [Nm]': 20 + (((k + 1) * 7) % 50), 'Tool wear [min]': ((k + 1) * 13) % 240 }));

const USE_CASE = {
  id: 'press-failure', name: 'Press failure', task: 'binary', target: 'Machine failure', entityColumn: 'Machine',
  features: [{ name: 'Type' }, { name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; details: Record<string, unknown> } }).error;

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['sqlite', 'postgres'] as const)('monitor routes on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let operator: { user: { id: string }; headers: Headers };
  let viewer: Headers;
  let datasetVersionId: string;
  let hook: Server;
  let subscriber: MqttClient;
  const posted: Record<string, unknown>[] = [];
  const published: Record<string, unknown>[] = [];
  const uc = (path: string) => `/api/v1/use-cases/press-failure${path}`;
  const predict = async (rows: object[]) => {
    const res = await t.app.inject({ method: 'POST', url: uc('/predict'), headers: operator.headers, payload: { rows } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().predictions as { predictionId: string; score: number; decision: { label: string; act: boolean } }[];
  };
  const get = (url: string, headers: Headers = viewer) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        posted.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    subscriber = connect(BROKER, { reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => subscriber.once('connect', () => resolve()).once('error', reject));
    subscriber.on('message', (_topic, payload) => published.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>));
    await subscriber.subscribeAsync('shopfloor/press-failure/alerts', { qos: 1 });
    t = await openTestApp(backend, {
      companionSensors: 0,
      alerts: { webhooks: [`http://127.0.0.1:${(hook.address() as AddressInfo).port}/line-3`], mqttUrl: BROKER, driftCheckMinutes: 0 },
    });
    engineer = (await t.userWithRole('engineer')).headers;
    operator = await t.userWithRole('operator');
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=press&fileName=press.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: pressCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    datasetVersionId = imported.json().id;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...USE_CASE, datasetVersionId } });
    expect(created.statusCode, created.body).toBe(201);
    const trained = await t.app.inject({ method: 'POST', url: uc('/train'), headers: engineer, payload: {} });
    expect(trained.statusCode, trained.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    await subscriber?.endAsync();
    await new Promise((resolve) => hook?.close(resolve));
  });

  it('raises an alert for every served decision that acts, delivers it by webhook and MQTT, and lists it open', async () => {
    const answers = await predict([
      { Machine: 'M-1', Type: 'L', 'Torque [Nm]': 30, 'Tool wear [min]': 20 },
      { Machine: 'M-2', Type: 'L', 'Torque [Nm]': 68, 'Tool wear [min]': 230 },
    ]);
    const acting = answers.filter((a) => a.decision.act);
    expect(acting.length).toBeGreaterThanOrEqual(1);
    const ids = acting.map((a) => a.predictionId);
    await waitFor(() => ids.every((id) => posted.some((p) => p.predictionId === id) && published.some((p) => p.predictionId === id)));
    expect(posted.find((p) => p.predictionId === ids[0])).toMatchObject({ useCaseId: 'press-failure', kind: 'decision', severity: 'critical', entity: 'M-2' });
    const listed = (await get(uc('/alerts?state=open'))).json() as AlertList;
    expect(listed.alerts.filter((a) => ids.includes(a.predictionId!)).map((a) => a.state)).toEqual(ids.map(() => 'open'));
    expect(listed.alerts.some((a) => a.predictionId === answers.find((x) => !x.decision.act)?.predictionId)).toBe(false);
  });

  it('records an operator acknowledgement once (who, when, note), audited; viewers cannot; unknown alerts are 404', async () => {
    const [alert] = ((await get(uc('/alerts?state=open'))).json() as AlertList).alerts;
    const url = `/api/v1/alerts/${alert!.id}/acknowledge`;
    expect((await t.app.inject({ method: 'POST', url, headers: viewer, payload: {} })).statusCode).toBe(403);
    t.clock.advance(90_000);
    const done = await t.app.inject({ method: 'POST', url, headers: operator.headers, payload: { note: 'die changed' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: alert!.id, state: 'acknowledged', acknowledged: { by: operator.user.id, note: 'die changed', at: t.clock.now().toISOString() } });
    const again = await t.app.inject({ method: 'POST', url, headers: operator.headers, payload: { note: 'twice' } });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'ALERT_ALREADY_ACKNOWLEDGED', details: { acknowledgedBy: operator.user.id } });
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/alr_nope/acknowledge', headers: operator.headers, payload: {} });
    expect(errorOf(missing).code).toBe('ALERT_NOT_FOUND');
    const acknowledged = ((await get(uc('/alerts?state=acknowledged'))).json() as AlertList).alerts as Alert[];
    expect(acknowledged.map((a) => a.id)).toEqual([alert!.id]);
    const audit = (await t.store.audit.list({ subject: 'use-case:press-failure' })).filter((a) => a.action === 'alert.acknowledge');
    expect(audit.map((a) => [a.userId, a.details.alertId, a.details.note])).toEqual([[operator.user.id, alert!.id, 'die changed']]);
  });

  it('reports drift against the training rows: stable for training-like traffic, major for torque 40 Nm higher, and exposes it as metrics', async () => {
    t.clock.advance(3_600_000);
    const calmFrom = t.clock.now().toISOString();
    await predict(trainingLike());
    t.clock.advance(60_000);
    const calmTo = t.clock.now().toISOString();
    await predict(trainingLike().map((r) => ({ ...r, 'Torque [Nm]': r['Torque [Nm]'] + 40 })));
    t.clock.advance(60_000);
    const calm = (await get(uc(`/drift?from=${encodeURIComponent(calmFrom)}&to=${encodeURIComponent(calmTo)}`))).json() as DriftReport;
    expect(calm.window.predictions).toBe(80);
    expect(calm.reference.rows).toBeGreaterThan(40);
    const torqueCalm = calm.features.find((f) => f.feature === 'Torque [Nm]')!;
    expect(torqueCalm.psi!).toBeLessThan(0.1);
    expect(torqueCalm.status).toBe('stable');
    const res = await get(uc(`/drift?from=${encodeURIComponent(calmTo)}`));
    expect(res.statusCode, res.body).toBe(200);
    const shifted = res.json() as DriftReport;
    const torque = shifted.features.find((f) => f.feature === 'Torque [Nm]')!;
    expect(torque).toMatchObject({ band: 'major', status: 'drift' });
    expect(torque.bins[torque.bins.length - 2]!.live).toBeGreaterThan(40); // above the top training decile
    expect(torque.meanShift?.drifted).toBe(true);
    expect(shifted.features.find((f) => f.feature === 'Type')!.status).toBe('stable');
    expect(shifted.status).toBe('drift');
    expect(shifted.predictions.map((p) => p.feature)).toEqual(['score', 'decision']);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/shopfloor_drift_psi\{use_case="press-failure",feature="Torque \[Nm\]"\} [0-9.]+/);
    expect(metrics.body).toContain('shopfloor_drift_status{use_case="press-failure",feature="Torque [Nm]"} 2');
    expect(metrics.body).toMatch(/shopfloor_alerts_open\{use_case="press-failure",kind="decision"\} [1-9]/);
    expect(metrics.body).toMatch(/shopfloor_alert_deliveries\{sink="webhook http:[^"]+",outcome="delivered"\} [1-9]/);
    const reversed = await get(uc(`/drift?from=${encodeURIComponent(calmTo)}&to=${encodeURIComponent(calmFrom)}`));
    expect(reversed.statusCode).toBe(422);
    expect(errorOf(reversed)).toMatchObject({ code: 'MONITOR_WINDOW_INVALID', details: { field: 'from' } });
  });

  it('measures live performance once outcomes arrive, with cost per 1,000 from the decisions actually taken', async () => {
    t.clock.advance(3_600_000);
    const from = t.clock.now().toISOString();
    const answers = await predict([
      { Machine: 'M-0', Type: 'L', 'Torque [Nm]': 66, 'Tool wear [min]': 10 },
      { Machine: 'M-0', Type: 'M', 'Torque [Nm]': 30, 'Tool wear [min]': 10 },
      { Machine: 'M-1', Type: 'H', 'Torque [Nm]': 25, 'Tool wear [min]': 220 },
      { Machine: 'M-1', Type: 'L', 'Torque [Nm]': 35, 'Tool wear [min]': 50 },
    ]);
    const truth = [1, 0, 1, 0];
    for (const [i, a] of answers.entries()) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/predictions/${a.predictionId}/outcome`, headers: operator.headers, payload: { outcome: truth[i] } });
      expect(res.statusCode, res.body).toBe(201);
    }
    t.clock.advance(1000); // `to` (now) is exclusive
    const res = await get(uc(`/performance?from=${encodeURIComponent(from)}`));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as PerformanceReport;
    expect(report).toMatchObject({ predictions: 4, labelled: 4, currency: 'EUR', task: 'binary' });
    // Outcome costs: true alarm 5000 - 4000, false alarm 300, miss 5000, no alarm 0.
    const cost = answers.reduce((sum, a, i) => sum + (a.decision.act ? (truth[i] ? 1000 : 300) : truth[i] ? 5000 : 0), 0);
    expect(report.metrics.costPer1000).toBeCloseTo((1000 * cost) / 4, 6);
    expect(report.metrics.auc).not.toBeNull();
    expect(report.byModel).toHaveLength(1);
    expect(report.heldOut.costPer1000).not.toBeNull();
  });

  it('scores a stored row range through the prediction service, logged as served, as JSON or CSV, and refuses ranges outside the data', async () => {
    const res = await t.app.inject({ method: 'POST', url: uc('/score'), headers: operator.headers, payload: { datasetVersionId, rows: { from: 3, to: 7 } } });
    expect(res.statusCode, res.body).toBe(200);
    const scored = res.json() as ScoreResponse;
    expect(scored.rows).toBe(5);
    expect(scored.scored.map((s) => s.row)).toEqual([3, 4, 5, 6, 7]);
    const logged = await t.app.inject({ method: 'GET', url: `/api/v1/predictions/${scored.scored[0]!.prediction.predictionId}`, headers: viewer });
    expect(logged.json()).toMatchObject({ role: 'champion', path: 'champion', entity: 'M-3', input: { 'Torque [Nm]': 41, Machine: 'M-3' } });
    const csv = await t.app.inject({ method: 'POST', url: uc('/score'), headers: operator.headers, payload: { datasetVersionId, rows: { from: 1, to: 2 }, format: 'csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('row,score,decision,act,expected_cost,currency,path,model_version,prediction_id');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2']);
    const outside = await t.app.inject({ method: 'POST', url: uc('/score'), headers: operator.headers, payload: { datasetVersionId, rows: { from: 70, to: 90 } } });
    expect(outside.statusCode).toBe(422);
    expect(errorOf(outside)).toMatchObject({ code: 'SCORE_INVALID', details: { field: 'rows.to', rows: 80 } });
    const noTime = await t.app.inject({ method: 'POST', url: uc('/score'), headers: operator.headers, payload: { datasetVersionId, time: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' } } });
    expect(errorOf(noTime)).toMatchObject({ code: 'SCORE_INVALID', details: { field: 'time' } });
    const unknown = await t.app.inject({ method: 'POST', url: uc('/score'), headers: operator.headers, payload: { datasetVersionId: 'nope' } });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: uc('/score'), headers: viewer, payload: { datasetVersionId } })).statusCode).toBe(403);
  });
});
