// Targets from labels through the real HTTP app: a run-to-failure line, labels recorded and retracted, training, a late label and a retraining.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '@shopfloor/server';
import { FAILURES, HOURS, expectedTargetCounts, failureLabels, iso, runToFailureCsv } from './run-to-failure.js';

type Headers = { authorization: string };

const USE_CASE = {
  id: 'press-bearing',
  name: 'Press bearing failure within a day',
  decision: 'plan a bearing change before the press fails',
  task: 'binary',
  target: 'failure within 24 h',
  features: [{ name: 'vibration', unit: 'mm/s' }, { name: 'temperature', unit: '°C' }],
  entityColumn: 'asset',
  timeColumn: 'time',
  costs: { kind: 'binary', currency: 'EUR', trueAlarmSaves: 9000, falseAlarmCosts: 400, missCosts: 12000, actionName: 'plan a bearing change' },
  labelTarget: { classes: ['failure'], horizonHours: 24 },
};

/** The late label: press-4's last failure, recorded only after the first training. */
const isLate = (asset: string, start: number) => asset === 'press-4' && start === 680;

describe.each(['sqlite', 'postgres'] as const)('a use case whose target comes from failure labels on %s', (backend) => {
  let t: TestApp;
  let engineer: Headers;
  let operator: Headers;
  let datasetVersionId = '';

  const post = (url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const createUseCase = (body: Record<string, unknown>) => post('/api/v1/use-cases', engineer, { ...USE_CASE, datasetVersionId, ...body });
  const train = () => post(`/api/v1/use-cases/${USE_CASE.id}/train`, engineer, { params: { maxIter: 60 } });

  beforeAll(async () => {
    t = await openTestApp(backend);
    engineer = (await t.userWithRole('engineer')).headers;
    operator = (await t.userWithRole('operator')).headers;
    const imported = await post('/api/v1/datasets?name=press-line&fileName=press-line.csv', { ...engineer, 'content-type': 'text/csv' } as Headers, runToFailureCsv());
    expect(imported.statusCode, imported.body).toBe(201);
    datasetVersionId = imported.json().id;
    const kinds = Object.fromEntries(imported.json().columns.map((c: { name: string; kind: string }) => [c.name, c.kind]));
    expect(kinds).toMatchObject({ time: 'timestamp', cycle: 'numeric', vibration: 'numeric' });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('refuses a labelTarget that does not fit, naming the field', async () => {
    const refused = async (body: Record<string, unknown>, status: number) => {
      const res = await createUseCase(body);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error as { code: string; message: string; details: Record<string, unknown> };
    };
    const multiclass = await refused({ task: 'multiclass', costs: { kind: 'multiclass', currency: 'EUR', classes: ['a', 'b'], matrix: [[0, 1], [1, 0]] } }, 422);
    expect(multiclass).toMatchObject({ code: 'USE_CASE_INVALID', details: { part: 'labelTarget', field: 'task' } });
    expect(multiclass.message).toMatch(/^labelTarget: needs a binary task/);
    expect(await refused({ entityColumn: undefined }, 422)).toMatchObject({ code: 'USE_CASE_INVALID', details: { part: 'labelTarget', field: 'entityColumn' } });
    expect(await refused({ timeColumn: undefined, split: { kind: 'entity', column: 'asset' } }, 422)).toMatchObject({ details: { field: 'timeColumn' } });
    const numericTime = await refused({ timeColumn: 'cycle' }, 422);
    expect(numericTime).toMatchObject({ code: 'USE_CASE_INVALID', details: { field: 'timeColumn', column: 'cycle', kind: 'numeric' } });
    expect(await refused({ target: 'temperature', features: [{ name: 'vibration' }] }, 422)).toMatchObject({ details: { field: 'target', column: 'temperature' } });
    expect(await refused({ costs: { ...USE_CASE.costs, positiveLabel: 'failed' } }, 422)).toMatchObject({ details: { field: 'costs.positiveLabel' } });
    expect(await refused({ labelTarget: { classes: ['failure', 'failure'], horizonHours: 24 } }, 422)).toMatchObject({ details: { field: 'labelTarget.classes' } });
    const badHorizon = await refused({ labelTarget: { classes: ['failure'], horizonHours: -1 } }, 400);
    expect(badHorizon.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(badHorizon.details)).toContain('horizonHours');
    const noClasses = await refused({ labelTarget: { classes: [], horizonHours: 24 } }, 400);
    expect(JSON.stringify(noClasses.details)).toContain('classes');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/use-cases', headers: engineer })).json()).toEqual([]);
  });

  it('creates the use case with the setting filled in, then refuses to train before any failure is labelled', async () => {
    const res = await createUseCase({});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      target: 'failure within 24 h',
      classes: ['false', 'true'],
      split: { kind: 'time', column: 'time' },
      labelTarget: { classes: ['failure'], horizonHours: 24, mode: 'before-start', duringSpan: 'exclude' },
    });
    const refused = await train();
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'LABEL_TARGET_NO_POSITIVES', details: { labels: { count: 0 }, targets: { positive: 0 } } });
  });

  it('trains on the standing labels: positives are exactly the rows within 24 h before each failure, and the model ranks them well', async () => {
    const labels = failureLabels(isLate);
    expect(labels).toHaveLength(12);
    const recorded = await post(`/api/v1/use-cases/${USE_CASE.id}/labels`, operator, { labels });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const batchAt = t.clock.now().toISOString();
    // A wrong label (press-2 ran fine at hour 300), recorded later and retracted: it must not count.
    t.clock.advance(3_600_000);
    const wrong = await post(`/api/v1/use-cases/${USE_CASE.id}/labels`, operator, { label: { asset: 'press-2', start: iso(300), end: iso(304), class: 'failure' } });
    expect(wrong.statusCode).toBe(201);
    const retracted = await post(`/api/v1/use-cases/${USE_CASE.id}/labels/${wrong.json().labels[0].id}/retract`, engineer, { reason: 'wrong press' });
    expect(retracted.statusCode, retracted.body).toBe(200);

    const res = await train();
    expect(res.statusCode, res.body).toBe(201);
    const model = res.json();
    const expected = expectedTargetCounts(labels, 24);
    // 12 failures x 24 hourly rows before each start; 12 spans x 8 rows inside; the rest of the 4 x 720 rows.
    expect(expected).toEqual({ positive: 288, duringSpan: 96, negative: 2496 });
    expect(model.params.labelTarget).toEqual({
      classes: ['failure'],
      horizonHours: 24,
      mode: 'before-start',
      duringSpan: 'exclude',
      labels: { count: 12, latestCreatedAt: batchAt, assets: 4, assetsNotInData: [] },
      targets: { ...expected, censored: 0, missing: 0 },
    });
    expect(model.params.maxIter).toBe(60);
    expect(model.metrics.nTest).toBeGreaterThan(400);
    expect(model.metrics.auc).toBeGreaterThan(0.85);
    expect(model.aliases).toEqual(['champion']);
  });

  it('a late label joins: the retraining records one more label, a later created_at and 24 more positive rows', async () => {
    t.clock.advance(24 * 3_600_000);
    const late = failureLabels((asset, start) => !isLate(asset, start));
    expect(late).toHaveLength(1);
    const recorded = await post(`/api/v1/use-cases/${USE_CASE.id}/labels`, operator, { labels: late });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const res = await train();
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json();
    expect(v2.version).toBe(2);
    expect(v2.params.labelTarget.labels).toEqual({ count: 13, latestCreatedAt: t.clock.now().toISOString(), assets: 4, assetsNotInData: [] });
    expect(v2.params.labelTarget.targets).toEqual({ ...expectedTargetCounts(failureLabels(), 24), censored: 0, missing: 0 });
    expect(v2.params.labelTarget.targets.positive).toBe(312);
    expect(v2.metrics.auc).toBeGreaterThan(0.85);
    // Version 1 is immutable: it still says what it was trained on.
    const versions = (await t.app.inject({ method: 'GET', url: `/api/v1/use-cases/${USE_CASE.id}/models`, headers: engineer })).json();
    expect(versions.map((v: { version: number; params: { labelTarget: { labels: { count: number } } } }) => [v.version, v.params.labelTarget.labels.count])).toEqual([[2, 13], [1, 12]]);
  });

  it('compares the versions in events: failures in the benchmark period caught within 24 h, lead time, false alarms per asset-day', async () => {
    const res = await post(`/api/v1/use-cases/${USE_CASE.id}/compare`, engineer, { versions: [1, 2], resamples: 100 });
    expect(res.statusCode, res.body).toBe(200);
    const { events } = res.json();
    // The time split tests on the last 20% of hours (576..719): the failures that start inside it.
    const firstTestHour = HOURS * 0.8;
    const expected = Object.values(FAILURES).flat().filter((h) => h > firstTestHour).length;
    expect(expected).toBe(4);
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toMatchObject({ set: 'benchmark', horizonHours: 24, failures: expected });
      expect(e.caught).toBeGreaterThanOrEqual(3); // vibration rises 36 h before each failure: the model sees them coming
      expect(e.medianLeadHours).toBeGreaterThan(0);
      expect(e.medianLeadHours).toBeLessThanOrEqual(24);
      expect(e.alarms).toBeGreaterThanOrEqual(e.caught + e.falseAlarms);
      expect(e.falseAlarmsPerAssetDay).toBeCloseTo(e.falseAlarms / (4 * (143 / 24)), 6);
    }
    console.info(`[${backend}] events on the benchmark: ${events.map((e: { caught: number; failures: number; medianLeadHours: number; falseAlarmsPerAssetDay: number }) => `${e.caught}/${e.failures} caught, median lead ${e.medianLeadHours} h, ${e.falseAlarmsPerAssetDay.toFixed(3)} false alarms per asset-day`).join('; ')}`);
  });
});
