// A use case's deployment: read it, set its variants and mirrors, promote (with a second engineer when required), approve, roll back.
import { CanaryPlan, ShopfloorError, type Deployment, type DeploymentEvents, type PromoteResponse, type User } from '@shopfloor/contracts';
import type { z } from 'zod';
import type { SetDeploymentRequest } from '@shopfloor/contracts';
import { requireRole } from '../../access/index.js';
import type { Clock } from '../../clock.js';
import type { RolloutConfig } from '../../config.js';
import { ALIAS_ROLE, championId, pointAlias, resolveModelRef } from '../../registry/index.js';
import { newId, type ApprovalRecord, type DeploymentRecord, type ModelVersionRecord, type Repositories, type Store, type StoredVariant } from '../../store/index.js';
import { checkMirrorUrl } from './mirror-queue.js';
import { toApproval, toDeployment, toEvent, versionLookup } from './deployment-view.js';

export interface DeploymentDeps {
  store: Store;
  clock: Clock;
  rollout: RolloutConfig;
}

type SetRequest = z.output<typeof SetDeploymentRequest>;
type Saved = Omit<DeploymentRecord, 'revision'>;

const EPSILON = 1e-9;

function invalid(message: string, field: string, extra: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('DEPLOYMENT_INVALID', message, { field, ...extra });
}

/** The deployment as it stands: champion from the registry's alias, variants and mirrors from the record (empty before the first change). */
export async function readDeployment(repos: Repositories, useCaseId: string, rollout: RolloutConfig, disabled: (id: string) => string | null = () => null): Promise<Deployment> {
  const [champion, record, versionOf] = await Promise.all([championId(repos, useCaseId), repos.deployments.get(useCaseId), versionLookup(repos, useCaseId)]);
  return toDeployment(useCaseId, champion, record, versionOf, rollout, disabled);
}

async function save(tx: Repositories, next: Saved, previousRevision: number): Promise<void> {
  if (!(await tx.deployments.save(next, previousRevision))) {
    throw new ShopfloorError('DEPLOYMENT_CONFLICT', `The deployment of "${next.useCaseId}" changed meanwhile: read it again and retry`, { useCaseId: next.useCaseId });
  }
}

async function record(tx: Repositories, at: string, by: string, useCaseId: string, action: string, model: ModelVersionRecord | null, details: Record<string, unknown>, reason: string): Promise<void> {
  await tx.deployments.appendEvent({ id: newId('dev'), useCaseId, action, modelVersionId: model?.id ?? null, details: { ...details, ...(model === null ? {} : { version: model.version }) }, reason, at, by });
  await tx.audit.append({ id: newId('aud'), at, userId: by, action: `deployment.${action}`, subject: `use-case:${useCaseId}`, details: { ...details, modelVersionId: model?.id ?? null, reason } });
}

/** Checks and builds the variants of a PUT: refs resolved, one canary at most, shares within 1, canary progress kept when unchanged. */
async function buildVariants(tx: Repositories, useCaseId: string, champion: string, req: SetRequest, current: DeploymentRecord | null, at: string, actor: User): Promise<StoredVariant[]> {
  const seen = new Set<string>();
  const variants: StoredVariant[] = [];
  for (const [i, v] of req.variants.entries()) {
    const field = `variants[${i}]`;
    const target = await resolveModelRef(tx, useCaseId, v.model, `${field}.model`);
    if (target.id === champion) throw invalid(`v${target.version} is the champion already; a variant must be another version`, `${field}.model`);
    if (seen.has(target.id)) throw invalid(`v${target.version} is listed twice`, `${field}.model`);
    seen.add(target.id);
    if (v.mode === 'shadow') {
      variants.push({ modelVersionId: target.id, mode: 'shadow', share: null });
    } else if (v.mode === 'split') {
      if (v.share === undefined || v.share <= 0) throw invalid('a split variant needs a share above 0 (e.g. 0.2 for 20% of the entities)', `${field}.share`);
      variants.push({ modelVersionId: target.id, mode: 'split', share: v.share });
    } else {
      if (variants.some((x) => x.mode === 'canary') || req.variants.slice(0, i).some((x) => x.mode === 'canary')) throw invalid('only one canary at a time', `${field}.mode`);
      const before = current?.variants.find((x) => x.modelVersionId === target.id && x.mode === 'canary');
      if (before?.canary !== undefined && v.canary === undefined) {
        variants.push(before);
        continue;
      }
      const plan = CanaryPlan.parse(v.canary ?? {});
      if (plan.steps.some((s, k) => k > 0 && s < plan.steps[k - 1]!)) throw invalid('canary steps must rise', `${field}.canary.steps`, { steps: plan.steps });
      variants.push({ modelVersionId: target.id, mode: 'canary', share: plan.steps[0]!, canary: { ...plan, step: 0, stepStartedAt: at, startedBy: actor.id, note: 'started' } });
    }
  }
  const total = variants.reduce((sum, v) => sum + (v.share ?? 0), 0);
  if (total > 1 + EPSILON) throw invalid(`split and canary shares add up to ${total.toFixed(3)}; at most 1 (the champion answers the rest)`, 'variants', { total });
  return variants;
}

