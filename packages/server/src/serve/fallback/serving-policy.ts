// A use case's serving policy: read (defaults when never set), changed by engineers (kept in its history, audited), cached for serving.
import { DEFAULT_SERVING_POLICY, ShopfloorError, type ServingPolicyEvent, type ServingPolicyFields, type ServingPolicyState, type SetServingPolicyRequest, type User } from '@shopfloor/contracts';
import { requireRole } from '../../access/index.js';
import type { Clock } from '../../clock.js';
import { newId, type Repositories, type ServingPolicyRecord, type Store } from '../../store/index.js';
import { createTtlCache } from '../../ttl-cache.js';
import { loadUseCase } from '../../use-cases/index.js';

/** Who may change how the line is served: engineers (and admins). */
export const SERVING_POLICY_ROLE = 'engineer';

export interface ServingPolicyDeps {
  store: Store;
  clock: Clock;
}

function fields(r: Pick<ServingPolicyRecord, 'outOfRange' | 'lowConfidenceBand' | 'modelTimeoutMs'>): ServingPolicyFields {
  return { outOfRange: r.outOfRange, lowConfidenceBand: r.lowConfidenceBand, modelTimeoutMs: r.modelTimeoutMs };
}

function toEvent(r: ServingPolicyRecord): ServingPolicyEvent {
  return { seq: r.seq, ...fields(r), reason: r.reason, at: r.at, by: r.by };
}

/** The policy in force (the newest entry, or the defaults) and every entry, newest first; USE_CASE_NOT_FOUND. */
export async function servingPolicyState(repos: Repositories, useCaseId: string): Promise<ServingPolicyState> {
  await loadUseCase(repos, useCaseId);
  const history = (await repos.servingPolicies.history(useCaseId)).map(toEvent);
  const newest = history[0];
  return { useCaseId, policy: newest === undefined ? { ...DEFAULT_SERVING_POLICY } : fields(newest), isDefault: newest === undefined, history };
}

/**
 * Appends the policy with an audit entry in one transaction; the policy in force sent again changes
 * nothing. SERVING_POLICY_INVALID (field lowConfidenceBand) when a band is set on a use case that is not
 * binary: the band is defined around a binary decision threshold.
 */
export async function setServingPolicy(deps: ServingPolicyDeps, actor: User, useCaseId: string, request: SetServingPolicyRequest): Promise<ServingPolicyState> {
  requireRole(actor, SERVING_POLICY_ROLE);
  const stored = await loadUseCase(deps.store, useCaseId);
  if (request.lowConfidenceBand !== null && stored.useCase.costs.kind !== 'binary') {
    throw new ShopfloorError('SERVING_POLICY_INVALID', `Use case "${useCaseId}" is ${stored.useCase.costs.kind}: a low-confidence band applies to binary use cases only; send null`, {
      field: 'lowConfidenceBand',
      task: stored.useCase.costs.kind,
    });
  }
  const wanted = fields(request);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const latest = await tx.servingPolicies.latest(useCaseId);
    if (latest !== null && JSON.stringify(fields(latest)) === JSON.stringify(wanted)) return;
    const entry = await tx.servingPolicies.append({ id: newId('svp'), useCaseId, ...wanted, reason: request.reason, at, by: actor.id });
    await tx.audit.append({ id: newId('aud'), at, userId: actor.id, action: 'serving-policy.set', subject: `use-case:${useCaseId}`, details: { seq: entry.seq, ...wanted, previous: latest === null ? null : fields(latest), reason: request.reason } });
  });
  return servingPolicyState(deps.store, useCaseId);
}

export interface ServingPolicies {
  /** The policy in force for serving: read at most once per `ttlMs` per use case (one indexed query). */
  get(useCaseId: string): Promise<ServingPolicyFields>;
  /** Drops the cached policy (this process changed it: the next request reads it again). */
  forget(useCaseId: string): void;
}

/** How long a read policy serves requests before it is read again (a change made by another process). */
export const POLICY_TTL_MS = 1000;

export function createServingPolicies(repos: Repositories, now: () => number = () => performance.now(), ttlMs = POLICY_TTL_MS): ServingPolicies {
  return createTtlCache((useCaseId) => repos.servingPolicies.latest(useCaseId).then((r) => (r === null ? { ...DEFAULT_SERVING_POLICY } : fields(r))), ttlMs, now);
}
