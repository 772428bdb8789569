// Stored deployment rows as the API shows them: model ids with their version numbers, the effective approval setting.
import { DEPLOYMENT_ACTIONS, type Deployment, type DeploymentApproval, type DeploymentEvent } from '@shopfloor/contracts';
import type { RolloutConfig } from '../../config.js';
import type { ApprovalRecord, DeploymentEventRecord, DeploymentRecord, Repositories } from '../../store/index.js';

export type VersionOf = (modelVersionId: string) => number;

/** Version numbers of the use case's versions by id (0 for an id it does not know, which the store's keys rule out). */
export async function versionLookup(repos: Repositories, useCaseId: string): Promise<VersionOf> {
  const numbers = new Map((await repos.modelVersions.listForUseCase(useCaseId)).map((r) => [r.id, r.version]));
  return (id) => numbers.get(id) ?? 0;
}

export function toDeployment(
  useCaseId: string,
  championId: string,
  record: DeploymentRecord | null,
  versionOf: VersionOf,
  rollout: RolloutConfig,
  disabled: (id: string) => string | null,
): Deployment {
  return {
    useCaseId,
    champion: { id: championId, version: versionOf(championId) },
    variants: (record?.variants ?? []).map((v) => ({
      model: { id: v.modelVersionId, version: versionOf(v.modelVersionId) },
      mode: v.mode,
      share: v.share,
      ...(v.canary === undefined ? {} : { canary: v.canary }),
      ...(v.mode === 'shadow' ? { disabled: disabled(v.modelVersionId) } : {}),
    })),
    mirrors: record?.mirrors ?? [],
    approvalRequired: rollout.promotionApproval || record?.approvalRequired === true,
    updatedAt: record?.updatedAt ?? null,
    updatedBy: record?.updatedBy ?? null,
  };
}

export function toEvent(e: DeploymentEventRecord, versionOf: VersionOf): DeploymentEvent {
  const action = DEPLOYMENT_ACTIONS.find((a) => a === e.action) ?? 'set';
  return { id: e.id, useCaseId: e.useCaseId, seq: e.seq, action, model: e.modelVersionId === null ? null : { id: e.modelVersionId, version: versionOf(e.modelVersionId) }, details: e.details, reason: e.reason, at: e.at, by: e.by };
}

export function toApproval(a: ApprovalRecord, versionOf: VersionOf): DeploymentApproval {
  return {
    id: a.id,
    useCaseId: a.useCaseId,
    model: { id: a.modelVersionId, version: versionOf(a.modelVersionId) },
    status: a.status,
    reason: a.reason,
    requestedAt: a.requestedAt,
    requestedBy: a.requestedBy,
    decidedAt: a.decidedAt,
    decidedBy: a.decidedBy,
    decisionReason: a.decisionReason,
  };
}
