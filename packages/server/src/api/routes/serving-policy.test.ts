// The fallback chains over HTTP on both backends: serving-policy routes, a broken champion, out-of-range rows, unsure answers, a slow champion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prediction, ServingPolicyState } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };
type Row = Record<string, string | number | null>;

/** A mill line: failures when torque is high with worn tools; torque 20..69 Nm, wear 0..239 min in training. */
function millCsv(): string {
  const lines = ['UDI,Type,Torque [Nm],Tool wear [min],Machine failure,mode'];
  for (let i = 1; i <= 600; i++) {
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    const failed = (torque > 55 && wear > 150) || (torque > 66 && i % 3 === 0) ? 1 : 0;
    lines.push([i, ['L', 'M', 'H'][i % 3], torque, wear, failed, ['ok', 'wear', 'power'][i % 3]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const BASE = {
  task: 'binary',
  target: 'Machine failure',
  features: [{ name: 'Type' }, { name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }],
  split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' },
};
const MULTICLASS = { ...BASE, id: 'mill-mode', name: 'Failure mode', task: 'multiclass', target: 'mode', costs: { kind: 'multiclass', currency: 'EUR', classes: ['ok', 'power', 'wear'], matrix: [[0, 1, 1], [5, 0, 2], [5, 2, 0]] } };
const ROW: Row = { Type: 'L', 'Torque [Nm]': 40, 'Tool wear [min]': 100 };

describe.each(['sqlite', 'postgres'] as const)('fallback chains over HTTP on %s', (backend) => {
  let t: TestApp;
  let engineer: { user: { id: string }; headers: Headers };
  let operator: Headers;
  let viewer: Headers;
  let datasetVersionId: string;
  const url = (useCase: string, path: string) => `/api/v1/use-cases/${useCase}${path}`;
  const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; details: Record<string, unknown> } }).error;

  async function predict(useCase: string, payload: object): Promise<Prediction[]> {
    const res = await t.app.inject({ method: 'POST', url: url(useCase, '/predict'), headers: operator, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().predictions as Prediction[];
  }
  async function setPolicy(useCase: string, body: object, headers: Headers = engineer.headers) {
    return t.app.inject({ method: 'PUT', url: url(useCase, '/serving-policy'), headers, payload: { outOfRange: 'fallback', lowConfidenceBand: null, modelTimeoutMs: 250, reason: 'test', ...body } });
  }
  async function setRule(useCase: string, rule: string | null) {
    const res =
      rule === null
        ? await t.app.inject({ method: 'DELETE', url: url(useCase, '/fallback-rule'), headers: engineer.headers })
        : await t.app.inject({ method: 'PUT', url: url(useCase, '/fallback-rule'), headers: engineer.headers, payload: { rule, reason: 'test' } });
    expect(res.statusCode, res.body).toBe(200);
  }
  async function useCaseWithChampion(id: string, maxIter: number): Promise<{ id: string; version: number; threshold: number }> {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer.headers, payload: { ...BASE, id, name: id, datasetVersionId } });
    expect(created.statusCode, created.body).toBe(201);
    return train(id, maxIter, ['champion']);
  }
  async function train(id: string, maxIter: number, aliases: string[]): Promise<{ id: string; version: number; threshold: number }> {
    const trained = await t.app.inject({ method: 'POST', url: url(id, '/train'), headers: engineer.headers, payload: { params: { maxIter } } });
    expect(trained.statusCode, trained.body).toBe(201);
    expect(trained.json().aliases).toEqual(aliases);
    return { id: trained.json().id, version: trained.json().version, threshold: trained.json().decisionRule.threshold };
  }
  /** Garbage in place of the version's stored model text, as a damaged disk or a bad restore would leave it. */
  async function corrupt(modelVersionId: string) {
    const record = (await t.store.modelVersions.get(modelVersionId))!;
    await t.store.db.updateTable('artifacts').set({ bytes: Buffer.from('{"format":"gbdt-model","trees":[[[[') }).where('sha256', '=', record.artifactSha256).execute();
  }

  beforeAll(async () => {
    t = await openTestApp(backend, { companionSensors: 0 });
    engineer = await t.userWithRole('engineer');
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=mill&fileName=mill.csv', headers: { ...engineer.headers, 'content-type': 'text/csv' }, payload: millCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    datasetVersionId = imported.json().id;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer.headers, payload: { ...MULTICLASS, datasetVersionId } });
    expect(created.statusCode, created.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('reads the defaults, changes the policy (engineers only, audited, kept in its history) and refuses what does not fit', async () => {
    await useCaseWithChampion('mill-policy', 15);
    const initial = await t.app.inject({ method: 'GET', url: url('mill-policy', '/serving-policy'), headers: viewer });
    expect(initial.statusCode, initial.body).toBe(200);
    expect(initial.json()).toEqual({ useCaseId: 'mill-policy', policy: { outOfRange: 'fallback', lowConfidenceBand: null, modelTimeoutMs: 250 }, isDefault: true, history: [] });
    expect((await setPolicy('mill-policy', { outOfRange: 'flag' }, operator)).statusCode).toBe(403);
    const set = await setPolicy('mill-policy', { outOfRange: 'flag', lowConfidenceBand: 0.4, modelTimeoutMs: 80, reason: 'new torque sensor reads higher' });
    expect(set.statusCode, set.body).toBe(200);
    const state = set.json() as ServingPolicyState;
    expect(state).toMatchObject({ isDefault: false, policy: { outOfRange: 'flag', lowConfidenceBand: 0.4, modelTimeoutMs: 80 } });
    expect(state.history).toEqual([{ seq: 1, outOfRange: 'flag', lowConfidenceBand: 0.4, modelTimeoutMs: 80, reason: 'new torque sensor reads higher', at: '2024-05-01T06:00:00.000Z', by: engineer.user.id }]);
    expect((await setPolicy('mill-policy', { outOfRange: 'flag', lowConfidenceBand: 0.4, modelTimeoutMs: 80, reason: 'again' })).json().history).toHaveLength(1);
    const audit = (await t.store.audit.list({ subject: 'use-case:mill-policy' })).filter((a) => a.action === 'serving-policy.set');
    expect(audit.map((a) => [a.userId, a.details['seq'], a.details['outOfRange'], a.details['previous']])).toEqual([[engineer.user.id, 1, 'flag', null]]);

    const band = await setPolicy('mill-mode', { lowConfidenceBand: 0.5 });
    expect(band.statusCode).toBe(422);
    expect(errorOf(band)).toMatchObject({ code: 'SERVING_POLICY_INVALID', details: { field: 'lowConfidenceBand' } });
    expect((await setPolicy('mill-mode', {})).statusCode).toBe(200); // no band: fine for any task
    for (const bad of [{ outOfRange: 'ignore' }, { lowConfidenceBand: 0 }, { modelTimeoutMs: 0 }, { reason: '' }]) {
      const res = await setPolicy('mill-policy', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    }
    expect(errorOf(await setPolicy('no-such-case', {})).code).toBe('USE_CASE_NOT_FOUND');
  }, 60_000);

  it('sends an out-of-range row to the rule, else abstains; a missing reading and the flag policy keep the champion', async () => {
    const champion = await useCaseWithChampion('mill-range', 20);
    const high = { ...ROW, 'Torque [Nm]': 95 };
    const [inside, outside, missing] = await predict('mill-range', { rows: [ROW, high, { ...ROW, 'Torque [Nm]': null }] });
    expect(inside).toMatchObject({ path: 'champion', reasonCode: null, degraded: false });
    expect(outside).toMatchObject({ path: 'abstain', decision: null, score: null, reasonCode: 'OUT_OF_RANGE', model: { id: champion.id } });
    // The range is the training rows' (the key split holds out every fifth UDI).
    expect(outside!.reasons[0]).toMatch(/^"Torque \[Nm\]" = 95 Nm is outside the training range 2\d to 69 Nm: the model has not seen such values$/);
    expect(outside!.reasons.slice(1)).toEqual(['the use case has no fallback rule: no decision, the operator decides']);
    expect(missing).toMatchObject({ path: 'champion', degraded: true });

    await setRule('mill-range', '`Torque [Nm]` > 60');
    const [ruled] = await predict('mill-range', { row: high });
    expect(ruled).toMatchObject({ path: 'rule', score: null, decision: { act: true, label: 'stop' }, reasonCode: 'OUT_OF_RANGE' });
    const logged = await t.app.inject({ method: 'GET', url: `/api/v1/predictions/${ruled!.predictionId}`, headers: viewer });
    expect(logged.json()).toMatchObject({ path: 'rule', output: { reasonCode: 'OUT_OF_RANGE' } });

    expect((await setPolicy('mill-range', { outOfRange: 'flag' })).statusCode).toBe(200);
    const [flagged] = await predict('mill-range', { row: high });
    expect(flagged).toMatchObject({ path: 'champion', degraded: true, reasonCode: null });
    expect(flagged!.score).not.toBeNull();
  }, 60_000);

  it('takes the rule for an answer within the low-confidence band, abstains without a rule, and leaves confident answers alone', async () => {
    const champion = await useCaseWithChampion('mill-unsure', 20);
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({ Type: ['L', 'M', 'H'][i % 3]!, 'Torque [Nm]': 20 + ((i * 11) % 50), 'Tool wear [min]': (i * 37) % 240 }));
    expect((await setPolicy('mill-unsure', { outOfRange: 'flag' })).statusCode).toBe(200); // every row here is the champion's to answer
    const answers = await predict('mill-unsure', { rows });
    const logit = (p: number) => Math.log(Math.min(Math.max(p, 1e-9), 1 - 1e-9) / (1 - Math.min(Math.max(p, 1e-9), 1 - 1e-9)));
    const distances = answers.map((a) => Math.abs(logit(a.score!) - logit(champion.threshold)));
    // A band between two distinct distances near the closest sixth of the rows: those are unsure, the rest are not.
    const sorted = [...new Set(distances)].sort((a, b) => a - b);
    const k = Math.max(0, sorted.findIndex((_, j) => distances.filter((d) => d <= sorted[j]!).length >= 6));
    const band = (sorted[k]! + sorted[k + 1]!) / 2;
    expect(band).toBeGreaterThan(0);
    expect(band).toBeLessThanOrEqual(5);
    expect((await setPolicy('mill-unsure', { outOfRange: 'flag', lowConfidenceBand: band })).statusCode).toBe(200);
    const banded = await predict('mill-unsure', { rows });
    const unsure = distances.map((d) => d <= band);
    expect(unsure.filter(Boolean).length).toBeGreaterThanOrEqual(6);
    expect(unsure.filter(Boolean).length).toBeLessThan(rows.length);
    banded.forEach((p, i) => {
      if (unsure[i]) expect(p).toMatchObject({ path: 'abstain', decision: null, reasonCode: 'LOW_CONFIDENCE' });
      else expect(p).toMatchObject({ path: 'champion', score: answers[i]!.score });
    });
    await setRule('mill-unsure', '`Tool wear [min]` >= 200');
    const ruled = await predict('mill-unsure', { rows });
    ruled.forEach((p, i) => {
      if (!unsure[i]) return;
      expect(p).toMatchObject({ path: 'rule', reasonCode: 'LOW_CONFIDENCE' });
      expect(p.decision!.act).toBe(Number(rows[i]!['Tool wear [min]']) >= 200);
      expect(p.reasons[0]).toContain('is within the low-confidence band of its threshold');
    });
  }, 60_000);

  it('answers from the previous champion when the champion artifact is corrupt, then the rule, then abstains', async () => {
    const v1 = await useCaseWithChampion('mill-broken', 20);
    const v2 = await train('mill-broken', 12, []);
    const moved = await t.app.inject({ method: 'PUT', url: url('mill-broken', '/aliases/champion'), headers: engineer.headers, payload: { version: v2.version, reason: 'fallback test' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const [before] = await predict('mill-broken', { row: ROW }); // v2 answers while its artifact is intact
    expect(before).toMatchObject({ path: 'champion', model: { id: v2.id } });
    const other = await useCaseWithChampion('mill-first', 14); // a champion with no previous one
    await corrupt(other.id);
    // The serving cache holds v2 already: a new app on the same store reads the damaged artifact.
    await corrupt(v2.id);
    const fresh = await openTestAppOnStore();
    try {
      const res = await fresh.inject({ method: 'POST', url: url('mill-broken', '/predict'), headers: operator, payload: { rows: [ROW, { ...ROW, 'Torque [Nm]': 68 }] } });
      expect(res.statusCode, res.body).toBe(200);
      const answers = res.json().predictions as Prediction[];
      for (const a of answers) {
        expect(a).toMatchObject({ path: 'previous-champion', model: { id: v1.id, version: v1.version }, degraded: true, reasonCode: 'MODEL_ERROR' });
        expect(a.reasons[0]).toContain(`model ${v2.id} cannot be loaded`);
        expect(a.reasons[1]).toBe(`answered by the previous champion (version ${v1.version})`);
        expect(a.score).not.toBeNull();
      }
      const logged = await fresh.inject({ method: 'GET', url: `/api/v1/predictions/${answers[0]!.predictionId}`, headers: viewer });
      expect(logged.json()).toMatchObject({ path: 'previous-champion', modelVersionId: v1.id });
      // Input errors stay 400s with their codes, whichever version answers.
      const missing = await fresh.inject({ method: 'POST', url: url('mill-broken', '/predict'), headers: operator, payload: { row: { Type: 'L', 'Torque [Nm]': 40 } } });
      expect(missing.statusCode).toBe(400);
      expect(errorOf(missing)).toMatchObject({ code: 'PREDICT_FEATURE_MISSING', details: { row: 0, feature: 'Tool wear [min]' } });
      const typed = await fresh.inject({ method: 'POST', url: url('mill-broken', '/predict'), headers: operator, payload: { row: { ...ROW, 'Torque [Nm]': 'high' } } });
      expect(errorOf(typed).code).toBe('PREDICT_FEATURE_TYPE');

      const post = (payload: object) => fresh.inject({ method: 'POST', url: url('mill-first', '/predict'), headers: operator, payload });
      // No model reads these rows: the use case's inputs check them, with the champion's codes.
      const noTorque = await post({ rows: [ROW, { Type: 'L', 'Tool wear [min]': 3 }] });
      expect(noTorque.statusCode).toBe(400);
      expect(errorOf(noTorque)).toMatchObject({ code: 'PREDICT_FEATURE_MISSING', details: { row: 1, feature: 'Torque [Nm]' } });
      expect(errorOf(await post({ row: { ...ROW, Type: 'XL' } })).code).toBe('PREDICT_UNKNOWN_CATEGORY');
      const [abstained] = (await post({ row: ROW })).json().predictions as Prediction[];
      expect(abstained).toMatchObject({ path: 'abstain', decision: null, reasonCode: 'MODEL_ERROR', model: { id: other.id } });
      expect(abstained!.reasons.slice(1)).toEqual(['the champion alias names no previous version', 'the use case has no fallback rule: no decision, the operator decides']);
      await setRule('mill-first', '`Torque [Nm]` > 60');
      const ruled = (await post({ rows: [ROW, { ...ROW, 'Torque [Nm]': 65 }] })).json().predictions as Prediction[];
      expect(ruled.map((p) => [p.path, p.decision?.act, p.reasonCode])).toEqual([['rule', false, 'MODEL_ERROR'], ['rule', true, 'MODEL_ERROR']]);
    } finally {
      await fresh.close();
    }
  }, 90_000);

  it('returns a slow answer but sends the next requests down the chain while the champion cools down', async () => {
    await useCaseWithChampion('mill-slow', 40);
    // 1 ms per started 250 explained rows (4 ms here); 1,000 rows with TreeSHAP take far longer, in wall and CPU time, on any machine.
    expect((await setPolicy('mill-slow', { outOfRange: 'flag', modelTimeoutMs: 1 })).statusCode).toBe(200);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ Type: ['L', 'M', 'H'][i % 3]!, 'Torque [Nm]': 20 + (i % 50), 'Tool wear [min]': i % 240 }));
    const warmUp = await predict('mill-slow', { row: ROW, explain: true }); // the first explained call is never timed (JIT)
    expect(warmUp[0]!.path).toBe('champion');
    const slow = await predict('mill-slow', { rows, explain: true });
    expect(slow.every((p) => p.path === 'champion' && p.contributions !== undefined)).toBe(true);
    const [next] = await predict('mill-slow', { row: ROW });
    expect(next).toMatchObject({ path: 'abstain', reasonCode: 'MODEL_TIMEOUT' });
    expect(next!.reasons[0]).toMatch(/took \d+ ms for a call with a budget of 4 ms: it is skipped for \d+ s more/);
  }, 60_000);

  async function openTestAppOnStore() {
    const { createApp } = await import('../app.js');
    return createApp({ store: t.store, clock: t.clock, config: t.config });
  }
});
