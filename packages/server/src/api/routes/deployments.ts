// Deployment routes: the record (champion, variants, mirrors), promotion with approvals, rollback, events, verdicts, canary runs, rollout counters.
import { z } from 'zod';
import { Gauge, type Registry } from 'prom-client';
import {
  ApproveRequest,
  CanaryRunResponse,
  Deployment,
  DeploymentEvents,
  DeploymentVerdict,
  DeploymentVerdictQuery,
  ErrorResponse,
  PromoteRequest,
  PromoteResponse,
  RollbackRequest,
  RolloutStats,
  SetDeploymentRequest,
} from '@shopfloor/contracts';
import { MIRROR_HEADER } from '../../serve/index.js';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const ApprovalParams = UseCaseParams.extend({ approvalId: z.string().min(1).max(100) });
const notFound = ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET');
const noChampion = ErrorResponse.describe('MODEL_NO_CHAMPION, DEPLOYMENT_CONFLICT or DEPLOYMENT_NOTHING_TO_ROLL_BACK');
const invalid = ErrorResponse.describe('DEPLOYMENT_INVALID or DEPLOYMENT_MIRROR_NOT_ALLOWED; details name the field');
const BASE = '/api/v1/use-cases/:id/deployment';

/** Rollout counters as Prometheus gauges, read from the runtime when scraped. */
function installRolloutMetrics(registry: Registry, shopfloor: Shopfloor): void {
  new Gauge({
    name: 'shopfloor_rollout_mirror_requests',
    help: 'Mirrored predict requests since start, by outcome (sent, failed, dropped: queue full, refused: not allow-listed)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const m = shopfloor.deployments.stats().mirror;
      for (const outcome of ['sent', 'failed', 'dropped', 'refused'] as const) this.set({ outcome }, m[outcome]);
    },
  });
  new Gauge({
    name: 'shopfloor_rollout_mirror_queue',
    help: 'Mirrored requests waiting or in flight now',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const m = shopfloor.deployments.stats().mirror;
      this.set({ state: 'queued' }, m.queued);
      this.set({ state: 'in_flight' }, m.inFlight);
    },
  });
  new Gauge({
    name: 'shopfloor_rollout_shadow_calls',
    help: 'Shadow calls since start, by outcome (ran, failed, dropped: queue full, skipped: shadow disabled)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const s = shopfloor.deployments.stats().shadow;
      for (const outcome of ['ran', 'failed', 'dropped', 'skipped'] as const) this.set({ outcome }, s[outcome]);
    },
  });
  new Gauge({
    name: 'shopfloor_rollout_shadows_disabled',
    help: 'Shadows disabled for exceeding their time budget per call',
    registers: [registry],
    collect() {
      this.set(shopfloor.deployments.stats().shadow.disabled.length);
    },
  });
}

