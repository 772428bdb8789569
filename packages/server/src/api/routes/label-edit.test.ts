// Editing and deleting labels through the real HTTP app on SQLite: history kept, audited, own labels only, the 4xx a user meets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Label } from '@shopfloor/contracts';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

const USE_CASE = {
  id: 'press-failure',
  name: 'Press failure',
  task: 'binary',
  target: 'failed',
  features: [{ name: 'torque', unit: 'Nm' }],
  entityColumn: 'asset',
  timeColumn: 'time',
  split: { kind: 'key', column: 'torque', modulo: 3, remainder: 0 },
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 },
};

function pressCsv(): string {
  const lines = ['asset,time,torque,failed'];
  for (let h = 0; h < 24; h++) lines.push(`press-1,2024-03-01T${String(h).padStart(2, '0')}:00:00Z,${40 + (h % 7)},${h % 5 === 0 ? 1 : 0}`);
  return `${lines.join('\n')}\n`;
}

describe('label edit and delete routes on SQLite', () => {
  let t: TestApp;
  let engineer: Headers;
  let operator: { user: { id: string }; headers: Headers };
  let otherOperator: Headers;
  const LABELS = '/api/v1/use-cases/press-failure/labels';
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const record = async (headers: Headers, label: object): Promise<Label> => {
    const res = await send('POST', LABELS, headers, { label });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json().labels as Label[])[0]!;
  };

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    engineer = (await t.userWithRole('engineer')).headers;
    operator = await t.userWithRole('operator');
    otherOperator = (await t.userWithRole('operator')).headers;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/datasets?name=press&fileName=press.csv', headers: { ...engineer, 'content-type': 'text/csv' }, payload: pressCsv() });
    expect(imported.statusCode, imported.body).toBe(201);
    const created = await send('POST', '/api/v1/use-cases', engineer, { ...USE_CASE, datasetVersionId: imported.json().id });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('edits the fields given, keeps the rest, keeps the old label as retracted history, and audits it', async () => {
    const old = await record(operator.headers, { asset: 'press-1', start: '2024-03-01T08:00:00Z', end: '2024-03-01T09:00:00Z', class: 'anomaly', note: 'vibration' });
    const res = await send('PATCH', `${LABELS}/${old.id}`, operator.headers, { class: 'failure-window', end: '2024-03-01T10:00:00Z', reason: 'it lasted longer' });
    expect(res.statusCode, res.body).toBe(200);
    const { retracted, replacement } = res.json() as { retracted: Label; replacement: Label };
    expect(retracted).toMatchObject({ id: old.id, retracted: true, retractReason: 'it lasted longer', replacedBy: replacement.id });
    expect(replacement).toMatchObject({ asset: 'press-1', start: '2024-03-01T08:00:00.000Z', end: '2024-03-01T10:00:00.000Z', class: 'failure-window', note: 'vibration', author: operator.user.id });
    const standing = (await send('GET', `${LABELS}?asset=press-1`, engineer)).json().labels as Label[];
    expect(standing.map((l) => l.id)).toContain(replacement.id);
    expect(standing.map((l) => l.id)).not.toContain(old.id);
    const audit = (await t.store.audit.list({ subject: `label:${old.id}` })).filter((a) => a.action === 'label.update');
    expect(audit[0]).toMatchObject({ userId: operator.user.id, details: { useCaseId: 'press-failure', reason: 'it lasted longer', replacementId: replacement.id } });
  });

  it('turns a span into an event with end null, and refuses an edit that makes the span end before it starts', async () => {
    const span = await record(operator.headers, { asset: 'press-1', start: '2024-03-01T12:00:00Z', end: '2024-03-01T13:00:00Z', class: 'maintenance' });
    const bad = await send('PATCH', `${LABELS}/${span.id}`, operator.headers, { start: '2024-03-01T14:00:00Z' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'LABEL_INVALID_SPAN', details: { field: 'replacement.end' } });
    // The refused edit left the label standing and added nothing.
    const after = (await send('GET', `${LABELS}?class=maintenance`, engineer)).json().labels as Label[];
    expect(after.map((l) => l.id)).toEqual([span.id]);
    const event = await send('PATCH', `${LABELS}/${span.id}`, operator.headers, { end: null });
    expect(event.statusCode, event.body).toBe(200);
    expect(event.json().replacement).toMatchObject({ start: '2024-03-01T12:00:00.000Z', end: null, class: 'maintenance' });
  });

  it('deletes by retracting with a reason, audited; a second delete or an edit of it is a conflict', async () => {
    const label = await record(operator.headers, { asset: 'press-1', start: '2024-03-01T15:00:00Z', end: '2024-03-01T16:00:00Z', class: 'anomaly', note: '<script>alert(1)</script>' });
    const res = await send('DELETE', `${LABELS}/${label.id}?reason=${encodeURIComponent('wrong asset')}`, operator.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ retracted: { id: label.id, retracted: true, retractReason: 'wrong asset', note: '<script>alert(1)</script>' }, replacement: null });
    const all = (await send('GET', `${LABELS}?includeRetracted=true&class=anomaly`, engineer)).json().labels as Label[];
    expect(all.find((l) => l.id === label.id)?.retracted).toBe(true);
    const audit = (await t.store.audit.list({ subject: `label:${label.id}` })).filter((a) => a.action === 'label.delete');
    expect(audit[0]).toMatchObject({ userId: operator.user.id, details: { reason: 'wrong asset' } });
    expect((await send('DELETE', `${LABELS}/${label.id}`, operator.headers)).json().error.code).toBe('LABEL_ALREADY_RETRACTED');
    const edit = await send('PATCH', `${LABELS}/${label.id}`, operator.headers, { note: 'x' });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'LABEL_ALREADY_RETRACTED']);
  });

  it("refuses another operator's label, an unknown label or use case, and an empty edit; engineers may change any label", async () => {
    const label = await record(operator.headers, { asset: 'press-1', start: '2024-03-01T17:00:00Z', class: 'failure' });
    const other = await send('DELETE', `${LABELS}/${label.id}`, otherOperator);
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'AUTH_ROLE_TOO_WEAK']);
    expect((await send('PATCH', `${LABELS}/${label.id}`, otherOperator, { note: 'mine now' })).statusCode).toBe(403);
    const missing = await send('PATCH', `${LABELS}/lbl_nope`, operator.headers, { note: 'x' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'LABEL_NOT_FOUND']);
    const noCase = await send('DELETE', `/api/v1/use-cases/nope/labels/${label.id}`, operator.headers);
    expect([noCase.statusCode, noCase.json().error.code]).toEqual([404, 'USE_CASE_NOT_FOUND']);
    const empty = await send('PATCH', `${LABELS}/${label.id}`, operator.headers, { reason: 'nothing' });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const byEngineer = await send('PATCH', `${LABELS}/${label.id}`, engineer, { note: 'checked the log' });
    expect(byEngineer.statusCode, byEngineer.body).toBe(200);
    expect(byEngineer.json().replacement.note).toBe('checked the log');
  });
});
