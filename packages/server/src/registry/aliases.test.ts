// Aliases on both backends: moves kept as numbered history, the champion's reason and role, removal rules, refs, known limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GradientBoosting, saveModel } from '@shopfloor/gbdt';
import { ShopfloorError, type Metrics, type ModelVersion, type User } from '@shopfloor/contracts';
import { manualClock } from '../clock.js';
import { openTestStore, sha256Hex, type TestStore } from '../store/index.js';
import { listAliases, metricsHistory, moveAlias, registerModel, removeAlias, resolveModelRef, setKnownLimits, type NewModel } from './index.js';

const T0 = '2024-05-01T06:00:00.000Z';
const engineer: User = { id: 'usr_engineer', name: 'erin', role: 'engineer', createdAt: T0 };
const operator: User = { id: 'usr_operator', name: 'otto', role: 'operator', createdAt: T0 };
const MODEL_TEXT = saveModel(new GradientBoosting({ objective: 'binary', maxIter: 2, minSamplesLeaf: 1 }).fit({ X: [[1], [2], [3], [4]], y: [0, 0, 1, 1] }));

function metrics(expected: number, auc: number): Metrics {
  return { nTrain: 800, nTest: 200, auc, expectedCostPer1000: expected, baselineCostPer1000: 500, trainSeconds: 0.5 };
}

async function rejection(promise: Promise<unknown>): Promise<ShopfloorError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShopfloorError);
  return e as ShopfloorError;
}

