// Deployments of a use case: the champion plus shadow, split and canary variants and mirrors; promotion, approvals, rollback, verdicts.
import { z } from 'zod';
import { ModelRef } from './registry.js';

export const DEPLOYMENT_MODES = ['shadow', 'split', 'canary'] as const;
export const DeploymentMode = z.enum(DEPLOYMENT_MODES);
export type DeploymentMode = z.infer<typeof DeploymentMode>;

export const DeployedModel = z.object({ id: z.string().describe('Model version id (mv_...)'), version: z.number().int() });
export type DeployedModel = z.infer<typeof DeployedModel>;

/** How a canary grows and when it is stopped: every rule is checked over the window of the current step. */
export const CanaryPlan = z.object({
  steps: z
    .array(z.number().gt(0).max(1))
    .min(1)
    .max(10)
    .default([0.05, 0.25, 0.5, 1])
    .describe('Traffic shares of the challenger, rising; the last one must pass before promotion'),
  windowMinutes: z.number().int().min(1).max(10_080).default(60).describe('How long each step runs before it is judged'),
  minRequests: z.number().int().min(1).max(1_000_000).default(200).describe('Rows the challenger must answer in a step before it is judged'),
  maxErrorRate: z.number().min(0).max(1).default(0.01).describe('Share of challenger rows that failed (the champion answered instead)'),
  maxLatencyP99Ms: z.number().positive().max(60_000).default(50),
  maxDisagreement: z.number().min(0).max(1).default(0.1).describe('Share of rows where the challenger decided otherwise than the champion'),
  maxMetricDrop: z.number().min(0).max(1).default(0.02).describe('Once labels arrive: the most the metric may fall below the champion on the same rows'),
  minLabelled: z.number().int().min(1).default(50).describe('Labelled rows needed before the metric rule applies'),
});
export type CanaryPlan = z.infer<typeof CanaryPlan>;

export const CanaryState = CanaryPlan.extend({
  step: z.number().int().min(0).describe('Index into steps'),
  stepStartedAt: z.string(),
  startedBy: z.string().describe('User id of the engineer who started the canary (automatic steps act for them)'),
  note: z.string().describe('What the controller last decided, in words'),
});
export type CanaryState = z.infer<typeof CanaryState>;

export const DeploymentVariant = z.object({
  model: DeployedModel,
  mode: DeploymentMode,
  share: z.number().min(0).max(1).nullable().describe('Split and canary: the share of entities it answers; null for a shadow (sees every request)'),
  canary: CanaryState.optional(),
  disabled: z.string().nullable().optional().describe('Set when this server disabled the shadow (too slow per call); it stays deployed'),
});
export type DeploymentVariant = z.infer<typeof DeploymentVariant>;

export const MirrorTarget = z.object({
  url: z.string().url().describe("Another Shopfloor instance's predict endpoint; must be in SHOPFLOOR_MIRROR_ALLOW"),
  share: z.number().gt(0).max(1).default(1).describe('Share of requests copied'),
});
export type MirrorTarget = z.infer<typeof MirrorTarget>;

