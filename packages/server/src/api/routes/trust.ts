// Trust report routes: over a stored range of sensors, and over a use case's dataset (its features with a sensorId).
import { ErrorResponse, TrustReport, TrustReportQuery, UseCaseTrustReportQuery } from '@shopfloor/contracts';
import { createSensorsFacade } from '../../shopfloor-sensors.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

export async function trustRoutes(app: AppInstance): Promise<void> {
  const sensors = createSensorsFacade({ store: app.store, clock: app.clock, config: app.config });

  app.get(
    '/api/v1/trust/report',
    {
      schema: {
        description: 'Runs every trust check over the stored readings of the sensors (all when `sensors` is absent) from `from` to `to`, baselines fitted on the first referenceFraction of the range: per sensor the issues, the share of readings affected, the time ranges and the final health.',
        querystring: TrustReportQuery,
        response: {
          200: TrustReport,
          ...errorResponses,
          404: ErrorResponse.describe('SENSOR_NOT_FOUND'),
          422: ErrorResponse.describe('TRUST_REPORT_INVALID (empty or reversed range, too many readings, no sensors)'),
        },
      },
      config: { access: 'viewer' },
    },
    async (request) => sensors.trustReport(request.query),
  );

  app.get(
    '/api/v1/use-cases/:id/trust-report',
    {
      schema: {
        description: "Runs the trust checks over the use case's dataset version: each feature with a sensorId, rows in time order (per entity), baselines on the first referenceFraction of each series.",
        params: UseCaseParams,
        querystring: UseCaseTrustReportQuery,
        response: {
          200: TrustReport,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or SENSOR_NOT_FOUND'),
          422: ErrorResponse.describe('TRUST_REPORT_INVALID (no sensor feature, a non-numeric sensor feature)'),
        },
      },
      config: { access: 'viewer' },
    },
    async (request) => sensors.useCaseTrustReport(request.params.id, request.query),
  );
}
