// Registry routes: the model versions of a use case, newest first, with metrics, decision rule and aliases.
import { z } from 'zod';
import { ErrorResponse, ModelVersion } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

export async function modelRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.get(
    '/api/v1/use-cases/:id/models',
    {
      schema: { params: UseCaseParams, response: { 200: z.array(ModelVersion), ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') } },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.listModels(request.params.id),
  );
}
