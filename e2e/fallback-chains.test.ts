// Fallback chains over HTTP on AI4I: out-of-range rows and unsure answers take the rule, a corrupt champion gives way to the previous one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, openTestApp, type TestApp } from '@shopfloor/server';
import type { ModelInput, Prediction } from '@shopfloor/contracts';
import { rocAuc } from '../packages/server/src/evaluate/index.js';
import { AI4I, USE_CASE } from './ai4i-gate-data.js';

type Row = Record<string, string | number | boolean | null>;
const RULE = '`Torque [Nm]` > 60 or `Tool wear [min]` >= 200';
const ruleActs = (row: Row) => Number(row['Torque [Nm]']) > 60 || Number(row['Tool wear [min]']) >= 200;

describe.each(['sqlite', 'postgres'] as const)('fallback chains on AI4I over HTTP on %s', (backend) => {
  let t: TestApp;
  let engineer: { authorization: string };
  let operator: { authorization: string };
  let viewer: { authorization: string };
  let rows: Row[];
  let labels: Float64Array;
  let inputs: ModelInput[];
  let v1: { id: string; version: number; threshold: number };
  let v1Scores: number[];
  const url = (path: string) => `/api/v1/use-cases/machine-failure${path}`;
  const predict = async (payload: object, app = t.app) => {
    const res = await app.inject({ method: 'POST', url: url('/predict'), headers: operator, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().predictions as Prediction[];
  };
  const setPolicy = async (policy: object) => {
    const res = await t.app.inject({ method: 'PUT', url: url('/serving-policy'), headers: engineer, payload: { outOfRange: 'fallback', lowConfidenceBand: null, modelTimeoutMs: 250, reason: 'fallback e2e', ...policy } });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Outside the training rows' range, by the use case's own record of it (null is a missing reading, never outside). */
  const outside = (row: Row) => inputs.some((i) => i.kind === 'numeric' && typeof row[i.name] === 'number' && ((i.min !== undefined && (row[i.name] as number) < i.min) || (i.max !== undefined && (row[i.name] as number) > i.max)));

  beforeAll(async () => {
    t = await openTestApp(backend, { companionSensors: 0 });
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=ai4i2020&fileName=ai4i2020.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: AI4I });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer, payload: { ...USE_CASE, datasetVersionId: imported.json().id } });
    expect(created.statusCode, created.body).toBe(201);
    inputs = created.json().inputs;
    const trained = await t.app.inject({ method: 'POST', url: url('/train'), headers: engineer, payload: {} });
    expect(trained.json().aliases).toEqual(['champion']);
    v1 = { id: trained.json().id, version: trained.json().version, threshold: trained.json().decisionRule.threshold };
    const benchmark = (await t.app.inject({ method: 'GET', url: url('/benchmark-set'), headers: viewer })).json();
    rows = benchmark.rows.map((r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'Machine failure' && k !== 'UDI' && k !== 'Product ID')));
    labels = Float64Array.from(benchmark.rows, (r: Row) => Number(r['Machine failure']));
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('sends exactly the held-out rows outside the training range to the rule, else abstains; flagging lets the champion answer them', async () => {
    const defaults = await predict({ rows });
    const out = rows.map(outside);
    console.info(`[${backend}] AI4I benchmark: ${out.filter(Boolean).length} of ${rows.length} held-out rows have an input outside the training range`);
    defaults.forEach((p, i) => expect(p.path, JSON.stringify(rows[i])).toBe(out[i] ? 'abstain' : 'champion'));
    expect(defaults.filter((p) => p.path === 'abstain').every((p) => p.reasonCode === 'OUT_OF_RANGE' && p.decision === null)).toBe(true);

    const set = await t.app.inject({ method: 'PUT', url: url('/fallback-rule'), headers: engineer, payload: { rule: RULE, reason: 'fallback e2e' } });
    expect(set.statusCode, set.body).toBe(200);
    const ruled = await predict({ rows });
    ruled.forEach((p, i) => {
      if (!out[i]) return;
      expect(p).toMatchObject({ path: 'rule', score: null, reasonCode: 'OUT_OF_RANGE' });
      expect(p.decision!.act).toBe(ruleActs(rows[i]!));
    });

    await setPolicy({ outOfRange: 'flag' });
    const flagged = await predict({ rows });
    expect(flagged.every((p) => p.path === 'champion')).toBe(true);
    flagged.forEach((p, i) => expect(p.degraded || !out[i]).toBe(true));
    v1Scores = flagged.map((p) => p.score!);
    expect(rocAuc(labels, Float64Array.from(v1Scores))).toBeGreaterThan(0.95);
  });

  it('with a low-confidence band, answers near the threshold go to the rule and the others stay the champion\'s', async () => {
    await setPolicy({ outOfRange: 'flag', lowConfidenceBand: 0.5 });
    const answers = await predict({ rows });
    const logit = (p: number) => Math.log(Math.min(Math.max(p, 1e-9), 1 - 1e-9) / (1 - Math.min(Math.max(p, 1e-9), 1 - 1e-9)));
    const unsure = v1Scores.map((s) => Math.abs(logit(s) - logit(v1.threshold)) <= 0.5);
    console.info(`[${backend}] low-confidence band 0.5 around threshold ${v1.threshold.toFixed(4)}: ${unsure.filter(Boolean).length} of ${rows.length} rows to the rule`);
    expect(unsure.some(Boolean)).toBe(true);
    answers.forEach((p, i) => {
      if (unsure[i]) expect(p).toMatchObject({ path: 'rule', reasonCode: 'LOW_CONFIDENCE', decision: { act: ruleActs(rows[i]!) } });
      else expect(p).toMatchObject({ path: 'champion', score: v1Scores[i] });
    });
    await setPolicy({ outOfRange: 'flag', lowConfidenceBand: null });
  });

  it('answers from the previous champion, score for score, when the promoted champion artifact is corrupt', async () => {
    const v2 = await t.app.inject({ method: 'POST', url: url('/train'), headers: engineer, payload: { params: { maxIter: 60 } } });
    expect(v2.statusCode, v2.body).toBe(201);
    const moved = await t.app.inject({ method: 'PUT', url: url('/aliases/champion'), headers: engineer, payload: { version: v2.json().version, reason: 'fallback e2e' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const record = (await t.store.modelVersions.get(v2.json().id))!;
    await t.store.db.updateTable('artifacts').set({ bytes: Buffer.from('this is not a model') }).where('sha256', '=', record.artifactSha256).execute();
    // A new app on the same store, as after a restart: nothing of v2 is cached anywhere.
    const restarted = await createApp({ store: t.store, clock: t.clock, config: t.config });
    try {
      const answers = await predict({ rows }, restarted);
      expect(answers.every((p) => p.path === 'previous-champion' && p.reasonCode === 'MODEL_ERROR' && p.model.id === v1.id)).toBe(true);
      expect(answers.map((p) => p.score)).toEqual(v1Scores);
      expect(answers[0]!.reasons[0]).toContain(`model ${v2.json().id} cannot be loaded`);
      const logged = await restarted.inject({ method: 'GET', url: `/api/v1/predictions/${answers[0]!.predictionId}`, headers: viewer });
      expect(logged.json()).toMatchObject({ path: 'previous-champion', modelVersionId: v1.id });
      const missing = await restarted.inject({ method: 'POST', url: url('/predict'), headers: operator, payload: { row: { ...rows[0], 'Torque [Nm]': undefined } } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({ code: 'PREDICT_FEATURE_MISSING', details: { feature: 'Torque [Nm]' } });
    } finally {
      await restarted.close();
    }
  }, 120_000);
});
