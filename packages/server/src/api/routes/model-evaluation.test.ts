// The evaluation route on both backends with models trained on AI4I 2020: curves agree with the comparison's metrics, confusion costs add up, SHAP over a sample, bad refs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, ModelEvaluation, UseCase } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };
const AI4I = readFileSync(new URL('../../../data/ai4i2020/ai4i2020.csv', import.meta.url));
const UNITS: Record<string, string> = {
  'Air temperature [K]': 'K',
  'Process temperature [K]': 'K',
  'Rotational speed [rpm]': 'rpm',
  'Torque [Nm]': 'Nm',
  'Tool wear [min]': 'min',
};
const FEATURES = [...Object.entries(UNITS).map(([name, unit]) => ({ name, unit })), { name: 'Type' }];

describe.each(['sqlite', 'postgres'] as const)('model evaluation route on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let viewer: Headers;
  const get = (url: string, headers: Headers | Record<string, never>) => t.app.inject({ method: 'GET', url, headers });
  const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = (await t.userWithRole('engineer', 'erin')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i&fileName=ai4i2020.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: AI4I });
    expect(imported.statusCode, imported.body).toBe(201);
    const datasetVersionId = imported.json().id as string;
    const useCases = [
      {
        id: 'machine-failure',
        task: 'binary',
        target: 'Machine failure',
        features: FEATURES,
        costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
      },
      {
        id: 'torque',
        task: 'regression',
        target: 'Torque [Nm]',
        features: FEATURES.filter((f) => f.name !== 'Torque [Nm]'),
        costs: { kind: 'regression', currency: 'EUR', actionThreshold: 60, actWhen: 'above', earlyActionCosts: 50, lateActionCosts: 800 },
      },
      {
        id: 'product-type',
        task: 'multiclass',
        target: 'Type',
        features: FEATURES.filter((f) => f.name !== 'Type'),
        costs: { kind: 'multiclass', currency: 'EUR', classes: ['L', 'M', 'H'], matrix: [[0, 10, 20], [30, 0, 40], [50, 60, 0]] },
      },
    ];
    for (const useCase of useCases) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...useCase, name: useCase.id, datasetVersionId } });
      expect(created.statusCode, created.body).toBe(201);
      const trained = await t.app.inject({ method: 'POST', url: `/api/v1/use-cases/${useCase.id}/train`, headers: engineer, payload: { params: { maxIter: 40 } } });
      expect(trained.statusCode, trained.body).toBe(201);
    }
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('gives a binary model ROC, PR and calibration whose area and cost match the comparison on the same benchmark', async () => {
    const res = await get('/api/v1/use-cases/machine-failure/models/v1/evaluation', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json() as ModelEvaluation;
    expect(e).toMatchObject({ useCaseId: 'machine-failure', version: 1, task: 'binary', currency: 'EUR', residuals: null, set: { name: 'benchmark', version: 1 } });
    const roc = e.roc!;
    expect(roc.length).toBeLessThanOrEqual(201);
    expect(roc[0]).toEqual({ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 });
    expect(roc.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    let area = 0;
    for (let i = 1; i < roc.length; i++) area += ((roc[i]!.falsePositiveRate - roc[i - 1]!.falsePositiveRate) * (roc[i]!.truePositiveRate + roc[i - 1]!.truePositiveRate)) / 2;

    const compared = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases/machine-failure/compare', headers: viewer, payload: { versions: [1], resamples: 0 } });
    expect(compared.statusCode, compared.body).toBe(200);
    const cell = (compared.json() as Comparison).cells.find((c) => c.set === 'benchmark' && c.slice === null)!;
    expect(cell.rows).toBe(e.set.rows);
    expect(area).toBeCloseTo(cell.versions[0]!.metrics.roc_auc!.value!, 2);
    expect(e.costPer1000).toBeCloseTo(cell.versions[0]!.metrics.cost_per_1000!.value!, 9);

    const { confusion } = e;
    expect(confusion.decided).toEqual(['no alarm', 'alarm']);
    expect(confusion.costs).toEqual([
      [0, 300],
      [5000, 1000],
    ]);
    const cells = confusion.counts.flat();
    expect(cells.reduce((a, b) => a + b, 0)).toBe(e.set.rows);
    const cost = confusion.counts.reduce((sum, row, r) => sum + row.reduce((s, n, d) => s + n * confusion.costs[r]![d]!, 0), 0);
    expect((1000 * cost) / e.set.rows).toBeCloseTo(e.costPer1000, 9);
    expect(e.calibration!.reduce((sum, b) => sum + b.rows, 0)).toBe(e.set.rows);
    expect(e.pr!.every((p) => p.precision >= 0 && p.precision <= 1 && p.recall >= 0 && p.recall <= 1)).toBe(true);
  });

  it('summarises SHAP over an evenly spaced sample: per-feature mean |SHAP| with units, largest first', async () => {
    const e = (await get('/api/v1/use-cases/machine-failure/models/champion/evaluation', viewer)).json() as ModelEvaluation;
    const { shap } = e;
    expect(shap.rows).toBe(Math.min(200, e.set.rows));
    expect(shap.scale).toBe('log-odds');
    expect(shap.features.map((f) => f.feature).sort()).toEqual(FEATURES.map((f) => f.name).sort());
    const means = shap.features.map((f) => f.meanAbs);
    expect([...means].sort((a, b) => b - a)).toEqual(means);
    expect(means[0]).toBeGreaterThan(0);
    for (const f of shap.features) {
      expect(f.points).toHaveLength(shap.rows);
      expect(f.meanAbs).toBeCloseTo(f.points.reduce((s, p) => s + Math.abs(p.shap), 0) / shap.rows, 12);
      expect(f.unit).toBe(UNITS[f.feature] ?? null);
      if (f.feature === 'Type') expect(f.points.every((p) => p.value === null && p.position === null)).toBe(true);
      else expect(f.points.every((p) => p.position !== null && p.position >= 0 && p.position <= 1)).toBe(true);
    }
  });

  it('gives a regression model residuals and the act/wait confusion at its threshold, and no ROC', async () => {
    const res = await get('/api/v1/use-cases/torque/models/v1/evaluation', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json() as ModelEvaluation;
    expect(e).toMatchObject({ task: 'regression', roc: null, pr: null, calibration: null });
    expect(e.shap.scale).toBe('value');
    const residuals = e.residuals!;
    expect(residuals.points.length).toBeGreaterThan(0);
    for (const p of residuals.points) expect(p.residual).toBeCloseTo(p.actual - p.predicted, 9);
    expect(residuals.histogram.reduce((s, b) => s + b.rows, 0)).toBe(e.set.rows);
    expect(e.confusion.truth).toEqual(['not Torque [Nm] above 60', 'Torque [Nm] above 60']);
    expect(e.confusion.decided).toEqual(['wait', 'act']);
    expect(e.confusion.costs).toEqual([
      [0, 50],
      [800, 0],
    ]);
    expect(typeof e.confusion.threshold).toBe('number');
    expect(e.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(e.set.rows);
  });

  it("keeps the training rows' quantiles of every numeric input for the playground's ranges", async () => {
    const useCase = (await get('/api/v1/use-cases/machine-failure', viewer)).json() as UseCase;
    for (const input of useCase.inputs.filter((i) => i.kind === 'numeric')) {
      const q = input.quantiles!;
      expect([input.min!, q.p05, q.p25, input.median!, q.p75, q.p95, input.max!], input.name).toEqual([input.min!, q.p05, q.p25, input.median!, q.p75, q.p95, input.max!].sort((a, b) => a - b));
      expect(q.p95).toBeGreaterThan(q.p05);
    }
    expect(useCase.inputs.find((i) => i.name === 'Type')!.quantiles).toBeUndefined();
  });

  it('gives a multiclass model a class-by-class confusion priced from its cost matrix, and SHAP towards the predicted class', async () => {
    const res = await get('/api/v1/use-cases/product-type/models/v1/evaluation', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json() as ModelEvaluation;
    expect(e).toMatchObject({ task: 'multiclass', roc: null, pr: null, calibration: null, residuals: null });
    expect(e.confusion.threshold).toBeNull();
    expect([...e.confusion.truth].sort()).toEqual(['H', 'L', 'M']);
    expect(e.confusion.decided).toEqual(e.confusion.truth);
    const byName = (name: string) => e.confusion.truth.indexOf(name);
    expect(e.confusion.costs[byName('M')]![byName('H')]).toBe(40);
    expect(e.confusion.costs[byName('H')]![byName('L')]).toBe(50);
    const cost = e.confusion.counts.reduce((sum, row, r) => sum + row.reduce((s, n, d) => s + n * e.confusion.costs[r]![d]!, 0), 0);
    expect((1000 * cost) / e.set.rows).toBeCloseTo(e.costPer1000, 9);
    expect(e.shap.scale).toBe('logit of the predicted class');
    expect(e.shap.features).toHaveLength(5);
  });

  it('refuses a bad ref, unknown versions and use cases, and a missing token with stable codes', async () => {
    const cases: [string, Headers | Record<string, never>, number, string][] = [
      ['/api/v1/use-cases/machine-failure/models/latest/evaluation', viewer, 400, 'MODEL_REF_INVALID'],
      ['/api/v1/use-cases/machine-failure/models/v9/evaluation', viewer, 404, 'MODEL_NOT_FOUND'],
      ['/api/v1/use-cases/machine-failure/models/shadow/evaluation', viewer, 404, 'MODEL_ALIAS_NOT_SET'],
      ['/api/v1/use-cases/no-such/models/v1/evaluation', viewer, 404, 'USE_CASE_NOT_FOUND'],
      ['/api/v1/use-cases/machine-failure/models/v1/evaluation', {}, 401, 'AUTH_TOKEN_MISSING'],
    ];
    for (const [url, headers, status, code] of cases) {
      const res = await get(url, headers);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      expect(codeOf(res)).toBe(code);
    }
  });
});
