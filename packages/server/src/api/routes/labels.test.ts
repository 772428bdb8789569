// Label routes through the real HTTP app on SQLite: record, list, retract and correct, the 4xx a user meets, and labels as targets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Label } from '@shopfloor/contracts';
import { horizonTargets, loadStandingLabels } from '../../label/index.js';
import { openTestApp, type TestApp } from '../test-app.js';

type Headers = { authorization: string };

/** A press line: two assets, one reading an hour, a failure flag the use case needs to exist. */
function pressCsv(): string {
  const lines = ['asset,time,torque,failed'];
  for (let h = 0; h < 24; h++) {
    for (const asset of ['press-1', 'press-2']) {
      lines.push(`${asset},2024-03-01T${String(h).padStart(2, '0')}:00:00Z,${40 + (h % 7)},${h % 5 === 0 ? 1 : 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

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

describe('label routes on SQLite', () => {
  let t: TestApp;
  let engineer: Headers;
  let operator: { user: { id: string }; headers: Headers };
  let otherOperator: Headers;
  let viewer: Headers;

  const post = (url: string, headers: Headers | Record<string, never>, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
  const LABELS = '/api/v1/use-cases/press-failure/labels';

  beforeAll(async () => {
    t = await openTestApp('sqlite');
    engineer = (await t.userWithRole('engineer')).headers;
    operator = await t.userWithRole('operator');
    otherOperator = (await t.userWithRole('operator')).headers;
    viewer = (await t.userWithRole('viewer')).headers;
    const imported = await post('/api/v1/datasets?name=press-line&fileName=press.csv', { ...engineer, 'content-type': 'text/csv' } as Headers, pressCsv());
    expect(imported.statusCode, imported.body).toBe(201);
    const created = await post('/api/v1/use-cases', engineer, { ...USE_CASE, datasetVersionId: imported.json().id });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('records an operator\'s event with the token\'s user as author, the time in UTC, and audits it', async () => {
    const res = await post(LABELS, operator.headers, { label: { asset: 'press-1', start: '2024-03-01T11:30:00+01:00', class: 'failure', note: 'ram stuck' } });
    expect(res.statusCode, res.body).toBe(201);
    const [label] = res.json().labels as Label[];
    expect(label).toMatchObject({
      useCaseId: 'press-failure',
      asset: 'press-1',
      start: '2024-03-01T10:30:00.000Z',
      end: null,
      class: 'failure',
      note: 'ram stuck',
      author: operator.user.id,
      createdAt: '2024-05-01T06:00:00.000Z',
      retracted: false,
    });
    const audit = (await t.store.audit.list({ subject: 'use-case:press-failure' })).filter((a) => a.action === 'label.create');
    expect(audit[0]).toMatchObject({ action: 'label.create', userId: operator.user.id, details: { count: 1, labelIds: [label!.id] } });
  });

  it('records a batch of spans all at once, epoch milliseconds too', async () => {
    const res = await post(LABELS, operator.headers, {
      labels: [
        { asset: 'press-2', start: '2024-03-01T05:00:00Z', end: '2024-03-01T07:00:00Z', class: 'failure' },
        { asset: 'press-2', start: Date.parse('2024-03-01T15:00:00Z'), end: Date.parse('2024-03-01T16:00:00Z'), class: 'maintenance' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().labels.map((l: Label) => [l.start, l.end])).toEqual([
      ['2024-03-01T05:00:00.000Z', '2024-03-01T07:00:00.000Z'],
      ['2024-03-01T15:00:00.000Z', '2024-03-01T16:00:00.000Z'],
    ]);
  });

  it('refuses a batch with a span ending before it starts, naming the field, and stores none of it', async () => {
    const before = (await t.store.labels.list({ useCaseId: 'press-failure' })).length;
    const res = await post(LABELS, operator.headers, {
      labels: [
        { asset: 'press-1', start: '2024-03-02T05:00:00Z', class: 'failure' },
        { asset: 'press-1', start: '2024-03-02T09:00:00Z', end: '2024-03-02T08:00:00Z', class: 'failure' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'LABEL_INVALID_SPAN', details: { field: 'labels[1].end', count: 1 } });
    expect(res.json().error.message).toContain('labels[1].end');
    const single = await post(LABELS, operator.headers, { label: { asset: 'press-1', start: '2024-03-02T09:00:00Z', end: '2024-03-02T09:00:00Z', class: 'failure' } });
    expect(single.json().error).toMatchObject({ code: 'LABEL_INVALID_SPAN', details: { field: 'label.end' } });
    expect((await t.store.labels.list({ useCaseId: 'press-failure' })).length).toBe(before);
  });

  it.each([
    ['a time without an offset', { label: { asset: 'press-1', start: '2024-03-01T10:00:00', class: 'failure' } }, 'label.start'],
    ['a missing asset', { label: { start: '2024-03-01T10:00:00Z', class: 'failure' } }, 'label.asset'],
    ['an empty class', { label: { asset: 'press-1', start: '2024-03-01T10:00:00Z', class: '  ' } }, 'label.class'],
    ['a bad time in a batch', { labels: [{ asset: 'press-1', start: 'yesterday', class: 'failure' }] }, 'labels[0].start'],
    ['a missing asset in a batch', { labels: [{ asset: 'press-1', start: 0, class: 'failure' }, { start: 0, class: 'failure' }] }, 'labels[1].asset'],
    ['both one label and a batch', { label: { asset: 'a', start: 0, class: 'failure' }, labels: [{ asset: 'a', start: 0, class: 'failure' }] }, ''],
    ['an empty batch', { labels: [] }, 'labels'],
  ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_, payload, path) => {
    const res = await post(LABELS, operator.headers, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(res.json().error.message).toContain(path === '' ? 'body: ' : `body.${path}: `);
  });

  it('explains a time without an offset in the message', async () => {
    const res = await post(LABELS, operator.headers, { label: { asset: 'press-1', start: '2024-03-01 10:00', class: 'failure' } });
    expect(res.json().error.message).toBe(
      'body.label.start: expected ISO 8601 with an offset (2024-03-01T08:00:00Z or 2024-03-01T09:00:00+01:00), or epoch milliseconds',
    );
  });

  it('lets a viewer list but not record, and answers 404 for an unknown use case', async () => {
    expect((await post(LABELS, viewer, { label: { asset: 'press-1', start: '2024-03-01T10:00:00Z', class: 'failure' } })).json().error.code).toBe('AUTH_ROLE_TOO_WEAK');
    expect((await get(LABELS, viewer)).statusCode).toBe(200);
    const unknown = '/api/v1/use-cases/no-such/labels';
    expect((await post(unknown, operator.headers, { label: { asset: 'a', start: '2024-03-01T10:00:00Z', class: 'failure' } })).json().error.code).toBe('USE_CASE_NOT_FOUND');
    expect((await get(unknown, viewer)).statusCode).toBe(404);
    expect((await post(`${unknown}/lbl_x/retract`, operator.headers)).json().error.code).toBe('USE_CASE_NOT_FOUND');
    expect((await post(LABELS, {}, { label: { asset: 'a', start: '2024-03-01T10:00:00Z', class: 'failure' } })).statusCode).toBe(401);
  });

  it('filters by asset, class and time range, and pages with nextOffset', async () => {
    const starts = async (query: string) => (await get(`${LABELS}?${query}`, viewer)).json();
    expect((await starts('asset=press-2')).labels.map((l: Label) => l.class)).toEqual(['failure', 'maintenance']);
    expect((await starts('class=failure')).labels.map((l: Label) => l.asset)).toEqual(['press-2', 'press-1']);
    // [from, to] = 06:30..10:00 touches the press-2 span (ends 07:00), not the event at 10:30.
    const ranged = await starts(`from=${encodeURIComponent('2024-03-01T08:30:00+02:00')}&to=2024-03-01T10:00:00Z`);
    expect(ranged.labels.map((l: Label) => l.start)).toEqual(['2024-03-01T05:00:00.000Z']);
    expect((await starts(`from=${Date.parse('2024-03-01T10:30:00Z')}`)).labels.map((l: Label) => l.start)).toEqual(['2024-03-01T10:30:00.000Z', '2024-03-01T15:00:00.000Z']);
    const page1 = await starts('limit=2');
    expect(page1.labels.length).toBe(2);
    expect(page1.nextOffset).toBe(2);
    const page2 = await starts('limit=2&offset=2');
    expect(page2).toMatchObject({ nextOffset: null });
    expect(page2.labels.map((l: Label) => l.start)).toEqual(['2024-03-01T15:00:00.000Z']);
    const backwards = await get(`${LABELS}?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z`, viewer);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.issues[0].path).toBe('to');
    expect((await get(`${LABELS}?limit=0`, viewer)).json().error.message).toContain('query.limit');
  });

  it('retracts and corrects in one step, keeps the history, and refuses a second retraction', async () => {
    const [wrong] = (await post(LABELS, operator.headers, { label: { asset: 'press-1', start: '2024-03-01T20:00:00Z', class: 'failure' } })).json().labels as Label[];
    const res = await post(`${LABELS}/${wrong!.id}/retract`, operator.headers, {
      reason: 'wrong press',
      replacement: { asset: 'press-2', start: '2024-03-01T20:00:00Z', class: 'failure' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { retracted, replacement } = res.json() as { retracted: Label; replacement: Label };
    expect(retracted).toMatchObject({ id: wrong!.id, retracted: true, retractedBy: operator.user.id, retractReason: 'wrong press', replacedBy: replacement.id });
    expect(replacement).toMatchObject({ asset: 'press-2', author: operator.user.id, retracted: false });

    const standing = (await get(`${LABELS}?from=2024-03-01T20:00:00Z&to=2024-03-01T20:00:00Z`, viewer)).json().labels as Label[];
    expect(standing.map((l) => l.id)).toEqual([replacement.id]);
    const all = (await get(`${LABELS}?from=2024-03-01T20:00:00Z&to=2024-03-01T20:00:00Z&includeRetracted=true`, viewer)).json().labels as Label[];
    expect(all.map((l) => l.id).sort()).toEqual([wrong!.id, replacement.id].sort());

    const again = await post(`${LABELS}/${wrong!.id}/retract`, operator.headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'LABEL_ALREADY_RETRACTED', details: { replacedBy: replacement.id } });
    const audit = await t.store.audit.list({ subject: `label:${wrong!.id}` });
    expect(audit.map((a) => a.action)).toEqual(['label.retract']);
    expect(audit[0]?.details).toMatchObject({ reason: 'wrong press', replacementId: replacement.id });
  });

  it("lets an operator retract only their own labels, an engineer anyone's, and keeps the label when refused", async () => {
    const [label] = (await post(LABELS, operator.headers, { label: { asset: 'press-1', start: '2024-03-01T21:00:00Z', class: 'failure' } })).json().labels as Label[];
    const url = `${LABELS}/${label!.id}/retract`;
    const refused = await post(url, otherOperator, { reason: 'not mine' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AUTH_ROLE_TOO_WEAK');
    const badReplacement = await post(url, engineer, { replacement: { asset: 'press-1', start: '2024-03-01T22:00:00Z', end: '2024-03-01T21:00:00Z', class: 'failure' } });
    expect(badReplacement.json().error).toMatchObject({ code: 'LABEL_INVALID_SPAN', details: { field: 'replacement.end' } });
    expect((await t.store.labels.get(label!.id))?.retracted).toBe(false);
    const done = await post(url, engineer);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ retracted: { retracted: true, retractReason: '' }, replacement: null });
    expect((await post(`${LABELS}/lbl_nope/retract`, engineer)).json().error.code).toBe('LABEL_NOT_FOUND');
  });

  it('documents the label routes in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json', viewer)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/use-cases/{id}/labels', '/api/v1/use-cases/{id}/labels/{labelId}/retract']));
    expect(doc.paths['/api/v1/use-cases/{id}/labels'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['asset', 'class', 'from', 'to']));
  });

  it('turns the standing labels into horizon targets for the use case\'s rows', async () => {
    const labels = await loadStandingLabels(t.store, 'press-failure', ['failure']);
    const hours = [3, 4, 5, 6, 7, 8, 17, 18, 20];
    const rows = { assets: hours.map(() => 'press-2'), times: Float64Array.from(hours, (h) => Date.UTC(2024, 2, 1, h)) };
    const { targets } = horizonTargets(rows, labels, { classes: ['failure'], horizonMs: 2 * 3_600_000 });
    // Span [05:00, 07:00) and the corrected event at 20:00 (the retracted one was on press-1).
    expect([...targets]).toEqual([1, 1, NaN, NaN, 0, 0, 0, 1, 1]);
  });
});
