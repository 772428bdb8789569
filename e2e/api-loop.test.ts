// The whole loop through the real HTTP API on both store backends: import AI4I, create the use case, train, predict, and the 4xx a user meets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '@shopfloor/server';

const AI4I_PATH = fileURLToPath(new URL('../packages/server/data/ai4i2020/ai4i2020.csv', import.meta.url));
const AI4I = readFileSync(AI4I_PATH);

const SENSORS = [
  { name: 'Air temperature [K]', unit: 'K', sensorId: 'air-temp' },
  { name: 'Process temperature [K]', unit: 'K', sensorId: 'process-temp' },
  { name: 'Rotational speed [rpm]', unit: 'rpm', sensorId: 'spindle-speed' },
  { name: 'Torque [Nm]', unit: 'Nm', sensorId: 'spindle-torque' },
  { name: 'Tool wear [min]', unit: 'min' },
];

const USE_CASE = {
  id: 'machine-failure',
  name: 'Machine failure (AI4I 2020)',
  decision: 'stop the machine for inspection before it fails',
  task: 'binary',
  target: 'Machine failure',
  features: [...SENSORS, { name: 'Type' }],
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' },
};

/** AI4I rows keyed by the file's column names, numbers as numbers (the file has no quotes). */
function ai4iRows(): Record<string, string | number>[] {
  const lines = AI4I.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, k) => [h, h === 'Type' || h === 'Product ID' ? cells[k]! : Number(cells[k])]));
  });
}

