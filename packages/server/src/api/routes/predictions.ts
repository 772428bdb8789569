// Prediction-log routes: query the log, read one prediction, give feedback (verdict, outcome, late outcome, override), flagged rows to an edge-case set.
import { Gauge, type Registry } from 'prom-client';
import { z } from 'zod';
import {
  AppendEvaluationSetResponse,
  EntityOutcomeRequest,
  EntityOutcomeResponse,
  ErrorResponse,
  FeedbackSetParams,
  FeedbackToSetRequest,
  ListPredictionsQuery,
  OutcomeRequest,
  OverrideRequest,
  PredictionDetail,
  PredictionFeedback,
  PredictionPage,
  VerdictRequest,
} from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const PredictionParams = z.object({ id: z.string().min(1).max(100) });
const notFound = ErrorResponse.describe('PREDICTION_NOT_FOUND');
const invalid = ErrorResponse.describe('FEEDBACK_INVALID; details name the field and the allowed values');

/** The writer's counts, read when scraped: rows committed or refused, shadow rows written or lost, transactions. */
function installLogMetrics(registry: Registry, shopfloor: Shopfloor): void {
  new Gauge({
    name: 'shopfloor_prediction_log_rows',
    help: 'Prediction log rows since start: committed, failed (their requests got PREDICTION_LOG_FAILED), shadow_written, shadow_dropped (queue full or batch refused)',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const s = shopfloor.predictions.log.stats();
      this.set({ outcome: 'committed' }, s.committed);
      this.set({ outcome: 'failed' }, s.failed);
      this.set({ outcome: 'shadow_written' }, s.shadowWritten);
      this.set({ outcome: 'shadow_dropped' }, s.shadowDropped);
    },
  });
  new Gauge({
    name: 'shopfloor_prediction_log_transactions',
    help: 'Group-commit transactions of the prediction log since start (rows committed / transactions = rows per commit)',
    registers: [registry],
    collect() {
      this.set(shopfloor.predictions.log.stats().transactions);
    },
  });
}

export async function predictionRoutes(app: AppInstance, shopfloor: Shopfloor, metrics?: Registry): Promise<void> {
  const { predictions } = shopfloor;
  if (metrics !== undefined) installLogMetrics(metrics, shopfloor);
  // Retention runs while the app does: started when it is ready, stopped when it closes (never at import).
  let stopRetention: (() => void) | undefined;
  app.addHook('onReady', async () => {
    stopRetention = predictions.startRetention((err, counts) => {
      if (err !== null) app.log.error({ err }, 'could not prune the prediction log');
      else if (counts !== null && counts.predictions > 0) app.log.info({ counts }, 'pruned the prediction log');
    });
  });
  app.addHook('onClose', async () => stopRetention?.());

  app.get(
    '/api/v1/use-cases/:id/predictions',
    {
      schema: {
        description: 'The prediction log of a use case, newest first, one page at a time (pass nextCursor as cursor for the next).',
        params: UseCaseParams,
        querystring: ListPredictionsQuery,
        response: { 200: PredictionPage, ...errorResponses, 400: ErrorResponse.describe('VALIDATION_FAILED or PREDICTION_CURSOR_INVALID'), 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => predictions.list(request.params.id, request.query),
  );

  app.get(
    '/api/v1/predictions/:id',
    {
      schema: {
        description: 'One logged prediction: its input, answer, version, path and latency, the answers of shadow and mirror variants, and its feedback.',
        params: PredictionParams,
        response: { 200: PredictionDetail, ...errorResponses, 404: notFound },
      },
      config: { access: 'viewer' },
    },
    async (request) => predictions.get(request.params.id),
  );

  const feedbackRoute = { params: PredictionParams, response: { 201: PredictionFeedback, ...errorResponses, 404: notFound, 422: invalid } };

  app.post(
    '/api/v1/predictions/:id/feedback',
    { schema: { description: 'Marks a prediction right or wrong. Wrong ones are offered to the edge-case sets (.../from-feedback).', body: VerdictRequest, ...feedbackRoute }, config: { access: 'operator' } },
    async (request, reply) => {
      const feedback = await predictions.verdict(request.requireUser(), request.params.id, request.body);
      request.audited = true; // written with the feedback, in one transaction
      return reply.code(201).send(feedback);
    },
  );

  app.post(
    '/api/v1/predictions/:id/outcome',
    { schema: { description: 'Attaches the true outcome (a class of the use case, or a number for regression) to a prediction.', body: OutcomeRequest, ...feedbackRoute }, config: { access: 'operator' } },
    async (request, reply) => {
      const feedback = await predictions.outcome(request.requireUser(), request.params.id, request.body);
      request.audited = true;
      return reply.code(201).send(feedback);
    },
  );

  app.post(
    '/api/v1/predictions/:id/override',
    { schema: { description: 'Records that the operator took another decision, with the plant reason code. Overridden rows are offered to the edge-case sets.', body: OverrideRequest, ...feedbackRoute }, config: { access: 'operator' } },
    async (request, reply) => {
      const feedback = await predictions.override(request.requireUser(), request.params.id, request.body);
      request.audited = true;
      return reply.code(201).send(feedback);
    },
  );

  app.post(
    '/api/v1/use-cases/:id/outcomes',
    {
      schema: {
        description: 'A late outcome (e.g. from a work order): attached to every logged prediction of the entity in the window of windowHours before `at`; says how many matched.',
        params: UseCaseParams,
        body: EntityOutcomeRequest,
        response: { 201: EntityOutcomeResponse, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND or FEEDBACK_NO_MATCH (no prediction of the entity in the window; nothing stored)'), 422: invalid },
      },
      config: { access: 'operator' },
    },
    async (request, reply) => {
      const result = await predictions.entityOutcome(request.requireUser(), request.params.id, request.body);
      request.audited = true;
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/use-cases/:id/evaluation-sets/:name/from-feedback',
    {
      schema: {
        description: 'Appends the inputs of predictions marked wrong or overridden (newest first, at most 10,000), with their true outcome when one was given, to the edge-case set `name` (created if new). Rows the set holds already are skipped (200, created false).',
        params: FeedbackSetParams,
        body: FeedbackToSetRequest,
        response: {
          201: AppendEvaluationSetResponse,
          200: AppendEvaluationSetResponse,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          409: ErrorResponse.describe('FEEDBACK_NOTHING_FLAGGED'),
          422: ErrorResponse.describe('EVALUATION_SET_INVALID; details name the row and column'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const result = await predictions.toEdgeSet(request.requireUser(), request.params.id, request.params.name, request.body);
      request.audited = true; // the set append audits itself, in its transaction
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
}