/** Replaces the variants and mirrors (engineers; audited with the reason). */
export async function setDeployment(deps: DeploymentDeps, actor: User, useCaseId: string, req: SetRequest): Promise<Deployment> {
  requireRole(actor, ALIAS_ROLE);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const champion = await championId(tx, useCaseId);
    const current = await tx.deployments.get(useCaseId);
    const variants = await buildVariants(tx, useCaseId, champion, req, current, at, actor);
    const mirrors = (req.mirrors ?? current?.mirrors ?? []).map((m, i) => {
      checkMirrorUrl(m.url, deps.rollout.mirrorAllow, `mirrors[${i}].url`);
      return { url: m.url, share: m.share };
    });
    const approvalRequired = req.approvalRequired ?? current?.approvalRequired ?? false;
    await save(tx, { useCaseId, variants, mirrors, approvalRequired, updatedAt: at, updatedBy: actor.id }, current?.revision ?? 0);
    const versionOf = await versionLookup(tx, useCaseId);
    const summary = variants.map((v) => ({ modelVersionId: v.modelVersionId, version: versionOf(v.modelVersionId), mode: v.mode, share: v.share }));
    await record(tx, at, actor.id, useCaseId, 'set', null, { variants: summary, mirrors, approvalRequired }, req.reason);
    return readDeployment(tx, useCaseId, deps.rollout);
  });
}

/** Closes every pending approval of the use case: the champion changed, so what they asked for is moot. */
async function supersedePending(tx: Repositories, useCaseId: string, at: string, by: string, why: string): Promise<void> {
  for (const a of await tx.deployments.pendingApprovals(useCaseId)) await tx.deployments.decideApproval(a.id, { status: 'superseded', at, by, reason: why });
}

/** Moves the champion alias to `target` and takes it out of the variants, inside `tx`. */
async function moveChampion(tx: Repositories, at: string, actor: User, target: ModelVersionRecord, reason: string, action: string, details: Record<string, unknown>): Promise<void> {
  const useCaseId = target.useCaseId;
  const previous = await championId(tx, useCaseId);
  await pointAlias(tx, at, actor, 'champion', target, reason);
  const current = await tx.deployments.get(useCaseId);
  if (current !== null) {
    const variants = current.variants.filter((v) => v.modelVersionId !== target.id);
    await save(tx, { ...current, variants, updatedAt: at, updatedBy: actor.id }, current.revision);
  }
  await supersedePending(tx, useCaseId, at, actor.id, `the champion moved to v${target.version}`);
  await record(tx, at, actor.id, useCaseId, action, target, { ...details, previousChampion: previous }, reason);
}

function approvalNeeded(rollout: RolloutConfig, current: DeploymentRecord | null): boolean {
  return rollout.promotionApproval || current?.approvalRequired === true;
}

/**
 * Makes `model` the champion, or (when this use case or the server requires a second engineer) files
 * a pending approval instead; a newer request supersedes older pending ones.
 */
export async function promote(deps: DeploymentDeps, actor: User, useCaseId: string, req: { model: string; reason: string }): Promise<PromoteResponse> {
  requireRole(actor, ALIAS_ROLE);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const target = await resolveModelRef(tx, useCaseId, req.model, 'model');
    if (target.id === (await championId(tx, useCaseId))) throw invalid(`v${target.version} is the champion already`, 'model');
    const current = await tx.deployments.get(useCaseId);
    if (!approvalNeeded(deps.rollout, current)) {
      await moveChampion(tx, at, actor, target, req.reason, 'promote', {});
      return { promoted: true, deployment: await readDeployment(tx, useCaseId, deps.rollout), approval: null };
    }
    await supersedePending(tx, useCaseId, at, actor.id, `a newer promotion request (v${target.version})`);
    const approval: ApprovalRecord = { id: newId('apr'), useCaseId, modelVersionId: target.id, status: 'pending', reason: req.reason, requestedAt: at, requestedBy: actor.id, decidedAt: null, decidedBy: null, decisionReason: null };
    await tx.deployments.insertApproval(approval);
    await record(tx, at, actor.id, useCaseId, 'promotion-requested', target, { approvalId: approval.id }, req.reason);
    return { promoted: false, deployment: await readDeployment(tx, useCaseId, deps.rollout), approval: toApproval(approval, await versionLookup(tx, useCaseId)) };
  });
}

