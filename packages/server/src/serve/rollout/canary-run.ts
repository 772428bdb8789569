// One pass of the canary controller over a use case: window from serving's tally, gate from the evaluation stage, the action stored and audited.
import type { CanaryState } from '@shopfloor/contracts';
import { ShopfloorError } from '@shopfloor/contracts';
import { newId, type ApprovalRecord, type DeploymentRecord, type Repositories, type StoredVariant } from '../../store/index.js';
import { decideCanary, type CanaryAction, type CanaryWindow } from './canary-controller.js';
import { approvalNeeded, moveChampion, recordDeploymentEvent, saveDeployment, type DeploymentDeps } from './deployment.js';
import { loadUseCase } from '../../use-cases/index.js';
import { labelled } from './verdict.js';
import { verdictRows } from './verdict-rows.js';
import type { WindowTally } from './window-tally.js';

export interface CanaryRun {
  useCaseId: string;
  modelVersionId: string;
  step: number;
  window: CanaryWindow;
  gatePassed: boolean;
  action: CanaryAction;
}

/** Whether the evaluation stage's gate passed this version at least once. */
async function gatePassed(repos: Repositories, useCaseId: string, modelVersionId: string): Promise<boolean> {
  return (await repos.gateRecords.list(useCaseId, { candidateId: modelVersionId, limit: 100 })).some((g) => g.passed);
}

function withCanary(record: DeploymentRecord, id: string, canary: CanaryState | null, share?: number): StoredVariant[] {
  return record.variants.flatMap((v) => {
    if (v.modelVersionId !== id || v.mode !== 'canary') return [v];
    return canary === null ? [] : [{ ...v, canary, share: share ?? v.share }];
  });
}

/** Applies the action inside `tx`; the record's revision guards against a change made meanwhile (that change wins, this pass does nothing). */
async function apply(deps: DeploymentDeps, tx: Repositories, record: DeploymentRecord, variant: StoredVariant, run: CanaryRun, at: string): Promise<void> {
  const canary = variant.canary!;
  const { action } = run;
  const by = canary.startedBy;
  const target = await tx.modelVersions.get(variant.modelVersionId);
  if (target === null) return;
  const details = { step: canary.step, share: variant.share, window: run.window, automatic: true };
  const update = async (variants: StoredVariant[]) => saveDeployment(tx, { ...record, variants, updatedAt: at, updatedBy: by }, record.revision);
  switch (action.kind) {
    case 'wait':
      return;
    case 'hold':
      if (canary.note === action.note) return;
      await update(withCanary(record, variant.modelVersionId, { ...canary, note: action.note }));
      return recordDeploymentEvent(tx, at, by, run.useCaseId, 'canary-hold', target, details, action.note);
    case 'advance': {
      const others = record.variants.filter((v) => v.mode === 'split').reduce((s, v) => s + (v.share ?? 0), 0);
      const share = Math.min(action.share, 1 - others);
      await update(withCanary(record, variant.modelVersionId, { ...canary, step: action.step, stepStartedAt: at, note: action.note }, share));
      return recordDeploymentEvent(tx, at, by, run.useCaseId, 'canary-step', target, { ...details, toStep: action.step, toShare: share }, action.note);
    }
    case 'rollback':
      await update(withCanary(record, variant.modelVersionId, null));
      return recordDeploymentEvent(tx, at, by, run.useCaseId, 'canary-rollback', target, { ...details, failed: action.failed }, action.note);
    case 'promote': {
      const actor = await tx.users.get(by);
      if (actor === null) throw new ShopfloorError('USER_NOT_FOUND', `The engineer who started the canary (${by}) no longer exists`, { userId: by });
      if (!approvalNeeded(deps.rollout, record)) return moveChampion(tx, at, actor, target, action.note, 'canary-promote', details);
      // A second engineer must approve: the canary asks once (in the name of who started it) and holds.
      if ((await tx.deployments.pendingApprovals(run.useCaseId)).some((a) => a.modelVersionId === target.id)) return;
      const approval: ApprovalRecord = { id: newId('apr'), useCaseId: run.useCaseId, modelVersionId: target.id, status: 'pending', reason: action.note, requestedAt: at, requestedBy: by, decidedAt: null, decidedBy: null, decisionReason: null };
      await tx.deployments.insertApproval(approval);
      const note = `${action.note.replace(': promoted to champion', '')}; waiting for a second engineer (approval ${approval.id})`;
      await update(withCanary(record, variant.modelVersionId, { ...canary, note }));
      return recordDeploymentEvent(tx, at, by, run.useCaseId, 'promotion-requested', target, { ...details, approvalId: approval.id }, note);
    }
  }
}

/**
 * The metric rule reads the prediction log: the canary's rows of this step with a recorded outcome, its
 * decisions against the champion's (scored as a shadow) on the same rows.
 */
async function withLabels(deps: DeploymentDeps, useCaseId: string, canaryId: string, window: CanaryWindow, from: string, now: Date): Promise<CanaryWindow> {
  const { useCase } = await loadUseCase(deps.store, useCaseId);
  const champion = (await deps.store.modelAliases.get(useCaseId, 'champion'))?.modelVersionId;
  if (champion === undefined) return window;
  const rows = (await verdictRows(deps.store, useCaseId, champion, canaryId, from, new Date(now.getTime() + 1).toISOString())).filter((r) => r.candidate !== null && r.champion !== null);
  const l = labelled({ costs: useCase.costs, classes: useCase.classes, rows });
  if (l === null || l.champion === null || l.candidate === null) return window;
  return { ...window, labelled: l.n, metric: { name: l.metric, champion: l.champion, challenger: l.candidate } };
}

/** Judges the use case's canary (if any) now and applies what the controller decides; null without a canary. */
export async function runCanary(deps: DeploymentDeps, tally: WindowTally, useCaseId: string): Promise<CanaryRun | null> {
  const record = await deps.store.deployments.get(useCaseId);
  const variant = record?.variants.find((v) => v.mode === 'canary' && v.canary !== undefined);
  if (record === null || record === undefined || variant === undefined) return null;
  const now = deps.clock.now();
  const canary = variant.canary!;
  const window = await withLabels(deps, useCaseId, variant.modelVersionId, tally.window(useCaseId, variant.modelVersionId, Date.parse(canary.stepStartedAt), now.getTime() + 1), canary.stepStartedAt, now);
  const gate = await gatePassed(deps.store, useCaseId, variant.modelVersionId);
  const run: CanaryRun = { useCaseId, modelVersionId: variant.modelVersionId, step: canary.step, window, gatePassed: gate, action: decideCanary(canary, window, now, gate) };
  const at = now.toISOString();
  await deps.store.transaction((tx) => apply(deps, tx, record, variant, run, at));
  return run;
}
