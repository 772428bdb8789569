// The deployment storage suite every backend runs (deployments.sqlite.test.ts, deployments.postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@shopfloor/contracts';
import { newId } from './ids.js';
import { sha256Hex } from './repos/artifacts.js';
import type { ApprovalRecord } from './repos/deployments.js';
import type { Store } from './store.js';
import type { TestStore } from './test-store.js';

const T0 = '2024-03-01T08:00:00.000Z';
const T1 = '2024-03-01T09:00:00.000Z';

export function runDeploymentsSuite(name: string, makeStore: () => Promise<TestStore>): void {
  describe(`deployments on ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    let user: User;
    let mv: string;
    beforeAll(async () => {
      testStore = await makeStore();
      store = testStore.store;
      user = { id: newId('usr'), name: 'erin', role: 'engineer', createdAt: T0 };
      await store.users.insert(user);
      const sha = await store.artifacts.put('dataset', Buffer.from('table'), T0);
      const dataset = await store.datasets.ensure({ id: newId('ds'), name: 'mill', createdAt: T0 });
      const { version } = await store.datasetVersions.insert({
        id: sha256Hex(Buffer.from('file')), datasetId: dataset.id, fileName: 'mill.csv', format: 'csv', options: {}, schema: [], stats: {}, rowCount: 1, artifactSha256: sha, createdAt: T0, createdBy: user.id,
      });
      for (const id of ['mill-a', 'mill-b']) {
        await store.useCases.insert({ id, name: id, task: 'binary', spec: {}, datasetVersionId: version.id, split: {}, createdAt: T0, createdBy: user.id });
      }
      const modelSha = await store.artifacts.put('model', Buffer.from('model'), T0);
      mv = (await store.modelVersions.insert({ id: newId('mv'), useCaseId: 'mill-a', datasetVersionId: version.id, params: {}, codeVersion: '0', metrics: {}, expectedCostPer1000: 1, threshold: {}, artifactSha256: modelSha, createdAt: T0, createdBy: user.id })).id;
    });
    afterAll(async () => {
      await testStore?.cleanup();
    });

    const record = (variants: { share: number | null }[], at = T0) => ({
      useCaseId: 'mill-a',
      variants: variants.map((v) => ({ modelVersionId: mv, mode: v.share === null ? ('shadow' as const) : ('split' as const), share: v.share })),
      mirrors: [{ url: 'http://10.0.0.2:8080/api/v1/use-cases/mill-a/predict', share: 0.5 }],
      approvalRequired: true,
      updatedAt: at,
      updatedBy: user.id,
    });

    it('has no deployment before the first save, then keeps each save as a new revision', async () => {
      expect(await store.deployments.get('mill-a')).toBeNull();
      expect(await store.deployments.save(record([{ share: null }]), 0)).toBe(true);
      expect(await store.deployments.get('mill-a')).toEqual({ ...record([{ share: null }]), revision: 1 });
      expect(await store.deployments.save(record([{ share: 0.2 }], T1), 1)).toBe(true);
      const now = await store.deployments.get('mill-a');
      expect(now).toMatchObject({ revision: 2, updatedAt: T1, variants: [{ modelVersionId: mv, mode: 'split', share: 0.2 }] });
      expect((await store.deployments.list()).map((d) => d.useCaseId)).toEqual(['mill-a']);
    });

    it('refuses a save based on a stale revision, so two writers never overwrite each other', async () => {
      expect(await store.deployments.save(record([]), 1)).toBe(false);
      expect(await store.deployments.save(record([]), 0)).toBe(false);
      expect((await store.deployments.get('mill-a'))?.revision).toBe(2);
      const raced = await Promise.all([store.deployments.save(record([]), 2), store.deployments.save(record([{ share: 0.1 }]), 2)]);
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect((await store.deployments.get('mill-a'))?.revision).toBe(3);
    });

    it('numbers events per use case, keeps their details and lists them newest first', async () => {
      const base = { modelVersionId: mv, details: { share: 0.2, steps: [0.05, 0.25] }, at: T0, by: user.id };
      const first = await store.deployments.appendEvent({ ...base, id: newId('dev'), useCaseId: 'mill-a', action: 'set', reason: 'try v2 in shadow' });
      await store.deployments.appendEvent({ ...base, id: newId('dev'), useCaseId: 'mill-b', action: 'set', reason: 'other line' });
      const made = await Promise.all(Array.from({ length: 4 }, (_, i) => store.deployments.appendEvent({ ...base, id: newId('dev'), useCaseId: 'mill-a', action: 'canary-step', modelVersionId: null, reason: `step ${i}`, at: T1 })));
      expect(first.seq).toBe(1);
      expect(made.map((m) => m.seq).sort()).toEqual([2, 3, 4, 5]);
      const events = await store.deployments.events('mill-a');
      expect(events.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
      expect(events[4]).toEqual(first);
      expect(events[0]).toMatchObject({ modelVersionId: null, details: { share: 0.2, steps: [0.05, 0.25] } });
      expect(await store.deployments.events('mill-a', 2)).toHaveLength(2);
    });

    it('decides an approval once: the second decision finds it closed', async () => {
      const approval: ApprovalRecord = { id: newId('apr'), useCaseId: 'mill-a', modelVersionId: mv, status: 'pending', reason: 'v2 wins the verdict', requestedAt: T0, requestedBy: user.id, decidedAt: null, decidedBy: null, decisionReason: null };
      await store.deployments.insertApproval(approval);
      expect(await store.deployments.pendingApprovals('mill-a')).toEqual([approval]);
      expect(await store.deployments.getApproval('mill-b', approval.id)).toBeNull();
      const decisions = await Promise.all([
        store.deployments.decideApproval(approval.id, { status: 'approved', at: T1, by: 'usr_second', reason: 'checked' }),
        store.deployments.decideApproval(approval.id, { status: 'superseded', at: T1, by: user.id, reason: 'direct change' }),
      ]);
      expect(decisions.filter(Boolean)).toHaveLength(1);
      const decided = await store.deployments.getApproval('mill-a', approval.id);
      expect(decided?.status).not.toBe('pending');
      expect(decided).toMatchObject({ decidedAt: T1 });
      expect(await store.deployments.pendingApprovals('mill-a')).toEqual([]);
    });

    it('refuses a deployment or an approval of a use case or version that does not exist', async () => {
      await expect(store.deployments.save({ ...record([]), useCaseId: 'no-such-case' }, 0)).rejects.toThrow();
      await expect(store.deployments.insertApproval({ id: newId('apr'), useCaseId: 'mill-a', modelVersionId: 'mv_none', status: 'pending', reason: 'x', requestedAt: T0, requestedBy: user.id, decidedAt: null, decidedBy: null, decisionReason: null })).rejects.toThrow();
    });
  });
}
