// Streaming scoring routes: read and set whether a use case scores rows assembled from arriving readings, and how often.
import { ErrorResponse, PutStreamingScoringRequest, StreamingScoring } from '@shopfloor/contracts';
import { Counter, type Registry } from 'prom-client';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const PATH = '/api/v1/use-cases/:id/streaming';

export async function streamingRoutes(app: AppInstance, shopfloor: Shopfloor, metrics?: Registry): Promise<void> {
  if (metrics !== undefined) {
    new Counter({
      name: 'shopfloor_streaming_rows_total',
      help: 'Rows assembled from arriving readings: scored, stale (an input older than maxAgeMs) or failed (the prediction service refused the row)',
      labelNames: ['outcome'] as const,
      registers: [metrics],
      collect() {
        this.reset();
        const s = shopfloor.streaming.scorer.stats();
        this.inc({ outcome: 'scored' }, s.scored);
        this.inc({ outcome: 'stale' }, s.stale);
        this.inc({ outcome: 'failed' }, s.failed);
      },
    });
  }
  app.put(
    PATH,
    {
      schema: {
        description: [
          'Scores the use case as readings arrive (POST /api/v1/readings, readings import, MQTT ingest). Per entity (the asset of the sensors),',
          "the latest value of each input is kept; a row is scored through the normal prediction service (logged with its entity, alerting,",
          "degraded path for untrusted sensors) when every input has a value no more than maxAgeMs older than the row's newest reading,",
          'at most once per entity per intervalMs of reading time. A sensor fills the input named for it in `sensors`, else the input whose',
          'sensorId is the sensor id or `<asset>.<sensorId>`; `constants` fill inputs no sensor feeds. At start-up and after each change the',
          "latest stored reading of every mapped sensor fills the rows, so one new reading can complete a row.",
        ].join(' '),
        params: UseCaseParams,
        body: PutStreamingScoringRequest,
        response: {
          200: StreamingScoring,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          422: ErrorResponse.describe('STREAMING_INVALID: sensors or constants name an input the use case does not have (details.field)'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const setting = await shopfloor.streaming.put(request.requireUser(), request.params.id, request.body);
      request.audited = true; // written with the setting, in one transaction
      return setting;
    },
  );

  app.get(
    PATH,
    {
      schema: {
        description: 'The use case\'s streaming scoring setting (disabled defaults, updatedAt null, when never set).',
        params: UseCaseParams,
        response: { 200: StreamingScoring, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.streaming.get(request.params.id),
  );
}
