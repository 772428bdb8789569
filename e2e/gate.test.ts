// Comparison and gate over the real HTTP API on both backends: a candidate trained on corrupted labels fails, a better one passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '@shopfloor/server';
import { AI4I, USE_CASE, corruptedLabels } from './ai4i-gate-data.js';

describe.each(['sqlite', 'postgres'] as const)('comparison and gate over HTTP on %s', (backend) => {
  let t: TestApp;
  let engineer: { authorization: string };
  let viewer: { authorization: string };
  const url = (path: string) => `/api/v1/use-cases/machine-failure${path}`;
  const post = (path: string, headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: url(path), headers, payload });
  const get = (path: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: url(path), headers });

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = (await t.userWithRole('engineer')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i2020&fileName=ai4i2020.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: AI4I });
    const datasetVersionId = imported.json().id;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...USE_CASE, datasetVersionId } })).statusCode).toBe(201);
    // v1, the champion: a deliberately small model (5 rounds of 4-leaf trees).
    const v1 = await post('/train', engineer, { params: { maxIter: 5, maxLeafNodes: 4 } });
    expect(v1.json().aliases).toEqual(['champion']);
    // v2: default parameters on a copy whose labels were shuffled.
    const corrupt = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i2020&fileName=ai4i2020-shuffled.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: corruptedLabels() });
    expect(corrupt.statusCode, corrupt.body).toBe(201);
    expect((await post('/train', engineer, { datasetVersionId: corrupt.json().id })).statusCode).toBe(201);
    // v3: default parameters on the true labels.
    expect((await post('/train', engineer, {})).statusCode).toBe(201);
    // An edge-case set (the high-quality variant H, a small product line) and a model test on it.
    const set = await post('/evaluation-sets', engineer, { name: 'type-h', note: 'product line H', source: { kind: 'slice', where: [{ column: 'Type', equals: 'H' }] } });
    expect(set.statusCode, set.body).toBe(201);
    const test = await post('/model-tests', engineer, { name: 'ranks H parts', kind: 'minimum-metric', metric: 'roc_auc', threshold: 0.8, set: { name: 'type-h' } });
    expect(test.statusCode, test.body).toBe(201);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('compares three versions on the 2,000 benchmark rows: intervals, paired differences, Type slices, flips and cost', async () => {
    const res = await post('/compare', viewer, { versions: [1, 2, 'v3'], resamples: 200, volumePerMonth: 50_000 });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.sets).toEqual([expect.objectContaining({ name: 'benchmark', version: 1, rows: 2000 }), expect.objectContaining({ name: 'type-h', version: 1, rows: 188 })]);
    expect(c.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(c.cells.map((cell: { set: string; slice: { value: string } | null }) => `${cell.set}:${cell.slice?.value ?? 'all'}`)).toEqual([
      'benchmark:all',
      'benchmark:H',
      'benchmark:L',
      'benchmark:M',
      'type-h:all',
      'type-h:H',
    ]);
    const whole = c.cells[0];
    const auc = (i: number) => whole.versions[i].metrics.roc_auc;
    for (const i of [0, 1, 2]) expect(auc(i).low).toBeLessThanOrEqual(auc(i).value);
    expect(auc(1).value).toBeLessThan(0.65); // shuffled labels: no better than chance, give or take
    expect(auc(2).value).toBeGreaterThan(0.95);
    const worse = whole.versions[1].differences.find((d: { metric: string }) => d.metric === 'roc_auc');
    expect(worse.difference).toBeLessThan(0);
    expect(worse.high).toBeLessThan(0);
    expect(worse.pValue).toBeLessThan(0.05);
    expect(c.cells.slice(1, 4).reduce((n: number, cell: { rows: number }) => n + cell.rows, 0)).toBe(2000);
    for (const f of c.flips) {
      expect(f.fixed + f.broken).toBeLessThanOrEqual(f.flips);
      expect(f.examples.length).toBeLessThanOrEqual(5);
    }
    const cost3 = c.cost.find((l: { modelVersionId: string }) => l.modelVersionId === c.versions[2].id);
    expect(cost3.costPer1000.value).toBeLessThan(cost3.practice.costPer1000);
    expect(cost3.perMonth.cost).toBeCloseTo((cost3.costPer1000.value * 50_000) / 1000, 6);
  });

  it('fails the candidate trained on shuffled labels and passes the better one; both runs are stored', async () => {
    const bad = await post('/gate', engineer, { candidate: 2 });
    expect(bad.statusCode, bad.body).toBe(201);
    const failed = bad.json();
    expect(failed.passed).toBe(false);
    expect(failed.against.version).toBe(1);
    expect(failed.checks.find((c: { name: string }) => c.name === 'roc_auc on benchmark').passed).toBe(false);
    expect(failed.report).toContain('FAILED');
    expect(failed.sets.map((x: { name: string; rows: number }) => [x.name, x.rows])).toEqual([
      ['benchmark', 2000],
      ['type-h', 188],
    ]);
    expect(failed.checks.find((c: { name: string }) => c.name === 'roc_auc on type-h').passed).toBe(false);
    expect(failed.checks.find((c: { name: string }) => c.name.startsWith('model test "ranks H parts"')).passed).toBe(false);

    t.clock.advance(60_000);
    const good = await post('/gate', engineer, { candidate: 3, against: 'champion' });
    expect(good.json().passed, good.json().report).toBe(true);
    expect(good.json().report).toContain('PASSED');
    expect(good.json().checks.map((c: { name: string }) => c.name)).toEqual([
      'roc_auc on benchmark',
      'pr_auc on benchmark',
      'roc_auc on type-h',
      'pr_auc on type-h',
      'cost per 1,000 on benchmark',
      'beats the current practice',
      'model test "ranks H parts" (minimum-metric)',
    ]);

    const list = await get('/gates', viewer);
    expect(list.json().map((g: { candidate: { version: number }; passed: boolean }) => [g.candidate.version, g.passed])).toEqual([
      [3, true],
      [2, false],
    ]);
    expect((await get('/gates?candidate=2', viewer)).json()).toHaveLength(1);
    expect((await get(`/gates/${failed.id}`, viewer)).json().report).toBe(failed.report);
  });

  it('answers bad requests with stable codes and stores nothing for them', async () => {
    const twice = await post('/compare', viewer, { versions: [1, 'champion'] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error).toMatchObject({ code: 'COMPARE_INVALID', details: { field: 'versions[1]' } });
    const unknown = await post('/gate', engineer, { candidate: 3, tolerances: { auc: 0.01 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'COMPARE_INVALID', details: { field: 'tolerances.auc' } });
    expect((await post('/gate', engineer, { candidate: 9 })).json().error.code).toBe('MODEL_NOT_FOUND');
    expect((await post('/gate', viewer, { candidate: 3 })).statusCode).toBe(403);
    expect((await get('/gates/gate_nope', viewer)).json().error.code).toBe('GATE_NOT_FOUND');
    expect((await post('/compare', viewer, { versions: [1], slices: ['Torque [Nm]'] })).json().error).toMatchObject({ code: 'COMPARE_INVALID', details: { field: 'slices' } });
    expect((await get('/gates', viewer)).json()).toHaveLength(2);
  });
});