describe.each(['sqlite', 'postgres'] as const)('aliases on %s', (backend) => {
  let t: TestStore;
  const clock = manualClock(T0);
  const deps = () => ({ store: t.store, clock });
  let datasetVersionId: string;
  const versions: ModelVersion[] = [];
  const UC = 'press-line';

  const model = (m: Metrics): NewModel => ({
    useCaseId: UC,
    datasetVersionId,
    modelText: MODEL_TEXT,
    params: { maxIter: 2 },
    codeVersion: '0.1.0+abc',
    metrics: m,
    decisionRule: { kind: 'binary', threshold: 0.3 },
    featureImportance: [{ feature: 'torque', gain: 2 }],
  });

  beforeAll(async () => {
    t = await openTestStore(backend);
    await t.store.users.insert(engineer);
    await t.store.users.insert(operator);
    const sha = await t.store.artifacts.put('dataset', Buffer.from('table'), T0);
    const ds = await t.store.datasets.ensure({ id: 'ds_1', name: 'press', createdAt: T0 });
    datasetVersionId = sha256Hex(Buffer.from('press v1'));
    await t.store.datasetVersions.insert({ id: datasetVersionId, datasetId: ds.id, fileName: 'press.csv', format: 'csv', options: {}, schema: [], stats: [], rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: engineer.id });
    await t.store.useCases.insert({ id: UC, name: UC, task: 'binary', spec: {}, datasetVersionId, split: {}, createdAt: T0, createdBy: engineer.id });
    for (const m of [metrics(300, 0.9), metrics(250, 0.92), metrics(200, 0.95)]) {
      clock.advance(60_000);
      versions.push(await registerModel(deps(), engineer, model(m)));
    }
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('records the first champion set by registration as event 1 of the history', async () => {
    const { aliases, history } = await listAliases(t.store, UC);
    expect(aliases).toEqual([{ alias: 'champion', modelVersionId: versions[0]!.id, version: 1, updatedAt: versions[0]!.createdAt, updatedBy: engineer.id }]);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 1, alias: 'champion', version: 1, previousVersion: null, by: engineer.id, reason: 'first version that beats the no-model expected cost' });
  });

  it('moves the champion with a reason, keeps every move numbered, and a repeat changes nothing', async () => {
    clock.advance(60_000);
    const moved = await moveAlias(deps(), engineer, UC, 'champion', { version: 'v3', reason: 'lower cost on March data' });
    expect(moved).toMatchObject({ changed: true, alias: { alias: 'champion', version: 3 }, event: { seq: 2, version: 3, previousVersion: 1, reason: 'lower cost on March data' } });
    const challenger = await moveAlias(deps(), engineer, UC, 'challenger', { version: 2, reason: '' });
    expect(challenger.event).toMatchObject({ seq: 3, alias: 'challenger', version: 2, previousVersion: null });
    const again = await moveAlias(deps(), engineer, UC, 'challenger', { version: versions[1]!.id, reason: 'same' });
    expect(again).toMatchObject({ changed: false, event: null, alias: { version: 2 } });

    const { aliases, history } = await listAliases(t.store, UC);
    expect(aliases.map((a) => [a.alias, a.version])).toEqual([['challenger', 2], ['champion', 3]]);
    expect(history.map((e) => [e.seq, e.alias, e.previousVersion, e.version])).toEqual([[3, 'challenger', null, 2], [2, 'champion', 1, 3], [1, 'champion', null, 1]]);
    const audit = await t.store.audit.list({ subject: `use-case:${UC}` });
    expect(audit.filter((a) => a.action === 'model.promote').map((a) => a.details['version'])).toEqual([3, 1]);
    expect(audit.filter((a) => a.action === 'model.alias.set')).toHaveLength(1);
  });

  it('refuses a champion move without a reason, by an operator, or to a version that does not exist, and changes nothing', async () => {
    expect(await rejection(moveAlias(deps(), engineer, UC, 'champion', { version: 2, reason: '  ' }))).toMatchObject({ code: 'MODEL_ALIAS_REASON_REQUIRED', details: { field: 'reason' } });
    expect((await rejection(moveAlias(deps(), operator, UC, 'champion', { version: 2, reason: 'I like it' }))).code).toBe('AUTH_ROLE_TOO_WEAK');
    expect((await rejection(moveAlias(deps(), operator, UC, 'shadow', { version: 2, reason: '' }))).code).toBe('AUTH_ROLE_TOO_WEAK');
    expect(await rejection(moveAlias(deps(), engineer, UC, 'champion', { version: 9, reason: 'x' }))).toMatchObject({ code: 'MODEL_NOT_FOUND', status: 404, details: { field: 'version' } });
    expect(await rejection(moveAlias(deps(), engineer, UC, 'leader', { version: 2, reason: 'x' }))).toMatchObject({ code: 'MODEL_ALIAS_UNKNOWN', status: 400, details: { field: 'alias' } });
    expect((await listAliases(t.store, UC)).history).toHaveLength(3);
  });

  it('removes a challenger into the history, never the champion, and says when there is nothing to remove', async () => {
    clock.advance(60_000);
    const removed = await removeAlias(deps(), engineer, UC, 'challenger', 'v2 lost the A/B');
    expect(removed).toMatchObject({ changed: true, alias: null, event: { seq: 4, alias: 'challenger', modelVersionId: null, version: null, previousVersion: 2, reason: 'v2 lost the A/B' } });
    expect(await rejection(removeAlias(deps(), engineer, UC, 'challenger', ''))).toMatchObject({ code: 'MODEL_ALIAS_NOT_SET', status: 404 });
    expect(await rejection(removeAlias(deps(), engineer, UC, 'champion', 'no'))).toMatchObject({ code: 'MODEL_CHAMPION_NOT_REMOVABLE', status: 400 });
    expect((await t.store.modelAliases.get(UC, 'champion'))?.modelVersionId).toBe(versions[2]!.id);
  });

  it('resolves a version by number, v-number, alias and id, and names what is wrong otherwise', async () => {
    expect((await resolveModelRef(t.store, UC, '2')).id).toBe(versions[1]!.id);
    expect((await resolveModelRef(t.store, UC, 'V1')).id).toBe(versions[0]!.id);
    expect((await resolveModelRef(t.store, UC, 'champion')).version).toBe(3);
    expect((await resolveModelRef(t.store, UC, versions[0]!.id)).version).toBe(1);
    expect((await rejection(resolveModelRef(t.store, UC, 'shadow'))).code).toBe('MODEL_ALIAS_NOT_SET');
    expect((await rejection(resolveModelRef(t.store, UC, 'mv_nope'))).code).toBe('MODEL_NOT_FOUND');
    expect(await rejection(resolveModelRef(t.store, UC, 'latest'))).toMatchObject({ code: 'MODEL_REF_INVALID', status: 400, details: { field: 'ref', ref: 'latest' } });
  });

  it('keeps known limits beside the version: edits replace the text with who and when, the version record never changes', async () => {
    const before = await t.store.modelVersions.get(versions[2]!.id);
    clock.advance(60_000);
    const first = await setKnownLimits(deps(), engineer, UC, 'champion', 'Not trained on type H machines.');
    expect(first).toEqual({ modelVersionId: versions[2]!.id, text: 'Not trained on type H machines.', updatedAt: clock.now().toISOString(), updatedBy: engineer.id });
    clock.advance(60_000);
    await setKnownLimits(deps(), engineer, UC, '3', 'Not trained on type H machines or above 60 Nm.');
    expect((await t.store.knownLimits.get(versions[2]!.id))?.text).toBe('Not trained on type H machines or above 60 Nm.');
    expect(await t.store.modelVersions.get(versions[2]!.id)).toEqual(before);
    expect((await rejection(setKnownLimits(deps(), operator, UC, '3', 'mine'))).code).toBe('AUTH_ROLE_TOO_WEAK');
    const edits = (await t.store.audit.list({ subject: `use-case:${UC}` })).filter((a) => a.action === 'model.known-limits');
    expect(edits.map((e) => e.details['previousText'])).toEqual(['Not trained on type H machines.', null]);
  });

  it('lists the metric history oldest first with lineage and the aliases standing now', async () => {
    const history = await metricsHistory(t.store, UC);
    expect(history.versions.map((v) => [v.version, v.metrics.auc, v.aliases])).toEqual([[1, 0.9, []], [2, 0.92, []], [3, 0.95, ['champion']]]);
    expect(history.versions[0]).toMatchObject({ datasetVersionId, codeVersion: '0.1.0+abc', createdBy: engineer.id });
    expect(history.metrics).toEqual(['auc', 'baselineCostPer1000', 'expectedCostPer1000', 'nTest', 'nTrain', 'trainSeconds']);
  });
});
