// Prediction-log routes through the real HTTP app on both backends: every answer logged before it is sent, queries, feedback, late outcomes, edge-case sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedPrediction, PredictionDetail, PredictionPage } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

/** A small press line: four machines, a binary failure target. */
function pressCsv(): string {
  const lines = ['UDI,Machine,Type,Torque [Nm],Tool wear [min],Machine failure'];
  for (let i = 1; i <= 80; i++) {
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    lines.push([i, `M-${i % 4}`, ['L', 'M', 'H'][i % 3], torque, wear, wear > 200 || torque > 62 ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const USE_CASE = {
  id: 'press-failure',
  name: 'Press failure',
  task: 'binary',
  target: 'Machine failure',
  entityColumn: 'Machine',
  features: [{ name: 'Type' }, { name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};
const row = (machine: string, torque: number) => ({ Machine: machine, Type: 'L', 'Torque [Nm]': torque, 'Tool wear [min]': 120 });
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; details: Record<string, unknown> } }).error;

describe.each(['sqlite', 'postgres'] as const)('prediction log routes on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let operator: { user: { id: string }; headers: Headers };
  let viewer: Headers;
  const uc = (path: string) => `/api/v1/use-cases/press-failure${path}`;
  const predict = async (payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: uc('/predict'), headers: operator.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().predictions as { predictionId: string; score: number; decision: { label: string } }[];
  };
  const post = (url: string, payload: object, headers: Headers = operator.headers) => t.app.inject({ method: 'POST', url, headers, payload });
  const detail = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/predictions/${id}`, headers: viewer })).json() as PredictionDetail;

  beforeAll(async () => {
    t = await openTestApp(backend, { companionSensors: 0 });
    engineer = (await t.userWithRole('engineer')).headers;
    operator = await t.userWithRole('operator');
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=press&fileName=press.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: pressCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...USE_CASE, datasetVersionId: imported.json().id } });
    expect(created.statusCode, created.body).toBe(201);
    const trained = await t.app.inject({ method: 'POST', url: uc('/train'), headers: engineer, payload: {} });
    expect(trained.statusCode, trained.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('logs every answered row with its input, answer, version, entity and path before the reply, and names it in the reply', async () => {
    const [one] = await predict({ row: row('M-1', 30) });
    const stored = await detail(one!.predictionId);
    expect(stored).toMatchObject({ id: one!.predictionId, useCaseId: 'press-failure', entity: 'M-1', role: 'champion', path: 'champion', input: row('M-1', 30), output: one, decision: one!.decision.label, score: one!.score, shadows: [], feedback: [] });
    expect(stored.at).toBe(t.clock.now().toISOString());
    expect(stored.modelVersionId).toMatch(/^mv_/);
    expect(stored.latencyMs).toBeGreaterThanOrEqual(0);
    const batch = await predict({ rows: [row('M-1', 31), row('M-2', 66)], entity: 'press-7' });
    expect(new Set(batch.map((p) => p.predictionId)).size).toBe(2);
    for (const p of batch) expect((await detail(p.predictionId)).entity).toBe('press-7');
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('shopfloor_prediction_log_rows{outcome="committed"} 3');
    expect(metrics).toMatch(/shopfloor_prediction_log_transactions [12]\n/);
  });

  it('lists the log newest first in pages, filtered by entity and time; refuses a forged cursor', async () => {
    t.clock.advance(60_000);
    const later = await predict({ rows: [row('M-3', 40), row('M-3', 41), row('M-3', 42)] });
    const first = (await t.app.inject({ method: 'GET', url: uc('/predictions?limit=2'), headers: viewer })).json() as PredictionPage;
    expect(first.predictions).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = (await t.app.inject({ method: 'GET', url: uc(`/predictions?limit=100&cursor=${first.nextCursor}`), headers: viewer })).json() as PredictionPage;
    const all = [...first.predictions, ...rest.predictions];
    expect(all).toHaveLength(6);
    expect(rest.nextCursor).toBeNull();
    expect(all.slice(0, 3).map((p) => p.id).sort()).toEqual(later.map((p) => p.predictionId).sort());
    const ats = all.map((p: LoggedPrediction) => p.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const m3 = (await t.app.inject({ method: 'GET', url: uc('/predictions?entity=M-3'), headers: viewer })).json() as PredictionPage;
    expect(m3.predictions.map((p) => p.entity)).toEqual(['M-3', 'M-3', 'M-3']);
    const since = encodeURIComponent(t.clock.now().toISOString());
    expect(((await t.app.inject({ method: 'GET', url: uc(`/predictions?from=${since}`), headers: viewer })).json() as PredictionPage).predictions).toHaveLength(3);
    const forged = await t.app.inject({ method: 'GET', url: uc('/predictions?cursor=bm9wZQ'), headers: viewer });
    expect(forged.statusCode).toBe(400);
    expect(errorOf(forged).code).toBe('PREDICTION_CURSOR_INVALID');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/use-cases/none/predictions', headers: viewer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: uc('/predictions'), headers: {} })).statusCode).toBe(401);
  });

  it('takes verdicts, outcomes and overrides from operators, audited, and refuses what the use case cannot mean', async () => {
    const [a, b, c] = await predict({ rows: [row('M-0', 25), row('M-0', 26), row('M-0', 27)] });
    const wrong = await post(`/api/v1/predictions/${a!.predictionId}/feedback`, { verdict: 'wrong', note: 'no crack found' });
    expect(wrong.statusCode, wrong.body).toBe(201);
    expect(wrong.json()).toMatchObject({ predictionId: a!.predictionId, kind: 'wrong', note: 'no crack found', by: operator.user.id });
    t.clock.advance(1000);
    expect((await post(`/api/v1/predictions/${a!.predictionId}/outcome`, { outcome: 1 })).statusCode).toBe(201);
    const badOutcome = await post(`/api/v1/predictions/${a!.predictionId}/outcome`, { outcome: 'maybe' });
    expect(badOutcome.statusCode).toBe(422);
    expect(errorOf(badOutcome)).toMatchObject({ code: 'FEEDBACK_INVALID', details: { field: 'outcome', allowed: ['false', 'true'] } }); // the 0/1 column reads as boolean
    const override = await post(`/api/v1/predictions/${b!.predictionId}/override`, { decision: 'alarm', reasonCode: 'NOISE_HEARD', note: 'bearing noise' });
    expect(override.statusCode, override.body).toBe(201);
    const badOverride = await post(`/api/v1/predictions/${b!.predictionId}/override`, { decision: 'stop', reasonCode: 'X' });
    expect(errorOf(badOverride)).toMatchObject({ code: 'FEEDBACK_INVALID', details: { field: 'decision', allowed: ['alarm', 'no alarm'] } });
    expect((await post(`/api/v1/predictions/${c!.predictionId}/feedback`, { verdict: 'right' })).statusCode).toBe(201);
    expect((await post(`/api/v1/predictions/${c!.predictionId}/feedback`, { verdict: 'right' }, viewer)).statusCode).toBe(403);
    const missing = await post('/api/v1/predictions/pred_nope/feedback', { verdict: 'wrong' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('PREDICTION_NOT_FOUND');

    expect((await detail(a!.predictionId)).feedback.map((f) => [f.kind, f.outcome])).toEqual([['wrong', null], ['outcome', 'true']]); // stored as the class is spelled
    expect((await detail(b!.predictionId)).feedback[0]).toMatchObject({ kind: 'override', decision: 'alarm', reasonCode: 'NOISE_HEARD' });
    const audit = await t.store.audit.list({ subject: `prediction:${b!.predictionId}` });
    expect(audit.map((e) => [e.action, e.userId])).toEqual([['prediction.override', operator.user.id]]);
    const flagged = (await t.app.inject({ method: 'GET', url: uc('/predictions?flagged=true'), headers: viewer })).json() as PredictionPage;
    expect(flagged.predictions.map((p) => p.id).sort()).toEqual([a!.predictionId, b!.predictionId].sort());
  });

  it('attaches a late outcome to the entity\'s predictions in the window before it, and says clearly when none match', async () => {
    t.clock.advance(3_600_000);
    const made = await predict({ rows: [row('M-9', 50), row('M-9', 51)] });
    await predict({ row: row('M-8', 50) });
    t.clock.advance(2 * 3_600_000);
    const at = t.clock.now().toISOString();
    const res = await post(uc('/outcomes'), { entity: 'M-9', at, outcome: '1', windowHours: 6, note: 'WO-4411' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ matched: 2, to: at });
    expect(res.json().predictionIds.sort()).toEqual(made.map((p) => p.predictionId).sort());
    expect((await detail(made[0]!.predictionId)).feedback).toMatchObject([{ kind: 'outcome', outcome: 'true', note: 'WO-4411' }]);
    const tooNarrow = await post(uc('/outcomes'), { entity: 'M-9', at, outcome: 1, windowHours: 1 });
    expect(tooNarrow.statusCode).toBe(404);
    expect(errorOf(tooNarrow)).toMatchObject({ code: 'FEEDBACK_NO_MATCH', details: { entity: 'M-9' } });
    expect((await post(uc('/outcomes'), { entity: 'M-9', at, outcome: 3 })).statusCode).toBe(422);
    expect((await post('/api/v1/use-cases/none/outcomes', { entity: 'M-9', at, outcome: 1 })).statusCode).toBe(404);
  });

  it('documents every prediction-log route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/use-cases/{id}/predictions', '/api/v1/predictions/{id}', '/api/v1/predictions/{id}/feedback', '/api/v1/predictions/{id}/outcome', '/api/v1/predictions/{id}/override', '/api/v1/use-cases/{id}/outcomes', '/api/v1/use-cases/{id}/evaluation-sets/{name}/from-feedback']));
  });

  it('appends flagged and overridden predictions, with their known outcome, to an edge-case set once', async () => {
    const flagged = ((await t.app.inject({ method: 'GET', url: uc('/predictions?flagged=true'), headers: viewer })).json() as PredictionPage).predictions;
    expect((await post(uc('/evaluation-sets/operator-flagged/from-feedback'), {}, operator.headers)).statusCode).toBe(403);
    const res = await post(uc('/evaluation-sets/operator-flagged/from-feedback'), { note: 'shift 2 flags' }, engineer);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'operator-flagged', version: 1, addedRows: flagged.length, note: 'shift 2 flags', source: { kind: 'rows', count: flagged.length } });
    const set = (await t.app.inject({ method: 'GET', url: uc('/evaluation-sets/operator-flagged'), headers: viewer })).json() as { rows: Record<string, unknown>[] };
    const targets = set.rows.map((r) => r['Machine failure']).sort();
    expect(targets).toEqual([null, true]); // the wrong one got outcome 1; the overridden one has none yet
    expect(set.rows.map((r) => r['Torque [Nm]']).sort()).toEqual([25, 26]);
    const again = await post(uc('/evaluation-sets/operator-flagged/from-feedback'), {}, engineer);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, skippedDuplicates: flagged.length });
    const none = await post(uc('/evaluation-sets/operator-flagged/from-feedback'), { from: t.clock.now().toISOString() }, engineer);
    expect(none.statusCode).toBe(409);
    expect(errorOf(none).code).toBe('FEEDBACK_NOTHING_FLAGGED');
  });
});
