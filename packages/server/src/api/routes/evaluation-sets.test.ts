// Evaluation-set and model-test routes through the real HTTP app on SQLite: roles, versions, the benchmark, a test run on a trained model, and the 4xx a user meets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wearCsv, WEAR_USE_CASE } from '../../compare/wear-fixture.js';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

describe('evaluation-set and model-test routes on SQLite', () => {
  let t: TestApp;
  let engineer: Headers;
  let operator: Headers;
  let viewer: Headers;
  const BASE = '/api/v1/use-cases/tool-wear';
  const post = (url: string, headers: Headers, payload?: object) => t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=tool-wear&fileName=wear.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: wearCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    const created = await post('/api/v1/use-cases', engineer, { ...WEAR_USE_CASE, datasetVersionId: imported.json().id });
    expect(created.statusCode, created.body).toBe(201);
    const trained = await post(`${BASE}/train`, engineer, { params: { maxIter: 40, monotonicConstraints: { wear: 1 } } });
    expect(trained.statusCode, trained.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('serves the pinned benchmark set to a viewer', async () => {
    const res = await get(`${BASE}/benchmark-set`, viewer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'benchmark', version: 1, rowCount: 138, keyColumns: ['cell'] });
    const byName = await get(`${BASE}/evaluation-sets/benchmark`, viewer);
    expect(byName.json().hash).toBe(res.json().hash);
  });

  it('creates a set (201), appends a version, answers 200 when nothing is new, and reads any version', async () => {
    const body = { name: 'type-l', description: 'product type L', source: { kind: 'slice', where: [{ column: 'Type', equals: 'L' }] } };
    const first = await post(`${BASE}/evaluation-sets`, engineer, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ name: 'type-l', version: 1, rowCount: 46, created: true });
    const second = await post(`${BASE}/evaluation-sets`, engineer, { name: 'type-l', note: 'flagged on shift 2', source: { kind: 'rows', rows: [{ Type: 'L', wear: 250, temp: 305, failure: true }] } });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, rowCount: 47, addedRows: 1, note: 'flagged on shift 2' });
    const same = await post(`${BASE}/evaluation-sets`, engineer, body);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 2, created: false, skippedDuplicates: 46 });
    const v1 = await get(`${BASE}/evaluation-sets/type-l?version=1`, viewer);
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ version: 1, rowCount: 46, hash: first.json().hash });
    expect(v1.json().rows).toHaveLength(46);
    expect((await get(`${BASE}/evaluation-sets/type-l`, viewer)).json()).toMatchObject({ version: 2, hash: second.json().hash });
    const list = await get(`${BASE}/evaluation-sets`, viewer);
    expect(list.json().map((s: { name: string; versions: unknown[] }) => [s.name, s.versions.length])).toEqual([['type-l', 2]]);
  });

  it('declares model tests as an engineer and runs them on a version by number, alias or id', async () => {
    const tests = [
      { name: 'recall on L', kind: 'minimum-metric', metric: 'recall', threshold: 0.6, set: { name: 'type-l', version: 1 } },
      { name: 'type does not matter', kind: 'invariance', input: 'Type' },
      { name: 'wear lost', kind: 'sensor-failure', input: 'wear', failure: { mode: 'missing' }, maxChangedFraction: 0.05 },
    ];
    for (const test of tests) {
      const res = await post(`${BASE}/model-tests`, engineer, test);
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await get(`${BASE}/model-tests`, viewer)).json().map((x: { spec: { name: string } }) => x.spec.name)).toEqual(tests.map((x) => x.name));
    const run = await post(`${BASE}/models/champion/run-tests`, viewer);
    expect(run.statusCode, run.body).toBe(200);
    const body = run.json();
    expect(body).toMatchObject({ useCaseId: 'tool-wear', model: { version: 1 }, passed: false });
    expect(body.tests.map((r: { name: string; passed: boolean }) => [r.name, r.passed])).toEqual([['recall on L', true], ['type does not matter', true], ['wear lost', false]]);
    expect(body.tests[0].set).toMatchObject({ name: 'type-l', version: 1 });
    expect(body.tests[2].examples.length).toBe(5);
    const byId = await post(`${BASE}/models/${body.model.id}/run-tests`, viewer);
    expect(byId.json().tests).toEqual(body.tests);
    expect((await post(`${BASE}/models/1/run-tests`, viewer)).json().model).toEqual(body.model);
  });

  it('keeps declaring and appending to engineers', async () => {
    expect((await post(`${BASE}/evaluation-sets`, operator, { name: 'x', source: { kind: 'slice', where: [{ column: 'Type', equals: 'L' }] } })).json().error.code).toBe('AUTH_ROLE_TOO_WEAK');
    expect((await post(`${BASE}/model-tests`, viewer, { name: 'x', kind: 'invariance', input: 'Type' })).statusCode).toBe(403);
  });

  it('answers 4xx with stable codes naming what is wrong', async () => {
    const bad = await post(`${BASE}/evaluation-sets`, engineer, { name: 'x', source: { kind: 'rows', rows: [{ Type: 'L', wear: 'high', temp: 300 }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'EVALUATION_SET_INVALID', details: { field: 'source.rows[0].wear', row: 0, column: 'wear' } });
    const schema = await post(`${BASE}/evaluation-sets`, engineer, { name: 'Bad Name', source: { kind: 'slice', where: [] } });
    expect(schema.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get(`${BASE}/evaluation-sets/nope`, viewer)).json().error.code).toBe('EVALUATION_SET_NOT_FOUND');
    expect((await get(`${BASE}/evaluation-sets/type-l?version=5`, viewer)).statusCode).toBe(404);
    const dup = await post(`${BASE}/model-tests`, engineer, { name: 'type does not matter', kind: 'invariance', input: 'Type' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('MODEL_TEST_EXISTS');
    const wrongInput = await post(`${BASE}/model-tests`, engineer, { name: 'dir', kind: 'direction', input: 'Type' });
    expect(wrongInput.json().error).toMatchObject({ code: 'MODEL_TEST_INVALID', details: { field: 'input' } });
    expect((await post(`${BASE}/models/v7/run-tests`, viewer)).json().error.code).toBe('MODEL_NOT_FOUND');
    expect((await get('/api/v1/use-cases/nope/benchmark-set', viewer)).json().error.code).toBe('USE_CASE_NOT_FOUND');
  });
});
