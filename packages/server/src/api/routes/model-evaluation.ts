// The Models page's plot data: one model version on the frozen benchmark (ROC/PR, calibration, confusion at the decision threshold, residuals, SHAP summary).
import { z } from 'zod';
import { ErrorResponse, ModelEvaluation } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const ModelParams = UseCaseParams.extend({ ref: z.string().describe('A version number (3 or v3), an alias or a model version id (mv_...)') });

export async function modelEvaluationRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.get(
    '/api/v1/use-cases/:id/models/:ref/evaluation',
    {
      schema: {
        description:
          "The version scored on the use case's frozen benchmark: ROC and precision-recall points (binary), reliability bins, the confusion matrix at the stored decision threshold with what each cell costs, residuals (regression), and a SHAP summary (mean |SHAP| per feature and per-row dots) over an evenly spaced sample of up to 200 benchmark rows.",
        params: ModelParams,
        response: {
          200: ModelEvaluation,
          ...errorResponses,
          400: ErrorResponse.describe('VALIDATION_FAILED or MODEL_REF_INVALID; details name the field'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
          422: ErrorResponse.describe('MODEL_EVALUATION_INVALID: the benchmark has no row with a target'),
        },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.evaluate.modelEvaluation(request.params.id, request.params.ref),
  );
}
