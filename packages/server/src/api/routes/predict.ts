// POST /api/v1/use-cases/{id}/predict: one row or many against the champion; changes nothing, so it is not audited.
import { ErrorResponse, PredictRequest, PredictResponse } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import { predictSerializerCompiler } from '../predict-response-json.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

export async function predictRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/predict',
    {
      schema: {
        params: UseCaseParams,
        body: PredictRequest,
        response: {
          200: PredictResponse,
          ...errorResponses,
          400: ErrorResponse.describe('VALIDATION_FAILED, PREDICT_FEATURE_MISSING, PREDICT_FEATURE_TYPE, PREDICT_UNKNOWN_CATEGORY (details name the row and feature) or PREDICT_SENSOR_UNKNOWN (untrustedSensors names no sensor or input)'),
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          409: ErrorResponse.describe('MODEL_NO_CHAMPION'),
          500: ErrorResponse.describe('MODEL_ARTIFACT_CORRUPT'),
        },
      },
      config: { access: 'operator', audit: false },
      // The hottest reply: written field by field instead of checked and copied by zod (api/predict-response-json.ts).
      serializerCompiler: predictSerializerCompiler,
    },
    async (request) => shopfloor.predict(request.params.id, request.body),
  );
}
