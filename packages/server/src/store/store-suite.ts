// The one test suite every store backend runs (called from store.sqlite.test.ts and store.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopfloorError, type User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import type { Repositories, Store } from './store.js';
import { sha256Hex } from './repos/artifacts.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';
const T1 = '2024-03-01T09:00:00.000Z';

async function expectCode(promise: Promise<unknown>, code: string): Promise<ShopfloorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopfloorError);
  expect((error as ShopfloorError).code).toBe(code);
  return error as ShopfloorError;
}

/** A user, an artifact, a dataset with one version and a use case on it: what model versions hang from. */
async function seed(repos: Repositories, suffix: string) {
  const user: User = { id: newId('usr'), name: `engineer-${suffix}`, role: 'engineer', createdAt: T0 };
  await repos.users.insert(user);
  const tableSha = await repos.artifacts.put('dataset', Buffer.from(`table ${suffix}`), T0);
  const dataset = await repos.datasets.ensure({ id: newId('ds'), name: `ai4i-${suffix}`, createdAt: T0 });
  const { version } = await repos.datasetVersions.insert({
    id: sha256Hex(Buffer.from(`file ${suffix}`)),
    datasetId: dataset.id,
    fileName: 'ai4i2020.csv',
    format: 'csv',
    options: { delimiter: ',' },
    schema: [{ name: 'Torque [Nm]', kind: 'numeric' }],
    stats: { 'Torque [Nm]': { min: 3.8, max: 76.6 } },
    rowCount: 10_000,
    artifactSha256: tableSha,
    createdAt: T0,
    createdBy: user.id,
  });
  const useCase = await repos.useCases.insert({
    id: `machine-failure-${suffix}`,
    name: 'Machine failure',
    task: 'binary',
    spec: { target: 'Machine failure', features: [{ name: 'Torque [Nm]', unit: 'Nm' }] },
    datasetVersionId: version.id,
    split: { kind: 'key', column: 'UDI', modulo: 5, remainder: 0 },
    createdAt: T0,
    createdBy: user.id,
  });
  const modelSha = await repos.artifacts.put('model', Buffer.from(`model ${suffix}`), T0);
  return { user, tableSha, dataset, version, useCase, modelSha };
}

function newModel(s: Awaited<ReturnType<typeof seed>>, cost: number | null = 12.5) {
  return {
    id: newId('mv'),
    useCaseId: s.useCase.id,
    datasetVersionId: s.version.id,
    params: { maxIter: 100, learningRate: 0.1 },
    codeVersion: '0.1.0',
    metrics: { auc: 0.97 },
    expectedCostPer1000: cost,
    threshold: { kind: 'binary', threshold: 0.23 },
    artifactSha256: s.modelSha,
    createdAt: T1,
    createdBy: s.user.id,
  };
}

