// Fallback-rule routes through the real HTTP app on both backends: set, read with history, remove, roles, and every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FallbackRuleState } from '@shopfloor/contracts';
import { currentFallbackRule } from '../../use-cases/index.js';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

/** A small mill line with AI4I's column names, a binary, a multiclass and a regression target. */
function millCsv(): string {
  const lines = ['UDI,Type,Torque [Nm],Tool wear [min],Machine failure,mode,rul'];
  for (let i = 1; i <= 60; i++) {
    const type = ['L', 'M', 'H'][i % 3]!;
    const torque = 20 + ((i * 7) % 50);
    const wear = (i * 13) % 240;
    lines.push([i, type, torque, wear, wear > 200 || torque > 62 ? 1 : 0, ['ok', 'wear', 'power'][i % 3], 240 - wear].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const BASE = { features: [{ name: 'Type' }, { name: 'Torque [Nm]', unit: 'Nm' }, { name: 'Tool wear [min]', unit: 'min' }], split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 } };
const USE_CASES = [
  { ...BASE, id: 'mill-failure', name: 'Mill failure', task: 'binary', target: 'Machine failure', costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 } },
  { ...BASE, id: 'mill-mode', name: 'Failure mode', task: 'multiclass', target: 'mode', costs: { kind: 'multiclass', currency: 'EUR', classes: ['ok', 'power', 'wear'], matrix: [[0, 1, 1], [5, 0, 2], [5, 2, 0]] } },
  { ...BASE, id: 'mill-rul', name: 'Tool life', task: 'regression', target: 'rul', costs: { kind: 'regression', currency: 'EUR', actionThreshold: 30, earlyActionCosts: 100, lateActionCosts: 2000, actionName: 'change the tool' } },
];

describe.each(['sqlite', 'postgres'] as const)('fallback-rule routes on %s', (backend) => {
  let t: TestApp;
  let engineer: { user: { id: string }; headers: Headers };
  let operator: Headers;
  let viewer: Headers;
  const RULE = '/api/v1/use-cases/mill-failure/fallback-rule';

  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string; details: Record<string, unknown> } }).error;

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = await t.userWithRole('engineer');
    operator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=mill&fileName=mill.csv', headers: { ...engineer.headers, 'content-type': 'text/csv' }, payload: millCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    for (const useCase of USE_CASES) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/use-cases', headers: engineer.headers, payload: { ...useCase, datasetVersionId: imported.json().id } });
      expect(created.statusCode, created.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('starts with no rule, then stores one with who, when, reason and the inputs it reads, and audits it', async () => {
    const empty = await call('GET', RULE, viewer);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ useCaseId: 'mill-failure', actionName: 'alarm', current: null, history: [] });
    expect(await currentFallbackRule(t.store, 'mill-failure')).toBeNull();

    const res = await call('PUT', RULE, engineer.headers, { rule: '`Torque [Nm]` > 60 or `Tool wear [min]` >= 200', reason: 'torque sensor flaky' });
    expect(res.statusCode, res.body).toBe(200);
    const state = res.json() as FallbackRuleState;
    expect(state.current).toEqual({ seq: 1, action: 'set', rule: '`Torque [Nm]` > 60 or `Tool wear [min]` >= 200', inputs: ['Torque [Nm]', 'Tool wear [min]'], reason: 'torque sensor flaky', at: '2024-05-01T06:00:00.000Z', by: engineer.user.id });
    const audit = (await t.store.audit.list({ subject: 'use-case:mill-failure' })).filter((a) => a.action.startsWith('fallback-rule'));
    expect(audit.map((a) => [a.action, a.userId, a.details['seq']])).toEqual([['fallback-rule.set', engineer.user.id, 1]]);

    const compiled = await currentFallbackRule(t.store, 'mill-failure');
    expect(compiled?.inputs).toEqual(['Torque [Nm]', 'Tool wear [min]']);
    expect(compiled?.evaluate({ 'Torque [Nm]': 61, 'Tool wear [min]': 0 })).toBe(true);
    expect(compiled?.evaluate({ 'Torque [Nm]': null, 'Tool wear [min]': 10 })).toBe(false);
  });

  it('keeps the history newest first; the standing rule sent again adds nothing; a removal is recorded', async () => {
    t.clock.advance(60_000);
    await call('PUT', RULE, engineer.headers, { rule: 'Type in ("L") and `Tool wear [min]` >= 180' });
    const again = await call('PUT', RULE, engineer.headers, { rule: 'Type in ("L") and `Tool wear [min]` >= 180', reason: 'same' });
    expect((again.json() as FallbackRuleState).history.map((h) => h.seq)).toEqual([2, 1]);
    const removed = await call('DELETE', `${RULE}?reason=model%20retrained`, engineer.headers);
    expect(removed.statusCode, removed.body).toBe(200);
    const state = removed.json() as FallbackRuleState;
    expect(state.current).toBeNull();
    expect(state.history.map((h) => [h.seq, h.action, h.reason])).toEqual([[3, 'removed', 'model retrained'], [2, 'set', ''], [1, 'set', 'torque sensor flaky']]);
    expect(await currentFallbackRule(t.store, 'mill-failure')).toBeNull();
    const twice = await call('DELETE', RULE, engineer.headers);
    expect(twice.statusCode).toBe(404);
    expect(errorOf(twice).code).toBe('FALLBACK_RULE_NOT_SET');
  });

  it('refuses a bad rule with 422 RULE_INVALID naming the position, and stores nothing', async () => {
    const before = (await call('GET', RULE, viewer)).json() as FallbackRuleState;
    const cases: [string, string, number][] = [
      ['Torque > 60', 'unknown-input', 1],
      ['Type == 3', 'type-mismatch', 9],
      ['Type in ("L", "X")', 'unknown-level', 15],
      ['`Torque [Nm]` >', 'syntax', 16],
    ];
    for (const [rule, problem, position] of cases) {
      const res = await call('PUT', RULE, engineer.headers, { rule });
      expect(res.statusCode, rule).toBe(422);
      expect(errorOf(res)).toMatchObject({ code: 'RULE_INVALID', details: { problem, position, field: 'rule' } });
      expect(errorOf(res).message).toContain(`position ${position}`);
    }
    expect(errorOf(await call('PUT', RULE, engineer.headers, { rule: 'Torque > 60' })).details).toMatchObject({ suggestion: 'Torque [Nm]' });
    expect((await call('GET', RULE, viewer)).json()).toEqual(before);
  });

  it('accepts a rule for a regression use case, where true means its action', async () => {
    const res = await call('PUT', '/api/v1/use-cases/mill-rul/fallback-rule', engineer.headers, { rule: '`Tool wear [min]` >= 210' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ actionName: 'change the tool', current: { seq: 1, inputs: ['Tool wear [min]'] } });
  });

  it('refuses a multiclass use case with USE_CASE_INVALID naming the field task, and an unknown use case with 404', async () => {
    const multi = await call('PUT', '/api/v1/use-cases/mill-mode/fallback-rule', engineer.headers, { rule: '`Tool wear [min]` >= 200' });
    expect(multi.statusCode).toBe(422);
    expect(errorOf(multi)).toMatchObject({ code: 'USE_CASE_INVALID', details: { field: 'task', task: 'multiclass' } });
    const unknown = await call('GET', '/api/v1/use-cases/nope/fallback-rule', viewer);
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('USE_CASE_NOT_FOUND');
  });

  it('lets viewers read but only engineers change, and validates the body', async () => {
    expect((await call('PUT', RULE, operator, { rule: 'true' })).statusCode).toBe(403);
    expect((await call('DELETE', RULE, viewer)).statusCode).toBe(403);
    const noRule = await call('PUT', RULE, engineer.headers, { reason: 'x' });
    expect(noRule.statusCode).toBe(400);
    expect(errorOf(noRule).code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ method: 'GET', url: RULE })).statusCode).toBe(401);
  });
});
