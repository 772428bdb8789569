// Robustness routes on both backends with a model trained on AI4I 2020: the record training wrote, on-demand replays, roles, refs and bad input.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCard, ModelVersion, RobustnessRecord } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };
const AI4I = readFileSync(new URL('../../../data/ai4i2020/ai4i2020.csv', import.meta.url));
const SENSORS = ['Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'];

describe.each(['sqlite', 'postgres'] as const)('robustness routes on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let viewer: Headers;
  let model: ModelVersion;
  const UC = '/api/v1/use-cases/machine-failure';
  const ROB = `${UC}/models/champion/robustness`;

  const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = (await t.userWithRole('engineer', 'erin')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i&fileName=ai4i2020.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: AI4I });
    expect(imported.statusCode, imported.body).toBe(201);
    const datasetVersionId = imported.json().id as string;
    const features = [...SENSORS.map((name) => ({ name, ...(name === 'Torque [Nm]' ? { sensorId: 'TQ-101' } : {}) })), { name: 'Type' }];
    for (const useCase of [
      { id: 'machine-failure', features: [...SENSORS.map((name) => ({ name })), { name: 'Type' }] },
      { id: 'torque-only', features },
      { id: 'by-type', features: [{ name: 'Type' }] },
    ]) {
      const costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 };
      const created = await call('POST', '/api/v1/use-cases', engineer, { ...useCase, name: useCase.id, task: 'binary', target: 'Machine failure', datasetVersionId, costs });
      expect(created.statusCode, created.body).toBe(201);
      const trained = await call('POST', `/api/v1/use-cases/${useCase.id}/train`, engineer, { params: { maxIter: 40 } });
      expect(trained.statusCode, trained.body).toBe(201);
      if (useCase.id === 'machine-failure') model = trained.json() as ModelVersion;
    }
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers a viewer with the record training wrote, sensors ranked', async () => {
    const res = await call('GET', ROB, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json() as RobustnessRecord;
    expect(record).toMatchObject({ modelVersionId: model.id, version: 1, trigger: 'training', seed: 1, metric: 'roc_auc', better: 'higher', sensorSource: 'numeric-inputs' });
    expect(record.sensors.map((s) => s.feature).sort()).toEqual([...SENSORS].sort());
    expect(record.sensors.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    const card = (await call('GET', `${UC}/models/v1/card`, viewer)).json() as ModelCard;
    expect(card.sensorRobustness.status).toBe('assessed');
    expect(card.sensorRobustness.sensors.find((s) => s.feature === record.sensors[0]!.feature)!.finding).toBe(`#1 ${record.sensors[0]!.finding}`);
  });

  it('replays on demand for an engineer (body optional), appends, and the GET then answers the newest', async () => {
    const bare = await call('POST', ROB, engineer);
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ trigger: 'request', seed: 1 });
    const seeded = await call('POST', `${UC}/models/${model.id}/robustness`, engineer, { seed: 42 });
    expect(seeded.statusCode, seeded.body).toBe(201);
    const newest = await call('GET', `${UC}/models/v1/robustness`, viewer);
    expect((newest.json() as RobustnessRecord).id).toBe((seeded.json() as RobustnessRecord).id);
    expect((newest.json() as RobustnessRecord).seed).toBe(42);
  });

  it('replays only the inputs with a sensor id when some have one', async () => {
    const record = (await call('GET', '/api/v1/use-cases/torque-only/models/champion/robustness', viewer)).json() as RobustnessRecord;
    expect(record.sensorSource).toBe('sensor-id');
    expect(record.sensors.map((s) => [s.feature, s.sensorId])).toEqual([['Torque [Nm]', 'TQ-101']]);
  });

  it('keeps training working when nothing can be replayed: not assessed, 404 to read, 422 to run', async () => {
    const card = (await call('GET', '/api/v1/use-cases/by-type/models/v1/card', viewer)).json() as ModelCard;
    expect(card.sensorRobustness.status).toBe('not-assessed');
    const read = await call('GET', '/api/v1/use-cases/by-type/models/v1/robustness', viewer);
    expect(read.statusCode).toBe(404);
    expect(codeOf(read)).toBe('ROBUSTNESS_NOT_FOUND');
    const run = await call('POST', '/api/v1/use-cases/by-type/models/v1/robustness', engineer);
    expect(run.statusCode).toBe(422);
    expect(codeOf(run)).toBe('ROBUSTNESS_INVALID');
  });

  it('refuses a viewer, a bad seed, a bad ref and unknown use cases or versions with stable codes', async () => {
    const cases: [string, string, Headers, unknown, number, string][] = [
      ['POST', ROB, viewer, undefined, 403, 'AUTH_ROLE_TOO_WEAK'],
      ['POST', ROB, engineer, { seed: -1 }, 400, 'VALIDATION_FAILED'],
      ['POST', ROB, engineer, { seed: 'one' }, 400, 'VALIDATION_FAILED'],
      ['GET', `${UC}/models/latest/robustness`, viewer, undefined, 400, 'MODEL_REF_INVALID'],
      ['GET', `${UC}/models/v9/robustness`, viewer, undefined, 404, 'MODEL_NOT_FOUND'],
      ['POST', '/api/v1/use-cases/no-such/models/v1/robustness', engineer, undefined, 404, 'USE_CASE_NOT_FOUND'],
    ];
    for (const [method, url, headers, body, status, code] of cases) {
      const res = await call(method as 'GET' | 'POST', url, headers, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      expect(codeOf(res)).toBe(code);
    }
  });
});
