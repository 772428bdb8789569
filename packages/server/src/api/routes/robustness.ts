// Sensor-failure robustness of a model version: POST replays the benchmark with each sensor failed and appends a record, GET reads the newest.
import { z } from 'zod';
import { ErrorResponse, RobustnessRecord, RobustnessRequest } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const ModelParams = UseCaseParams.extend({ ref: z.string().describe('A version number (3 or v3), an alias or a model version id (mv_...)') });
const refErrors = {
  400: ErrorResponse.describe('VALIDATION_FAILED or MODEL_REF_INVALID; details name the field'),
  404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
};

export async function robustnessRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/models/:ref/robustness',
    {
      schema: {
        description:
          "Replays the use case's benchmark with each sensor input failed in turn (stuck at its last value, stuck at zero, missing, noise x3, drift to 3 sigma) and appends the record: per sensor and mode the metric and the expected cost per 1,000 before and after, sensors ranked by the worst cost increase. The body is optional (seed 1).",
        params: ModelParams,
        body: RobustnessRequest,
        response: { 201: RobustnessRecord, ...errorResponses, ...refErrors, 422: ErrorResponse.describe('ROBUSTNESS_INVALID: no numeric sensor input, or no benchmark row with a target') },
      },
      config: { access: 'engineer' },
      // `curl -X POST .../robustness` sends no body at all: that means seed 1, not a bad request.
      preValidation: async (request) => {
        request.body ??= {} as typeof request.body;
      },
    },
    async (request, reply) => {
      const record = await shopfloor.robustness.assess(request.requireUser(), request.params.id, request.params.ref, request.body);
      await request.audit('robustness.assess', `use-case:${record.useCaseId}`, { record: record.id, modelVersionId: record.modelVersionId, seed: record.seed });
      return reply.code(201).send(record);
    },
  );

  app.get(
    '/api/v1/use-cases/:id/models/:ref/robustness',
    {
      schema: {
        description: "The version's newest sensor-robustness record (training writes one right after registering the version).",
        params: ModelParams,
        response: { 200: RobustnessRecord, ...errorResponses, 400: refErrors[400], 404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_ALIAS_NOT_SET or ROBUSTNESS_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.robustness.latest(request.params.id, request.params.ref),
  );
}