export function runStoreSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`store on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    it('answers a ping and re-running migrations applies nothing', async () => {
      await store.ping();
      expect(await store.migrate()).toEqual([]);
    });

    it('stores users, finds them by id and name, and refuses a second user with the same name', async () => {
      const ada: User = { id: newId('usr'), name: 'ada', role: 'admin', createdAt: T0 };
      await store.users.insert(ada);
      expect(await store.users.get(ada.id)).toEqual(ada);
      expect(await store.users.getByName('ada')).toEqual(ada);
      expect(await store.users.get('usr_nobody')).toBeNull();
      expect(await store.users.firstWithRole('admin')).toEqual(ada);
      await expectCode(store.users.insert({ ...ada, id: newId('usr') }), 'USER_EXISTS');
    });

    it('rejects a role outside viewer, operator, engineer, admin at the database', async () => {
      const bad = { id: newId('usr'), name: 'mallory', role: 'root', createdAt: T0 } as unknown as User;
      await expect(store.users.insert(bad)).rejects.toThrow();
      expect(await store.users.getByName('mallory')).toBeNull();
    });

    it('finds a live token by its hash with its user, and no longer once revoked', async () => {
      const user: User = { id: newId('usr'), name: 'olga', role: 'operator', createdAt: T0 };
      await store.users.insert(user);
      const hash = sha256Hex(Buffer.from('sf_olga'));
      const token = await store.apiTokens.insert({ id: newId('tok'), userId: user.id, tokenSha256: hash, name: 'cli', createdAt: T0 });
      const found = await store.apiTokens.findLiveByHash(hash);
      expect(found?.user).toEqual(user);
      expect(found?.token).toEqual(token);
      await store.apiTokens.markUsed(token.id, T1);
      expect((await store.apiTokens.listForUser(user.id))[0]?.lastUsedAt).toBe(T1);
      expect(await store.apiTokens.revoke(token.id, T1)).toBe(true);
      expect(await store.apiTokens.revoke(token.id, T1)).toBe(false);
      expect(await store.apiTokens.findLiveByHash(hash)).toBeNull();
      expect(await store.apiTokens.findLiveByHash(sha256Hex(Buffer.from('sf_other')))).toBeNull();
    });

    it('appends audit entries and lists them newest first, filtered by subject', async () => {
      const user: User = { id: newId('usr'), name: 'auditor', role: 'viewer', createdAt: T0 };
      await store.users.insert(user);
      await store.audit.append({ id: newId('aud'), at: T0, userId: user.id, action: 'use-case.create', subject: 'use-case:pump', details: { n: 1 } });
      await store.audit.append({ id: newId('aud'), at: T1, userId: null, action: 'model.promote', subject: 'use-case:pump', details: { alias: 'champion' } });
      await store.audit.append({ id: newId('aud'), at: T1, userId: user.id, action: 'other', subject: 'use-case:press', details: {} });
      const entries = await store.audit.list({ subject: 'use-case:pump' });
      expect(entries.map((e) => e.action)).toEqual(['model.promote', 'use-case.create']);
      expect(entries[0]?.details).toEqual({ alias: 'champion' });
      expect(entries[0]?.userId).toBeNull();
      expect((await store.audit.list({ userId: user.id, limit: 1 })).length).toBe(1);
    });

    it('stores artifacts once under their sha256 and returns every byte value intact', async () => {
      const bytes = new Uint8Array(512).map((_, i) => i % 256);
      const sha = await store.artifacts.put('model', bytes, T0);
      expect(sha).toBe(sha256Hex(bytes));
      expect(await store.artifacts.put('model', bytes, T1)).toBe(sha);
      const loaded = await store.artifacts.get(sha);
      expect(loaded.size).toBe(512);
      expect(loaded.kind).toBe('model');
      expect(loaded.createdAt).toBe(T0);
      expect(Buffer.compare(loaded.bytes, Buffer.from(bytes))).toBe(0);
      expect(await store.artifacts.has(sha)).toBe(true);
      await expectCode(store.artifacts.get('0'.repeat(64)), 'ARTIFACT_NOT_FOUND');
    });

    it('detects a corrupted model artifact on load and names both hashes', async () => {
      const sha = await store.artifacts.put('model', Buffer.from('{"format":"shopfloor-gbdt"}'), T0);
      await store.db.updateTable('artifacts').set({ bytes: Buffer.from('{"format":"shopfloor-gbdX"}') }).where('sha256', '=', sha).execute();
      const error = await expectCode(store.artifacts.get(sha), 'MODEL_ARTIFACT_CORRUPT');
      expect(error.status).toBe(500);
      expect(error.details['sha256']).toBe(sha);
      expect(error.details['actualSha256']).toBe(sha256Hex(Buffer.from('{"format":"shopfloor-gbdX"}')));
    });

    it('detects a truncated dataset artifact as ARTIFACT_CORRUPT', async () => {
      const sha = await store.artifacts.put('dataset', Buffer.from('a,b\n1,2\n'), T0);
      await store.db.updateTable('artifacts').set({ bytes: Buffer.from('a,b\n') }).where('sha256', '=', sha).execute();
      await expectCode(store.artifacts.get(sha), 'ARTIFACT_CORRUPT');
    });

    it('keeps dataset versions immutable: re-importing the same content returns the stored version', async () => {
      const s = await seed(store, 'dv');
      expect(s.version.schema).toEqual([{ name: 'Torque [Nm]', kind: 'numeric' }]);
      expect(s.version.rowCount).toBe(10_000);
      const again = await store.datasetVersions.insert({ ...s.version, fileName: 'renamed.csv', createdAt: T1 });
      expect(again.created).toBe(false);
      expect(again.version).toEqual(s.version);
      expect(await store.datasets.ensure({ id: newId('ds'), name: s.dataset.name, createdAt: T1 })).toEqual(s.dataset);
      expect(await store.datasetVersions.listForDataset(s.dataset.id)).toEqual([s.version]);
      expect(await store.datasets.getByName(s.dataset.name)).toEqual(s.dataset);
      expect('update' in store.datasetVersions).toBe(false);
    });

    it('enforces foreign keys: a dataset version cannot point at a missing artifact', async () => {
      const s = await seed(store, 'fk');
      await expect(
        store.datasetVersions.insert({ ...s.version, id: 'f'.repeat(64), artifactSha256: '0'.repeat(64) }),
      ).rejects.toThrow();
      expect(await store.datasetVersions.get('f'.repeat(64))).toBeNull();
    });

    it('stores use cases with their spec and refuses a duplicate id', async () => {
      const s = await seed(store, 'uc');
      expect(await store.useCases.get(s.useCase.id)).toEqual(s.useCase);
      expect((await store.useCases.list()).map((u) => u.id)).toContain(s.useCase.id);
      await expectCode(store.useCases.insert({ ...s.useCase, name: 'again' }), 'USE_CASE_EXISTS');
      expect(await store.useCases.get('no-such-use-case')).toBeNull();
    });

    it('numbers model versions 1, 2, 3 within each use case, also when inserted concurrently', async () => {
      const a = await seed(store, 'mva');
      const b = await seed(store, 'mvb');
      const first = await store.modelVersions.insert(newModel(a, 12.5));
      expect(first.version).toBe(1);
      expect((await store.modelVersions.insert(newModel(b, null))).version).toBe(1);
      const concurrent = await Promise.all([1, 2, 3, 4].map(() => store.modelVersions.insert(newModel(a))));
      expect(concurrent.map((m) => m.version).sort()).toEqual([2, 3, 4, 5]);
      const listed = await store.modelVersions.listForUseCase(a.useCase.id);
      expect(listed.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.modelVersions.get(first.id)).toEqual(first);
      expect(await store.modelVersions.getByNumber(a.useCase.id, 1)).toEqual(first);
      expect((await store.modelVersions.getByNumber(b.useCase.id, 1))?.expectedCostPer1000).toBeNull();
      expect('update' in store.modelVersions).toBe(false);
    });

    it('moves aliases between versions of one use case and refuses a version of another', async () => {
      const a = await seed(store, 'ala');
      const b = await seed(store, 'alb');
      const v1 = await store.modelVersions.insert(newModel(a));
      const v2 = await store.modelVersions.insert(newModel(a));
      const other = await store.modelVersions.insert(newModel(b));
      await store.modelAliases.set({ useCaseId: a.useCase.id, alias: 'champion', modelVersionId: v1.id, updatedAt: T0, updatedBy: a.user.id });
      await store.modelAliases.set({ useCaseId: a.useCase.id, alias: 'champion', modelVersionId: v2.id, updatedAt: T1, updatedBy: a.user.id });
      await store.modelAliases.set({ useCaseId: a.useCase.id, alias: 'challenger', modelVersionId: v1.id, updatedAt: T1, updatedBy: a.user.id });
      expect((await store.modelAliases.get(a.useCase.id, 'champion'))?.modelVersionId).toBe(v2.id);
      expect((await store.modelAliases.listForUseCase(a.useCase.id)).map((x) => x.alias)).toEqual(['challenger', 'champion']);
      await expectCode(
        store.modelAliases.set({ useCaseId: a.useCase.id, alias: 'shadow', modelVersionId: other.id, updatedAt: T1, updatedBy: a.user.id }),
        'MODEL_NOT_FOUND',
      );
      expect(await store.modelAliases.remove(a.useCase.id, 'challenger')).toBe(true);
      expect(await store.modelAliases.remove(a.useCase.id, 'challenger')).toBe(false);
      expect(await store.modelAliases.get(a.useCase.id, 'challenger')).toBeNull();
    });

    it('keeps alias events numbered per use case, newest first, and one known-limits text per version', async () => {
      const a = await seed(store, 'ale');
      const b = await seed(store, 'alf');
      const v1 = await store.modelVersions.insert(newModel(a));
      const v2 = await store.modelVersions.insert(newModel(a));
      const vb = await store.modelVersions.insert(newModel(b));
      const event = (s: typeof a, alias: string, to: string | null, from: string | null) => ({
        id: newId('ale'), useCaseId: s.useCase.id, alias, modelVersionId: to, previousModelVersionId: from, reason: `to ${to}`, at: T1, by: s.user.id,
      });
      // Same instant, concurrent: the numbers still come out 1..4 without gaps or repeats.
      const appended = await Promise.all([event(a, 'champion', v1.id, null), event(a, 'challenger', v2.id, null), event(a, 'champion', v2.id, v1.id), event(a, 'challenger', null, v2.id)].map((e) => store.aliasEvents.append(e)));
      expect(appended.map((e) => e.seq).sort()).toEqual([1, 2, 3, 4]);
      expect((await store.aliasEvents.append(event(b, 'shadow', vb.id, null))).seq).toBe(1);
      const listed = await store.aliasEvents.listForUseCase(a.useCase.id);
      expect(listed.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
      expect(listed.find((e) => e.modelVersionId === null)).toMatchObject({ alias: 'challenger', previousModelVersionId: v2.id, by: a.user.id, at: T1 });
      expect((await store.aliasEvents.listForUseCase(a.useCase.id, 'champion')).map((e) => e.alias)).toEqual(['champion', 'champion']);
      await expect(store.aliasEvents.append(event(a, 'shadow', 'mv_missing', null))).rejects.toThrow();
      expect('update' in store.aliasEvents || 'remove' in store.aliasEvents).toBe(false);

      expect(await store.knownLimits.get(v1.id)).toBeNull();
      await store.knownLimits.set({ modelVersionId: v1.id, text: 'not for type H', updatedAt: T0, updatedBy: a.user.id });
      await store.knownLimits.set({ modelVersionId: v1.id, text: 'not for type H or cold starts', updatedAt: T1, updatedBy: a.user.id });
      expect(await store.knownLimits.get(v1.id)).toEqual({ modelVersionId: v1.id, text: 'not for type H or cold starts', updatedAt: T1, updatedBy: a.user.id });
      expect(await store.knownLimits.get(v2.id)).toBeNull();
    });

    it('stores labels of a use case and lists them by asset, class and the time range they touch', async () => {
      const s = await seed(store, 'lb');
      const label = (id: string, asset: string, start: string, end: string | null, cls = 'failure') => ({
        id, useCaseId: s.useCase.id, asset, start, end, class: cls, note: `note ${id}`, author: s.user.id, createdAt: T1,
      });
      const inserted = await store.labels.insertMany([
        label('lbl_b', 'press-1', '2024-03-02T10:00:00.000Z', '2024-03-02T14:00:00.000Z'),
        label('lbl_a', 'press-1', '2024-03-01T10:00:00.000Z', null, 'tool-break'),
        label('lbl_c', 'press-2', '2024-03-03T00:00:00.000Z', '2024-03-04T00:00:00.000Z'),
      ]);
      expect(inserted.map((l) => l.retracted)).toEqual([false, false, false]);
      expect(await store.labels.get('lbl_b')).toEqual({ ...label('lbl_b', 'press-1', '2024-03-02T10:00:00.000Z', '2024-03-02T14:00:00.000Z'), retracted: false, retractedAt: null, retractedBy: null, retractReason: null, replacedBy: null });
      const ids = async (q: Partial<Parameters<typeof store.labels.list>[0]>) => (await store.labels.list({ useCaseId: s.useCase.id, ...q })).map((l) => l.id);
      expect(await ids({})).toEqual(['lbl_a', 'lbl_b', 'lbl_c']);
      expect(await ids({ asset: 'press-1' })).toEqual(['lbl_a', 'lbl_b']);
      expect(await ids({ class: 'failure' })).toEqual(['lbl_b', 'lbl_c']);
      // A span touches the range when it starts at or before `to` and ends at or after `from`; an event by its time.
      expect(await ids({ from: '2024-03-02T14:00:00.000Z', to: '2024-03-02T23:00:00.000Z' })).toEqual(['lbl_b']);
      expect(await ids({ from: '2024-03-02T14:00:00.001Z' })).toEqual(['lbl_c']);
      expect(await ids({ to: '2024-03-01T10:00:00.000Z' })).toEqual(['lbl_a']);
      expect(await ids({ limit: 2 })).toEqual(['lbl_a', 'lbl_b']);
      expect(await ids({ limit: 2, offset: 2 })).toEqual(['lbl_c']);
      expect(await ids({ offset: 1 })).toEqual(['lbl_b', 'lbl_c']);
      expect(await store.labels.list({ useCaseId: 'no-such-use-case' })).toEqual([]);
      expect(await store.labels.get('lbl_nope')).toBeNull();
    });

    it('retracts a label once, keeps it as history with its replacement, and never deletes', async () => {
      const s = await seed(store, 'lr');
      const base = { useCaseId: s.useCase.id, asset: 'press-9', class: 'failure', note: '', author: s.user.id, createdAt: T0 };
      await store.labels.insertMany([{ ...base, id: 'lbl_wrong', start: '2024-03-05T08:00:00.000Z', end: null }]);
      await store.labels.insertMany([{ ...base, id: 'lbl_right', start: '2024-03-05T09:00:00.000Z', end: null }]);
      const retraction = { at: T1, by: s.user.id, reason: 'wrong hour', replacedBy: 'lbl_right' };
      expect(await store.labels.retract('lbl_wrong', retraction)).toBe(true);
      expect(await store.labels.retract('lbl_wrong', { ...retraction, reason: 'again' })).toBe(false);
      expect(await store.labels.retract('lbl_missing', retraction)).toBe(false);
      expect(await store.labels.get('lbl_wrong')).toMatchObject({ retracted: true, retractedAt: T1, retractedBy: s.user.id, retractReason: 'wrong hour', replacedBy: 'lbl_right' });
      expect((await store.labels.list({ useCaseId: s.useCase.id })).map((l) => l.id)).toEqual(['lbl_right']);
      expect((await store.labels.list({ useCaseId: s.useCase.id, includeRetracted: true })).map((l) => l.id)).toEqual(['lbl_wrong', 'lbl_right']);
      expect('delete' in store.labels || 'remove' in store.labels || 'update' in store.labels).toBe(false);
    });

    it('refuses at the database a span ending before it starts, a label of no use case, and a half-stored batch', async () => {
      const s = await seed(store, 'lx');
      const base = { useCaseId: s.useCase.id, asset: 'press-7', class: 'failure', note: '', author: s.user.id, createdAt: T0, end: null };
      await expect(store.labels.insertMany([{ ...base, id: 'lbl_back', start: '2024-03-05T08:00:00.000Z', end: '2024-03-05T07:00:00.000Z' }])).rejects.toThrow();
      await expect(store.labels.insertMany([{ ...base, id: 'lbl_orphan', useCaseId: 'no-such-use-case', start: T0 }])).rejects.toThrow();
      const many = Array.from({ length: 1201 }, (_, i) => ({ ...base, id: `lbl_many_${i}`, start: new Date(Date.parse(T0) + i * 60_000).toISOString() }));
      // The last of three insert chunks repeats an id: inside a transaction, none of the 1,201 rows stays.
      many[1200] = { ...many[1200]!, id: 'lbl_many_0' };
      await expect(store.transaction((tx) => tx.labels.insertMany(many))).rejects.toThrow();
      expect(await store.labels.list({ useCaseId: s.useCase.id })).toEqual([]);
      await store.transaction((tx) => tx.labels.insertMany(many.slice(0, 1200)));
      expect((await store.labels.list({ useCaseId: s.useCase.id })).length).toBe(1200);
    });

    it('keeps gate records as written, newest first, and finds those of one candidate', async () => {
      const s = await seed(store, 'gt');
      const v1 = await store.modelVersions.insert(newModel(s));
      const v2 = await store.modelVersions.insert(newModel(s));
      const record = (id: string, at: string, candidate: typeof v1, passed: boolean) => ({
        id,
        useCaseId: s.useCase.id,
        candidate: { id: candidate.id, version: candidate.version, aliases: [] },
        against: { id: v1.id, version: v1.version, aliases: ['champion'] },
        passed,
        checks: [{ name: 'roc_auc on benchmark', passed, measured: passed ? 0 : 0.2, limit: 0.01, detail: '0.97 -> 0.77' }],
        sets: [{ name: 'benchmark', version: 1, hash: 'abc', rows: 2000 }],
        settings: { tolerances: { roc_auc: 0.01 } },
        report: '## Shopfloor gate | with a pipe',
        createdAt: at,
        createdBy: s.user.id,
      });
      await store.gateRecords.insert(record('gate_a', T0, v2, false));
      await store.gateRecords.insert(record('gate_b', T1, v1, true));
      expect(await store.gateRecords.get(s.useCase.id, 'gate_a')).toEqual(record('gate_a', T0, v2, false));
      expect((await store.gateRecords.list(s.useCase.id)).map((g) => g.id)).toEqual(['gate_b', 'gate_a']);
      expect((await store.gateRecords.list(s.useCase.id, { candidateId: v2.id })).map((g) => g.id)).toEqual(['gate_a']);
      expect(await store.gateRecords.get('other-use-case', 'gate_a')).toBeNull();
      // The candidate must be a stored version (foreign key), so a record can never point at nothing.
      await expect(store.gateRecords.insert({ ...record('gate_c', T1, v1, true), candidate: { id: 'mv_missing', version: 9, aliases: [] } })).rejects.toThrow();
      expect(await store.gateRecords.get(s.useCase.id, 'gate_c')).toBeNull();
    });

    it('keeps nothing of a transaction that throws', async () => {
      const failure = store.transaction(async (tx) => {
        await tx.artifacts.put('dataset', Buffer.from('half-imported'), T0);
        await tx.datasets.ensure({ id: newId('ds'), name: 'half-imported', createdAt: T0 });
        throw new Error('parse failed at line 7');
      });
      await expect(failure).rejects.toThrow('parse failed at line 7');
      expect(await store.artifacts.has(sha256Hex(Buffer.from('half-imported')))).toBe(false);
      expect(await store.datasets.getByName('half-imported')).toBeNull();
      const kept = await store.transaction(async (tx) => tx.datasets.ensure({ id: newId('ds'), name: 'committed', createdAt: T0 }));
      expect(await store.datasets.get(kept.id)).toEqual(kept);
    });
  });
}