/** A second engineer (never the requester) approves a pending promotion: the champion moves now. */
export async function approve(deps: DeploymentDeps, actor: User, useCaseId: string, approvalId: string, req: { reason: string }): Promise<PromoteResponse> {
  requireRole(actor, ALIAS_ROLE);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const approval = await tx.deployments.getApproval(useCaseId, approvalId);
    if (approval === null) throw new ShopfloorError('DEPLOYMENT_APPROVAL_NOT_FOUND', `Use case "${useCaseId}" has no promotion approval "${approvalId}"`, { useCaseId, approvalId });
    const closed = () => new ShopfloorError('DEPLOYMENT_APPROVAL_CLOSED', `Approval "${approvalId}" is ${approval.status === 'pending' ? 'decided already' : approval.status}`, { approvalId, status: approval.status });
    if (approval.status !== 'pending') throw closed();
    if (approval.requestedBy === actor.id) {
      throw new ShopfloorError('DEPLOYMENT_APPROVAL_SELF', `${actor.name} asked for this promotion, so another engineer must approve it`, { approvalId, user: actor.name });
    }
    if (!(await tx.deployments.decideApproval(approval.id, { status: 'approved', at, by: actor.id, reason: req.reason }))) throw closed();
    const target = await resolveModelRef(tx, useCaseId, approval.modelVersionId, 'approval');
    const reason = `${approval.reason} (approved${req.reason === '' ? '' : `: ${req.reason}`})`;
    await moveChampion(tx, at, actor, target, reason, 'approve', { approvalId, requestedBy: approval.requestedBy });
    const decided = (await tx.deployments.getApproval(useCaseId, approvalId))!;
    return { promoted: true, deployment: await readDeployment(tx, useCaseId, deps.rollout), approval: toApproval(decided, await versionLookup(tx, useCaseId)) };
  });
}

/**
 * Rolls back what answers the line: split and canary variants are removed first (shadows stay, they
 * answer nobody); with none standing, the champion goes back to the version it replaced. Going back
 * never needs a second engineer: it restores a version that ran before.
 */
export async function rollback(deps: DeploymentDeps, actor: User, useCaseId: string, req: { reason: string }): Promise<Deployment> {
  requireRole(actor, ALIAS_ROLE);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const current = await tx.deployments.get(useCaseId);
    const live = current?.variants.filter((v) => v.mode !== 'shadow') ?? [];
    if (current !== null && live.length > 0) {
      await save(tx, { ...current, variants: current.variants.filter((v) => v.mode === 'shadow'), updatedAt: at, updatedBy: actor.id }, current.revision);
      await record(tx, at, actor.id, useCaseId, 'rollback', null, { removed: live.map((v) => ({ modelVersionId: v.modelVersionId, mode: v.mode, share: v.share })) }, req.reason);
    } else {
      const champion = await championId(tx, useCaseId);
      const previous = await previousChampion(tx, useCaseId, champion);
      if (previous === null) {
        throw new ShopfloorError('DEPLOYMENT_NOTHING_TO_ROLL_BACK', `Use case "${useCaseId}" has no split or canary variant and its champion replaced no earlier version`, { useCaseId });
      }
      const target = await resolveModelRef(tx, useCaseId, previous, 'champion');
      await moveChampion(tx, at, actor, target, req.reason, 'rollback', { from: champion });
    }
    return readDeployment(tx, useCaseId, deps.rollout);
  });
}

const PROMOTIONS = new Set(['promote', 'approve', 'canary-promote']);

/**
 * The version the champion replaced: from its newest promotion here, else from the alias history (a
 * champion moved in the registry). A champion that came back by a rollback has nothing older to go
 * back to, so rolling back twice never swings between two versions.
 */
async function previousChampion(tx: Repositories, useCaseId: string, champion: string): Promise<string | null> {
  const events = await tx.deployments.events(useCaseId, 500);
  const promotion = events.find((e) => PROMOTIONS.has(e.action) && e.modelVersionId === champion);
  const restored = events.find((e) => e.action === 'rollback' && e.modelVersionId === champion);
  if (promotion !== undefined && (restored === undefined || promotion.seq > restored.seq)) return (promotion.details['previousChampion'] as string | undefined) ?? null;
  if (restored !== undefined) return null;
  const moves = await tx.aliasEvents.listForUseCase(useCaseId, 'champion');
  return moves.find((e) => e.modelVersionId === champion)?.previousModelVersionId ?? null;
}

/** Every change, newest first, with the approvals still waiting. */
export async function deploymentEvents(repos: Repositories, useCaseId: string): Promise<DeploymentEvents> {
  const [events, pending, versionOf] = await Promise.all([repos.deployments.events(useCaseId), repos.deployments.pendingApprovals(useCaseId), versionLookup(repos, useCaseId)]);
  return { useCaseId, events: events.map((e) => toEvent(e, versionOf)), pendingApprovals: pending.map((a) => toApproval(a, versionOf)) };
}

export { save as saveDeployment, record as recordDeploymentEvent, moveChampion, approvalNeeded, supersedePending };
