// Use-case routes: create one against a dataset version, list, get (with its input schema), train a model version.
import { z } from 'zod';
import { CreateUseCaseRequest, ErrorResponse, ModelVersion, TrainRequest, UseCase } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';

export const UseCaseParams = z.object({ id: z.string() });

export async function useCaseRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.post(
    '/api/v1/use-cases',
    {
      schema: {
        body: CreateUseCaseRequest,
        response: {
          201: UseCase,
          ...errorResponses,
          404: ErrorResponse.describe('DATASET_NOT_FOUND'),
          409: ErrorResponse.describe('USE_CASE_EXISTS'),
          422: ErrorResponse.describe('DATASET_COLUMN_MISSING or USE_CASE_INVALID; details name the column or part'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request, reply) => {
      const useCase = await shopfloor.createUseCase(request.requireUser(), request.body);
      request.audited = true; // written with the use case, in one transaction
      return reply.code(201).send(useCase);
    },
  );

  app.get(
    '/api/v1/use-cases',
    { schema: { response: { 200: z.array(UseCase), ...errorResponses } }, config: { access: 'viewer' } },
    async () => shopfloor.listUseCases(),
  );

  app.get(
    '/api/v1/use-cases/:id',
    {
      schema: { params: UseCaseParams, response: { 200: UseCase, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') } },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.getUseCase(request.params.id),
  );

  app.post(
    '/api/v1/use-cases/:id/train',
    {
      schema: {
        description: 'Trains, evaluates on the held-out split and registers a model version; the first one that beats the no-model cost becomes champion.',
        params: UseCaseParams,
        body: TrainRequest,
        response: {
          201: ModelVersion,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND or DATASET_NOT_FOUND'),
          422: ErrorResponse.describe('TRAINING_FAILED; details name the parameter or data problem'),
        },
      },
      config: { access: 'engineer' },
      // `curl -X POST .../train` sends no body at all: that means "default parameters", not a bad request.
      preValidation: async (request) => {
        request.body ??= {} as typeof request.body;
      },
    },
    async (request, reply) => {
      const model = await shopfloor.train(request.requireUser(), request.params.id, request.body);
      request.audited = true; // registration audits the training (and a promotion) in its transaction
      return reply.code(201).send(model);
    },
  );
}
