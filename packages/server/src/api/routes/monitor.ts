// Monitoring routes: drift and live performance of a use case, its alerts and their acknowledgement, batch scoring of a stored range.
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { AcknowledgeAlertRequest, Alert, AlertList, DriftReport, ErrorResponse, ListAlertsQuery, MonitorWindowQuery, PerformanceReport, ScoreRequest, ScoreResponse } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import { scoredCsv } from '../../monitor/index.js';
import { installMonitorMetrics } from '../metrics.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const AlertParams = z.object({ id: z.string().min(1).max(100) });
const windowInvalid = ErrorResponse.describe('MONITOR_WINDOW_INVALID (from is not before to)');

export async function monitorRoutes(app: AppInstance, shopfloor: Shopfloor, metrics?: Registry): Promise<void> {
  const { monitor } = shopfloor;
  if (metrics !== undefined) installMonitorMetrics(metrics, monitor);
  // Periodic drift checks run while the app does: started when it is ready, stopped when it closes.
  let stopChecks: (() => void) | undefined;
  app.addHook('onReady', async () => {
    stopChecks = monitor.startDriftChecks((err, useCaseId, raised) => {
      if (err !== null) app.log.warn({ err, useCaseId }, 'drift check failed');
      else if (raised > 0) app.log.info({ useCaseId, raised }, 'drift alerts raised');
    });
  });
  app.addHook('onClose', async () => stopChecks?.());

  app.get(
    '/api/v1/use-cases/:id/drift',
    {
      schema: {
        description: "Drift of every model input and of the champion's predictions over a window of the prediction log, against the champion's training rows: PSI over the training quantile bins (levels for categories, missing as its own bin) and a mean-shift test corrected for autocorrelation.",
        params: UseCaseParams,
        querystring: MonitorWindowQuery,
        response: {
          200: DriftReport,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          409: ErrorResponse.describe('MODEL_NO_CHAMPION'),
          422: ErrorResponse.describe('MONITOR_WINDOW_INVALID or MONITOR_NO_REFERENCE'),
        },
      },
      config: { access: 'viewer' },
    },
    async (request) => monitor.drift(request.params.id, request.query),
  );

  app.get(
    '/api/v1/use-cases/:id/performance',
    {
      schema: {
        description: 'Live performance over a window once true outcomes arrived (feedback kind outcome): AUC, accuracy or RMSE, and the realised cost per 1,000 predictions, overall and per answering model version, beside the held-out figures.',
        params: UseCaseParams,
        querystring: MonitorWindowQuery,
        response: { 200: PerformanceReport, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND'), 422: windowInvalid },
      },
      config: { access: 'viewer' },
    },
    async (request) => monitor.performance(request.params.id, request.query),
  );

  app.get(
    '/api/v1/use-cases/:id/alerts',
    {
      schema: {
        description: 'Alerts of a use case, newest first: decisions that act, and drift beyond its band; open or acknowledged.',
        params: UseCaseParams,
        querystring: ListAlertsQuery,
        response: { 200: AlertList, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => monitor.listAlerts(request.params.id, request.query),
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        description: 'An operator acknowledges an alert: who and when are recorded with the note, once.',
        params: AlertParams,
        body: AcknowledgeAlertRequest,
        response: { 200: Alert, ...errorResponses, 404: ErrorResponse.describe('ALERT_NOT_FOUND'), 409: ErrorResponse.describe('ALERT_ALREADY_ACKNOWLEDGED (details: by whom and when)') },
      },
      config: { access: 'operator' },
    },
    async (request) => {
      const alert = await monitor.acknowledgeAlert(request.requireUser(), request.params.id, request.body);
      request.audited = true; // written with the acknowledgement, in one transaction
      return alert;
    },
  );

  app.post(
    '/api/v1/use-cases/:id/score',
    {
      schema: {
        description: 'Scores a stored dataset version (all rows, a 1-based row range, or a time range) through the prediction service: every row is answered and logged as served. JSON, or CSV with format "csv".',
        params: UseCaseParams,
        body: ScoreRequest,
        response: {
          200: ScoreResponse.describe('JSON; with format "csv" a text/csv table: row, score, decision, act, expected_cost, currency, path, model_version, prediction_id'),
          ...errorResponses,
          400: ErrorResponse.describe('VALIDATION_FAILED or a prediction error naming the dataset row and feature'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or DATASET_NOT_FOUND'),
          409: ErrorResponse.describe('MODEL_NO_CHAMPION'),
          422: ErrorResponse.describe('SCORE_INVALID (details name the field)'),
        },
      },
      config: { access: 'operator', audit: false },
    },
    async (request, reply) => {
      const scored = await monitor.score(request.params.id, request.body);
      // Fastify sends a string body as it is (the JSON serializer never sees it); the typed reply only knows the JSON shape.
      if (request.body.format === 'csv') return reply.type('text/csv; charset=utf-8').send(scoredCsv(scored) as never);
      return scored;
    },
  );
}