describe.each(['sqlite', 'postgres'] as const)('the whole loop over HTTP on %s', (backend) => {
  let t: TestApp;
  let engineer: { authorization: string };
  let operator: { authorization: string };
  let datasetVersionId: string;
  const rows = ai4iRows();

  const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('imports the AI4I CSV once: 201 with schema and statistics, then 200 with the same version', async () => {
    const url = '/api/v1/datasets?name=ai4i2020&fileName=ai4i2020.csv';
    const first = await post(url, { ...engineer, 'content-type': 'text/csv' }, AI4I);
    expect(first.statusCode, first.body).toBe(201);
    const version = first.json();
    expect(version).toMatchObject({ datasetName: 'ai4i2020', fileName: 'ai4i2020.csv', format: 'csv', rowCount: 10_000 });
    const kinds = Object.fromEntries(version.columns.map((c: { name: string; kind: string }) => [c.name, c.kind]));
    expect(kinds).toMatchObject({ UDI: 'id', Type: 'categorical', 'Torque [Nm]': 'numeric', 'Machine failure': 'boolean' });
    const torque = version.columns.find((c: { name: string }) => c.name === 'Torque [Nm]');
    expect(torque.stats).toMatchObject({ count: 10_000, missing: 0, min: 3.8, max: 76.6 });

    const again = await post(url, { ...engineer, 'content-type': 'application/octet-stream' }, AI4I);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(version.id);
    datasetVersionId = version.id;

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/datasets', headers: operator });
    expect(list.json().map((v: { id: string }) => v.id)).toEqual([version.id]);
  });

  it('rejects a malformed CSV with 400 naming the line, and keeps nothing of it', async () => {
    const bad = 'UDI,Torque [Nm],Type\n1,42.8,M\n2,"46.3,L\n3,39.5,L\n';
    const res = await post('/api/v1/datasets?name=broken&fileName=broken.csv', { ...engineer, 'content-type': 'text/csv' }, bad);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(['DATASET_CSV_MALFORMED', 'DATASET_RAGGED_ROW']).toContain(error.code);
    expect(error.message).toContain('broken.csv');
    expect(error.message).toMatch(/line \d/);
    const ragged = await post('/api/v1/datasets?name=broken', { ...engineer, 'content-type': 'text/csv' }, 'a,b\n1,2\n3,4,5\n');
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().error).toMatchObject({ code: 'DATASET_RAGGED_ROW', details: { line: 3 } });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/datasets', headers: engineer });
    expect(list.json().map((v: { datasetName: string }) => v.datasetName)).toEqual(['ai4i2020']);
  });

  it('creates the machine-failure use case with the UDI % 5 == 0 key split and the form schema', async () => {
    const res = await post('/api/v1/use-cases', engineer, { ...USE_CASE, datasetVersionId });
    expect(res.statusCode, res.body).toBe(201);
    const useCase = res.json();
    expect(useCase.split).toEqual({ kind: 'key', column: 'UDI', modulo: 5, remainder: 0 });
    expect(useCase.classes).toEqual(['false', 'true']);
    expect(useCase.championVersionId).toBeNull();
    const torque = useCase.inputs.find((i: { name: string }) => i.name === 'Torque [Nm]');
    expect(torque).toMatchObject({ kind: 'numeric', unit: 'Nm', sensorId: 'spindle-torque' });
    expect(torque.min).toBeLessThan(torque.median);
    expect(torque.median).toBeLessThan(torque.max);
    expect(useCase.inputs.find((i: { name: string }) => i.name === 'Type')).toMatchObject({ kind: 'categorical', levels: ['H', 'L', 'M'] });

    const missing = await post('/api/v1/use-cases', engineer, { ...USE_CASE, id: 'typo', datasetVersionId, features: [{ name: 'Torque [nm]' }] });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'DATASET_COLUMN_MISSING', details: { columns: ['Torque [nm]'] } });
  });

  it('keeps an operator from training (403) and a caller without a token out (401)', async () => {
    const weak = await post('/api/v1/use-cases/machine-failure/train', operator, {});
    expect(weak.statusCode).toBe(403);
    expect(weak.json().error.code).toBe('AUTH_ROLE_TOO_WEAK');
    const anonymous = await post('/api/v1/use-cases/machine-failure/predict', {}, { row: rows[0] });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_TOKEN_MISSING');
    const noChampion = await post('/api/v1/use-cases/machine-failure/predict', operator, { row: rows[0] });
    expect(noChampion.statusCode).toBe(409);
    expect(noChampion.json().error.code).toBe('MODEL_NO_CHAMPION');
  });

  it('trains a champion that ranks the 2,000 held-out rows with AUC > 0.95 and costs less than no model', async () => {
    const res = await post('/api/v1/use-cases/machine-failure/train', engineer); // no body: default parameters
    expect(res.statusCode, res.body).toBe(201);
    const model = res.json();
    expect(model).toMatchObject({ useCaseId: 'machine-failure', version: 1, datasetVersionId, aliases: ['champion'] });
    expect(model.metrics.nTest).toBe(2000);
    expect(model.metrics.auc).toBeGreaterThan(0.95);
    expect(model.metrics.expectedCostPer1000).toBeLessThan(model.metrics.baselineCostPer1000);
    expect(model.decisionRule.kind).toBe('binary');
    expect(model.params).toMatchObject({ objective: 'binary', maxIter: 200, maxDepth: 6 });
    expect(model.featureImportance).toHaveLength(6);
    console.info(
      `[${backend}] AI4I: AUC ${model.metrics.auc.toFixed(4)}, PR-AUC ${model.metrics.prAuc.toFixed(4)}, threshold ${model.decisionRule.threshold.toFixed(3)}, ` +
        `expected cost/1000 EUR ${model.metrics.expectedCostPer1000.toFixed(0)} vs no model ${model.metrics.baselineCostPer1000.toFixed(0)}, train ${model.metrics.trainSeconds.toFixed(2)} s`,
    );
    const useCase = await t.app.inject({ method: 'GET', url: '/api/v1/use-cases/machine-failure', headers: operator });
    expect(useCase.json().championVersionId).toBe(model.id);
    const models = await t.app.inject({ method: 'GET', url: '/api/v1/use-cases/machine-failure/models', headers: operator });
    expect(models.json().map((m: { id: string }) => m.id)).toEqual([model.id]);
  });

  it('predicts one row with its decision, cost and the top contributions in the sensors\' units', async () => {
    const failing = rows.find((r) => r['Machine failure'] === 1 && Number(r['UDI']) % 5 === 0)!;
    const res = await post('/api/v1/use-cases/machine-failure/predict', operator, { row: failing, explain: true, topContributions: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const [p] = res.json().predictions;
    expect(p).toMatchObject({ path: 'champion', degraded: false, reasons: [], model: { version: 1 }, decision: { currency: 'EUR' } });
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(p.score).toBeLessThanOrEqual(1);
    expect(p.decision.label).toBe(p.decision.act ? 'stop' : 'no stop');
    expect(p.contributions).toHaveLength(3);
    const top = p.contributions[0];
    expect(top.value).toBe(failing[top.feature]);
    if (top.feature !== 'Type') expect(top.unit).toBe(SENSORS.find((s) => s.name === top.feature)!.unit);
    expect(Math.abs(top.contribution)).toBeGreaterThanOrEqual(Math.abs(p.contributions[2].contribution));
    expect(typeof p.bias).toBe('number');
  });

  it('predicts a batch of 100 rows, alarming on more of the failures than of the healthy ones', async () => {
    const batch = rows.filter((r) => Number(r['UDI']) % 5 === 0).slice(0, 100);
    const res = await post('/api/v1/use-cases/machine-failure/predict', operator, { rows: batch });
    expect(res.statusCode, res.body).toBe(200);
    const predictions = res.json().predictions as { score: number; decision: { act: boolean; expectedCost: number }; contributions?: unknown }[];
    expect(predictions).toHaveLength(100);
    expect(predictions.every((p) => p.contributions === undefined && p.decision.expectedCost >= 0)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    const scoreOf = (label: number) => mean(predictions.filter((_, i) => batch[i]!['Machine failure'] === label).map((p) => p.score));
    expect(scoreOf(1)).toBeGreaterThan(scoreOf(0));
  });

  it('answers 400 with stable codes naming the row and feature for bad prediction rows', async () => {
    const url = '/api/v1/use-cases/machine-failure/predict';
    const { ['Torque [Nm]']: _dropped, ...withoutTorque } = rows[0]!;
    const missing = await post(url, operator, { rows: [rows[1], withoutTorque] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'PREDICT_FEATURE_MISSING', details: { row: 1, feature: 'Torque [Nm]' } });

    const typed = await post(url, operator, { row: { ...rows[0], 'Torque [Nm]': 'high' } });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().error).toMatchObject({ code: 'PREDICT_FEATURE_TYPE', details: { row: 0, feature: 'Torque [Nm]' } });

    const category = await post(url, operator, { row: { ...rows[0], Type: 'XL' } });
    expect(category.statusCode).toBe(400);
    expect(category.json().error).toMatchObject({ code: 'PREDICT_UNKNOWN_CATEGORY', details: { feature: 'Type', value: 'XL' } });
  });

  it('answers 404 USE_CASE_NOT_FOUND for a use case that does not exist', async () => {
    const res = await post('/api/v1/use-cases/press-7/predict', operator, { row: rows[0] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'USE_CASE_NOT_FOUND', details: { useCaseId: 'press-7' } });
  });

  it('lists the loop routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/datasets', '/api/v1/dataset-versions/{id}', '/api/v1/use-cases', '/api/v1/use-cases/{id}/train', '/api/v1/use-cases/{id}/models', '/api/v1/use-cases/{id}/predict']),
    );
    expect(doc.paths['/api/v1/use-cases/{id}/predict'].post.security).toEqual([{ bearerAuth: [] }]);
  });
});