export const Deployment = z.object({
  useCaseId: z.string(),
  champion: DeployedModel,
  variants: z.array(DeploymentVariant),
  mirrors: z.array(z.object({ url: z.string(), share: z.number() })),
  approvalRequired: z.boolean().describe('Whether promotion to champion needs a second engineer (this use case or the server config)'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('User id; null before the first change'),
});
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentVariantRequest = z.object({
  model: ModelRef,
  mode: DeploymentMode,
  share: z.number().min(0).max(1).optional().describe('Required for split; ignored for shadow; canary starts at its first step'),
  canary: CanaryPlan.partial().optional(),
});

export const SetDeploymentRequest = z.object({
  variants: z.array(DeploymentVariantRequest).max(10),
  mirrors: z.array(MirrorTarget).max(5).optional(),
  approvalRequired: z.boolean().optional().describe('This use case needs a second engineer to promote (the server config may require it for all)'),
  reason: z.string().trim().min(1).max(2000),
});
export type SetDeploymentRequest = z.input<typeof SetDeploymentRequest>;

export const PromoteRequest = z.object({ model: ModelRef, reason: z.string().trim().min(1).max(2000) });
export type PromoteRequest = z.input<typeof PromoteRequest>;
export const ApproveRequest = z.object({ reason: z.string().trim().max(2000).default('') });
export type ApproveRequest = z.input<typeof ApproveRequest>;
export const RollbackRequest = z.object({ reason: z.string().trim().min(1).max(2000) });
export type RollbackRequest = z.input<typeof RollbackRequest>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'superseded'] as const;
export const DeploymentApproval = z.object({
  id: z.string(),
  useCaseId: z.string(),
  model: DeployedModel,
  status: z.enum(APPROVAL_STATUSES),
  reason: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type DeploymentApproval = z.infer<typeof DeploymentApproval>;

export const PromoteResponse = z.object({
  promoted: z.boolean().describe('False when a second engineer must approve first (HTTP 202)'),
  deployment: Deployment,
  approval: DeploymentApproval.nullable(),
});
export type PromoteResponse = z.infer<typeof PromoteResponse>;

export const DEPLOYMENT_ACTIONS = ['set', 'promote', 'promotion-requested', 'approve', 'rollback', 'canary-step', 'canary-rollback', 'canary-promote', 'canary-hold'] as const;
export const DeploymentEvent = z.object({
  id: z.string(),
  useCaseId: z.string(),
  seq: z.number().int(),
  action: z.enum(DEPLOYMENT_ACTIONS),
  model: DeployedModel.nullable(),
  details: z.record(z.string(), z.unknown()),
  reason: z.string(),
  at: z.string(),
  by: z.string().describe('User id'),
});
export type DeploymentEvent = z.infer<typeof DeploymentEvent>;

export const DeploymentEvents = z.object({ useCaseId: z.string(), events: z.array(DeploymentEvent).describe('Newest first'), pendingApprovals: z.array(DeploymentApproval) });
export type DeploymentEvents = z.infer<typeof DeploymentEvents>;

const IsoInstant = z.iso.datetime({ offset: true });
export const DeploymentVerdictQuery = z.object({
  model: ModelRef.describe('The shadow or challenger to judge'),
  from: IsoInstant.optional().describe('Default: 24 hours before `to`'),
  to: IsoInstant.optional().describe('Default: now'),
});
export type DeploymentVerdictQuery = z.input<typeof DeploymentVerdictQuery>;

const Latency = z.object({ n: z.number().int(), p50Ms: z.number().nullable(), p99Ms: z.number().nullable() });
const FlipExample = z.object({ predictionId: z.string(), entity: z.string().nullable(), at: z.string(), champion: z.string(), candidate: z.string() });
const Labelled = z.object({
  n: z.number().int(),
  metric: z.string(),
  champion: z.number().nullable(),
  candidate: z.number().nullable(),
  championCost: z.number().describe('Realised cost of the champion decisions on the labelled rows'),
  candidateCost: z.number(),
  currency: z.string(),
});

export const DeploymentVerdict = z.object({
  useCaseId: z.string(),
  model: DeployedModel,
  champion: DeployedModel,
  from: z.string(),
  to: z.string(),
  compared: z.number().int().describe('Rows both the champion and the candidate scored'),
  candidateErrors: z.number().int(),
  agreement: z.number().nullable().describe('Share of compared rows with the same decision'),
  flips: z.object({
    toAct: z.number().int().describe('The champion did not act, the candidate would have'),
    toHold: z.number().int().describe('The champion acted, the candidate would not have'),
    examples: z.array(FlipExample),
  }),
  latency: z.object({ champion: Latency, candidate: Latency }),
  labelled: Labelled.nullable().describe('Null until outcomes are recorded on the compared rows'),
  recommendation: z.enum(['promote', 'keep', 'roll-back']),
  evidence: z.array(z.string()),
});
export type DeploymentVerdict = z.infer<typeof DeploymentVerdict>;

export const RolloutStats = z.object({
  shadow: z.object({ queued: z.number().int(), ran: z.number().int(), dropped: z.number().int(), skipped: z.number().int(), failed: z.number().int(), disabled: z.array(z.string()) }),
  mirror: z.object({ queued: z.number().int(), inFlight: z.number().int(), sent: z.number().int(), failed: z.number().int(), dropped: z.number().int(), refused: z.number().int() }),
});
export type RolloutStats = z.infer<typeof RolloutStats>;

export const CanaryRunResponse = z.object({
  run: z
    .object({
      useCaseId: z.string(),
      modelVersionId: z.string(),
      step: z.number().int(),
      window: z.object({
        requests: z.number().int(),
        errors: z.number().int(),
        latencyP99Ms: z.number().nullable(),
        compared: z.number().int(),
        disagreements: z.number().int(),
        labelled: z.number().int(),
        metric: z.object({ name: z.string(), champion: z.number(), challenger: z.number() }).nullable(),
      }),
      gatePassed: z.boolean(),
      action: z.object({ kind: z.enum(['wait', 'advance', 'rollback', 'promote', 'hold']), note: z.string() }).passthrough(),
    })
    .nullable()
    .describe('Null when the use case has no canary'),
});
export type CanaryRunResponse = z.infer<typeof CanaryRunResponse>;
