// Registry routes on both backends with a trained AI4I-like model: the card, alias moves and their history, roles, refs, immutability.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AliasesResponse, MetricsHistory, ModelCard, ModelVersion } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

/** Deterministic uniform numbers in [0, 1) (an LCG: reproducible test data). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const START = Date.parse('2024-01-01T00:00:00.000Z');
const ROWS = 1500;

/**
 * AI4I-like milling data, one reading every 10 minutes: machine type, temperatures, speed, torque and
 * tool wear, and a machine failure from AI4I's own modes (tool wear, heat dissipation, power, overstrain).
 */
function ai4iLikeCsv(): string {
  const rand = uniform(42);
  const lines = ['UDI,time,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure'];
  for (let i = 0; i < ROWS; i++) {
    const type = rand() < 0.6 ? 'L' : rand() < 0.75 ? 'M' : 'H';
    const air = 298 + 4 * rand();
    const process = air + 8 + 3 * rand();
    const rpm = 1250 + 700 * rand();
    const torque = Math.max(4, 70 - rpm / 40 + 12 * rand());
    const wear = Math.floor(250 * rand());
    const power = (torque * rpm * 2 * Math.PI) / 60;
    const limit = type === 'L' ? 11_000 : type === 'M' ? 12_000 : 13_000;
    const failed = wear > 225 || (process - air < 8.8 && rpm < 1380) || power < 3500 || power > 9000 || wear * torque > limit;
    const time = new Date(START + i * 600_000).toISOString();
    lines.push([i + 1, time, type, air.toFixed(1), process.toFixed(1), Math.round(rpm), torque.toFixed(1), wear, failed ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const USE_CASE = {
  id: 'mill-failure',
  name: 'Mill failure',
  decision: 'stop the mill for inspection before it fails',
  task: 'binary',
  target: 'Machine failure',
  timeColumn: 'time',
  features: [
    { name: 'Type' },
    { name: 'Air temperature [K]', unit: 'K', sensorId: 'TT-201' },
    { name: 'Process temperature [K]', unit: 'K', sensorId: 'TT-202' },
    { name: 'Rotational speed [rpm]', unit: 'rpm', sensorId: 'SP-7' },
    { name: 'Torque [Nm]', unit: 'Nm', sensorId: 'TQ-101' },
    { name: 'Tool wear [min]', unit: 'min' },
  ],
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

describe.each(['sqlite', 'postgres'] as const)('registry routes on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let operator: Headers;
  let viewer: Headers;
  let v1: ModelVersion;
  let v2: ModelVersion;
  const UC = '/api/v1/use-cases/mill-failure';

  const call = (method: 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'POST', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; details: Record<string, unknown> } }).error;

  beforeAll(async () => {
    t = await openTestApp(backend);
    const eng = await t.userWithRole('engineer', 'erin');
    engineer = eng.headers;
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=mill-line&fileName=mill.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: ai4iLikeCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    const created = await call('POST', '/api/v1/use-cases', engineer, { ...USE_CASE, datasetVersionId: imported.json().id });
    expect(created.statusCode, created.body).toBe(201);
    const trained: ModelVersion[] = [];
    for (const maxIter of [25, 40]) {
      t.clock.advance(3_600_000);
      const res = await call('POST', `${UC}/train`, engineer, { params: { maxIter } });
      expect(res.statusCode, res.body).toBe(201);
      trained.push(res.json() as ModelVersion);
    }
    [v1, v2] = trained as [ModelVersion, ModelVersion];
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("writes a card for the champion: intended use, lineage, the training's rows and time range, metrics, sensor robustness from training", async () => {
    const res = await call('GET', `${UC}/models/champion/card`, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json() as ModelCard;
    expect(card).toMatchObject({ useCaseId: 'mill-failure', useCaseName: 'Mill failure', modelVersionId: v1.id, version: 1, aliases: ['champion'] });
    expect(card.intendedUse).toMatchObject({ decision: USE_CASE.decision, task: 'binary', target: 'Machine failure', costs: { currency: 'EUR', missCosts: 5000 } });
    expect(card.intendedUse.inputs.map((i) => i.name)).toEqual(USE_CASE.features.map((f) => f.name));
    expect(card.lineage).toMatchObject({ datasetVersionId: v1.datasetVersionId, datasetName: 'mill-line', fileName: 'mill.csv', params: { maxIter: 25 }, codeVersion: v1.codeVersion, createdBy: { name: 'erin' } });

    const w = card.dataWindow;
    expect(w.datasetRows).toBe(ROWS);
    expect(w.rows!.fit + w.rows!.validation + w.rows!.test + w.rows!.benchmarkExcluded + w.rows!.missingTarget).toBe(ROWS);
    expect(w.rows!.test).toBe(card.metrics.nTest);
    expect(w.rows!.fit).toBe(card.metrics.nTrain);
    // Split by time: the model learned from the first readings, the held-out test rows come after `to`.
    expect(w).toMatchObject({ timeColumn: 'time', from: '2024-01-01T00:00:00.000Z' });
    const trainedUntil = Date.parse(w.to!);
    expect(trainedUntil).toBeGreaterThan(START + 0.7 * ROWS * 600_000);
    expect(trainedUntil).toBeLessThan(START + 0.85 * ROWS * 600_000);

    expect(card.metrics.auc).toBeGreaterThan(0.8);
    expect(card.metrics.expectedCostPer1000).toBeLessThan(card.metrics.baselineCostPer1000);
    expect(card.decisionRule.kind).toBe('binary');
    expect(card.featureImportance).toHaveLength(6);
    // Training replayed the benchmark with each sensor failed: the four inputs with a sensor id are assessed, tool wear (no id) and Type are not.
    expect(card.sensorRobustness.status).toBe('assessed');
    expect(card.sensorRobustness.sensors.find((s) => s.feature === 'Torque [Nm]')).toMatchObject({ feature: 'Torque [Nm]', sensorId: 'TQ-101', status: 'assessed' });
    expect(card.sensorRobustness.sensors.find((s) => s.feature === 'Tool wear [min]')).toMatchObject({ status: 'not-assessed', finding: null });
    expect(card.sensorRobustness.sensors.find((s) => s.feature === 'Type')?.sensorId).toBeNull();
    expect(card.knownLimits).toBeNull();

    for (const ref of ['1', 'v1', v1.id]) expect((await call('GET', `${UC}/models/${ref}/card`, viewer)).json()).toEqual(card);
  });

  it('answers a bad model reference with a stable code naming it', async () => {
    const cases: [string, number, string][] = [['latest', 400, 'MODEL_REF_INVALID'], ['7', 404, 'MODEL_NOT_FOUND'], ['shadow', 404, 'MODEL_ALIAS_NOT_SET'], ['mv_other', 404, 'MODEL_NOT_FOUND']];
    for (const [ref, status, code] of cases) {
      const res = await call('GET', `${UC}/models/${ref}/card`, viewer);
      expect(res.statusCode, ref).toBe(status);
      expect(errorOf(res).code).toBe(code);
    }
    expect(errorOf(await call('GET', '/api/v1/use-cases/no-such/models/1/card', viewer)).code).toBe('USE_CASE_NOT_FOUND');
  });

  it('moves aliases only for engineers, the champion only with a reason, and serves the new champion', async () => {
    const noReason = await call('PUT', `${UC}/aliases/champion`, engineer, { version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason)).toMatchObject({ code: 'MODEL_ALIAS_REASON_REQUIRED', details: { field: 'reason' } });
    expect(errorOf(await call('PUT', `${UC}/aliases/champion`, operator, { version: 2, reason: 'looks better' })).code).toBe('AUTH_ROLE_TOO_WEAK');
    expect((await call('PUT', `${UC}/aliases/shadow`, operator, { version: 2 })).statusCode).toBe(403);
    expect(errorOf(await call('PUT', `${UC}/aliases/leader`, engineer, { version: 2 })).code).toBe('MODEL_ALIAS_UNKNOWN');
    expect(errorOf(await call('PUT', `${UC}/aliases/challenger`, engineer, { version: 'newest' })).code).toBe('MODEL_REF_INVALID');
    expect(errorOf(await call('PUT', `${UC}/aliases/challenger`, engineer, { version: 9 })).code).toBe('MODEL_NOT_FOUND');

    t.clock.advance(60_000);
    const shadow = await call('PUT', `${UC}/aliases/shadow`, engineer, { version: 2 });
    expect(shadow.statusCode, shadow.body).toBe(200);
    expect(shadow.json()).toMatchObject({ changed: true, alias: { alias: 'shadow', version: 2 }, event: { alias: 'shadow', version: 2, previousVersion: null } });
    t.clock.advance(60_000);
    const promoted = await call('PUT', `${UC}/aliases/champion`, engineer, { version: 'shadow', reason: 'lower expected cost, a week in shadow without surprises' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ changed: true, event: { version: 2, previousVersion: 1 } });
    const predicted = await call('POST', `${UC}/predict`, operator, { row: { Type: 'L', 'Air temperature [K]': 300, 'Process temperature [K]': 310, 'Rotational speed [rpm]': 1500, 'Torque [Nm]': 40, 'Tool wear [min]': 100 } });
    expect(predicted.statusCode, predicted.body).toBe(200);
    expect(predicted.json().predictions[0].model).toEqual({ id: v2.id, version: 2 });
    expect((await call('GET', UC, viewer)).json().championVersionId).toBe(v2.id);
  });

  it('removes the shadow into the history but never the champion, and lists every move newest first', async () => {
    const champion = await call('DELETE', `${UC}/aliases/champion`, engineer);
    expect(champion.statusCode).toBe(400);
    expect(errorOf(champion).code).toBe('MODEL_CHAMPION_NOT_REMOVABLE');
    t.clock.advance(60_000);
    const removed = await call('DELETE', `${UC}/aliases/shadow?reason=promoted`, engineer);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ changed: true, alias: null, event: { modelVersionId: null, previousVersion: 2, reason: 'promoted' } });
    expect(errorOf(await call('DELETE', `${UC}/aliases/shadow`, engineer)).code).toBe('MODEL_ALIAS_NOT_SET');

    const res = await call('GET', `${UC}/aliases`, viewer);
    expect(res.statusCode).toBe(200);
    const { aliases, history } = res.json() as AliasesResponse;
    expect(aliases.map((a) => [a.alias, a.version])).toEqual([['champion', 2]]);
    expect(history.map((e) => [e.seq, e.alias, e.previousVersion, e.version])).toEqual([
      [4, 'shadow', 2, null],
      [3, 'champion', 1, 2],
      [2, 'shadow', null, 2],
      [1, 'champion', null, 1],
    ]);
    expect(history[1]!.reason).toBe('lower expected cost, a week in shadow without surprises');
    const audit = await t.store.audit.list({ subject: 'use-case:mill-failure' });
    expect(audit.filter((a) => a.action.startsWith('model.alias') || a.action === 'model.promote').map((a) => a.action)).toEqual(['model.alias.remove', 'model.promote', 'model.alias.set', 'model.promote']);
    expect(audit.some((a) => a.action.startsWith('PUT ') || a.action.startsWith('DELETE '))).toBe(false);
  });

  it('keeps versions immutable: known limits are a separate record with who and when, and no route edits a version', async () => {
    const before = (await call('GET', `${UC}/models`, viewer)).json() as ModelVersion[];
    expect((await call('PUT', `${UC}/models/1/known-limits`, operator, { text: 'x' })).statusCode).toBe(403);
    t.clock.advance(60_000);
    const res = await call('PUT', `${UC}/models/v1/known-limits`, engineer, { text: 'Never saw tool wear above 250 min.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ modelVersionId: v1.id, text: 'Never saw tool wear above 250 min.', updatedAt: t.clock.now().toISOString() });
    const card = (await call('GET', `${UC}/models/1/card`, viewer)).json() as ModelCard;
    expect(card.knownLimits).toMatchObject({ text: 'Never saw tool wear above 250 min.', updatedByName: 'erin' });
    expect((await call('GET', `${UC}/models/2/card`, viewer)).json().knownLimits).toBeNull();
    expect(errorOf(await call('PUT', `${UC}/models/1/known-limits`, engineer, { text: 42 })).code).toBe('VALIDATION_FAILED');
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const edit = await call(method, `${UC}/models/1`, engineer, method === 'DELETE' ? undefined : { params: { maxIter: 1 }, metrics: { auc: 1 } });
      expect(edit.statusCode, method).toBe(404);
      expect(errorOf(edit).code).toBe('ROUTE_NOT_FOUND');
    }
    expect((await call('GET', `${UC}/models`, viewer)).json()).toEqual(before);
  });

  it('lists the metric history oldest first with dataset, code version and aliases', async () => {
    const res = await call('GET', `${UC}/metrics-history`, viewer);
    expect(res.statusCode).toBe(200);
    const history = res.json() as MetricsHistory;
    expect(history.versions.map((v) => [v.version, v.aliases])).toEqual([[1, []], [2, ['champion']]]);
    expect(history.versions.map((v) => v.metrics.auc)).toEqual([v1.metrics.auc, v2.metrics.auc]);
    expect(history.versions[1]).toMatchObject({ modelVersionId: v2.id, datasetVersionId: v2.datasetVersionId, codeVersion: v2.codeVersion });
    expect(history.metrics).toEqual(expect.arrayContaining(['auc', 'prAuc', 'expectedCostPer1000']));
    expect(errorOf(await call('GET', '/api/v1/use-cases/no-such/metrics-history', viewer)).code).toBe('USE_CASE_NOT_FOUND');
  });
});
