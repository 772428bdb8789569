// Model-test routes: declare a test on a use case, list them, run them all on one model version.
import { z } from 'zod';
import { ErrorResponse, ModelTest, ModelTestRun, ModelTestSpec } from '@shopfloor/contracts';
import { declareModelTest, listModelTests, runModelTests } from '../../compare/index.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const ModelParams = UseCaseParams.extend({ ref: z.string().describe('A version number (3 or v3), an alias (champion) or a model version id') });

export async function modelTestRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/model-tests',
    {
      schema: {
        description:
          'Declares a model test, run on every version: minimum-metric (a metric on a slice of a set), invariance (an input changed over values never changes a decision), direction (raising an input never lowers the failure risk), sensor-failure (an input missing or stuck changes at most a share of decisions). Checked against the use case now; never edited.',
        params: UseCaseParams,
        body: ModelTestSpec,
        response: {
          201: ModelTest,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or EVALUATION_SET_NOT_FOUND'),
          409: ErrorResponse.describe('MODEL_TEST_EXISTS'),
          422: ErrorResponse.describe('MODEL_TEST_INVALID; details name the field'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const test = await declareModelTest({ store: app.store, clock: app.clock }, request.requireUser(), request.params.id, request.body);
      request.audited = true; // audited with the test, in one transaction
      return reply.code(201).send(test);
    },
  );

  app.get(
    '/api/v1/use-cases/:id/model-tests',
    {
      schema: { params: UseCaseParams, response: { 200: z.array(ModelTest), ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') } },
      config: { access: 'viewer' },
    },
    async (request) => listModelTests(app.store, request.params.id),
  );

  app.post(
    '/api/v1/use-cases/:id/models/:ref/run-tests',
    {
      schema: {
        description: 'Runs every declared model test on the version: per test passed, the measured value and threshold, the set name, version and hash used, and up to 5 example rows. Stores nothing.',
        params: ModelParams,
        response: {
          200: ModelTestRun,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_ALIAS_NOT_SET or EVALUATION_SET_NOT_FOUND'),
        },
      },
      config: { access: 'viewer', audit: false },
    },
    async (request) => runModelTests({ store: app.store, clock: app.clock }, request.params.id, request.params.ref),
  );
}