export async function deploymentRoutes(app: AppInstance, shopfloor: Shopfloor, metrics?: Registry): Promise<void> {
  const { deployments } = shopfloor;
  if (metrics !== undefined) installRolloutMetrics(metrics, shopfloor);
  // The canary controller runs while the app does: started when it is ready, stopped when it closes.
  let stopCanaries: (() => void) | undefined;
  app.addHook('onReady', async () => {
    stopCanaries = deployments.startCanaryTimer((err) => app.log.error({ err }, 'the canary controller failed'));
  });
  app.addHook('onClose', async () => stopCanaries?.());
  // A copy mirrored here by another instance is answered (and shadowed) but never mirrored on, so two
  // instances mirroring each other cannot loop.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers[MIRROR_HEADER] !== undefined) deployments.runtime.runAsMirrored(done);
    else done();
  });

  app.get(
    BASE,
    {
      schema: {
        description: 'The deployment of a use case: its champion, shadow, split and canary variants, mirrors, and whether promotion needs a second engineer.',
        params: UseCaseParams,
        response: { 200: Deployment, ...errorResponses, 404: notFound, 409: noChampion },
      },
      config: { access: 'viewer' },
    },
    async (request) => deployments.get(request.params.id),
  );

  app.put(
    BASE,
    {
      schema: {
        description: 'Replaces the variants (model: a version number, alias or id; mode shadow, split with a share, or canary with its steps and rules) and mirrors. Audited with the reason.',
        params: UseCaseParams,
        body: SetDeploymentRequest,
        response: { 200: Deployment, ...errorResponses, 404: notFound, 409: noChampion, 422: invalid },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const deployment = await deployments.set(request.requireUser(), request.params.id, request.body);
      request.audited = true; // the change wrote its event and audit entry in its own transaction
      return deployment;
    },
  );

  app.post(
    `${BASE}/promote`,
    {
      schema: {
        description: 'Makes a version the champion (200), or files a pending approval when this use case or the server requires a second engineer (202).',
        params: UseCaseParams,
        body: PromoteRequest,
        response: { 200: PromoteResponse, 202: PromoteResponse, ...errorResponses, 404: notFound, 409: noChampion, 422: invalid },
      },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const result = await deployments.promote(request.requireUser(), request.params.id, request.body);
      request.audited = true;
      return reply.code(result.promoted ? 200 : 202).send(result);
    },
  );

  app.post(
    `${BASE}/approvals/:approvalId/approve`,
    {
      schema: {
        description: 'A second engineer approves a pending promotion; the champion moves now. The requester cannot approve their own request.',
        params: ApprovalParams,
        body: ApproveRequest,
        response: {
          200: PromoteResponse,
          ...errorResponses,
          403: ErrorResponse.describe('AUTH_ROLE_TOO_WEAK or DEPLOYMENT_APPROVAL_SELF'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or DEPLOYMENT_APPROVAL_NOT_FOUND'),
          409: ErrorResponse.describe('DEPLOYMENT_APPROVAL_CLOSED or DEPLOYMENT_CONFLICT'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const result = await deployments.approve(request.requireUser(), request.params.id, request.params.approvalId, request.body);
      request.audited = true;
      return result;
    },
  );

  app.post(
    `${BASE}/rollback`,
    {
      schema: {
        description: 'Removes the split and canary variants (shadows stay); with none standing, moves the champion back to the version it replaced.',
        params: UseCaseParams,
        body: RollbackRequest,
        response: { 200: Deployment, ...errorResponses, 404: notFound, 409: noChampion },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const deployment = await deployments.rollback(request.requireUser(), request.params.id, request.body);
      request.audited = true;
      return deployment;
    },
  );

  app.get(
    `${BASE}/events`,
    {
      schema: {
        description: 'Every change of the deployment (who, when, why), newest first, and the promotions waiting for approval.',
        params: UseCaseParams,
        response: { 200: DeploymentEvents, ...errorResponses, 404: notFound },
      },
      config: { access: 'viewer' },
    },
    async (request) => deployments.events(request.params.id),
  );

  app.get(
    `${BASE}/verdict`,
    {
      schema: {
        description: 'Judges a shadow or challenger against the champion over a window of the prediction log: agreement, decision flips, latency, metric and realised cost once outcomes are recorded, and a recommendation with its evidence.',
        params: UseCaseParams,
        querystring: DeploymentVerdictQuery,
        response: { 200: DeploymentVerdict, ...errorResponses, 404: notFound, 409: ErrorResponse.describe('MODEL_NO_CHAMPION or DEPLOYMENT_NOT_DEPLOYED') },
      },
      config: { access: 'viewer' },
    },
    async (request) => deployments.verdict(request.params.id, request.query),
  );

  app.post(
    `${BASE}/canary/evaluate`,
    {
      schema: {
        description: 'Runs the canary controller now (it also runs every SHOPFLOOR_CANARY_INTERVAL_S seconds): waits, advances a step, rolls back, holds for a gate, or promotes.',
        params: UseCaseParams,
        response: { 200: CanaryRunResponse, ...errorResponses, 404: notFound, 409: noChampion },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const run = await deployments.evaluateCanary(request.params.id);
      request.audited = true; // a step, rollback or promotion wrote its own event and audit entry
      return { run };
    },
  );

  app.get(
    '/api/v1/rollout/stats',
    {
      schema: {
        description: "Shadow and mirror counters of this server since start: queued, run, failed, dropped (queue full), disabled shadows.",
        response: { 200: RolloutStats, ...errorResponses },
      },
      config: { access: 'viewer' },
    },
    async () => deployments.stats(),
  );
}
