// Companion models of a version (POST trains the missing ones, GET lists them) and the live sensor health serving reads.
import { z } from 'zod';
import { CompanionList, CompanionRequest, ErrorResponse, SensorHealthEntry, SetSensorHealthRequest } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const ModelParams = UseCaseParams.extend({ ref: z.string().describe('A version number (3 or v3), an alias or a model version id (mv_...)') });
const SensorParams = z.object({ id: z.string().min(1).describe('A sensor id, or the input name of a use case input without one') });
const refErrors = {
  400: ErrorResponse.describe('VALIDATION_FAILED or MODEL_REF_INVALID; details name the field'),
  404: ErrorResponse.describe('USE_CASE_NOT_FOUND, MODEL_NOT_FOUND or MODEL_ALIAS_NOT_SET'),
};

export async function companionRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.post(
    '/api/v1/use-cases/:id/models/:ref/companions',
    {
      schema: {
        description:
          "Trains a companion model for each of the version's k (2) most critical sensors (its newest robustness record) that has none: same data, parameters and split, that sensor input left out, the decision rule re-chosen on the validation rows. Stored ones are kept. Answers every companion of the version with its held-out metrics.",
        params: ModelParams,
        body: CompanionRequest,
        response: { 200: CompanionList, ...errorResponses, ...refErrors, 422: ErrorResponse.describe('COMPANION_INVALID (no robustness record) or TRAINING_FAILED') },
      },
      config: { access: 'engineer' },
      preValidation: async (request) => {
        request.body ??= {} as typeof request.body;
      },
    },
    async (request) => {
      const companions = await shopfloor.companions.train(request.requireUser(), request.params.id, request.params.ref, request.body);
      await request.audit('companions.train', `use-case:${request.params.id}`, { ref: request.params.ref, companions: companions.map((c) => c.id) });
      return { companions };
    },
  );

  app.get(
    '/api/v1/use-cases/:id/models/:ref/companions',
    {
      schema: { description: "The version's companion models with their held-out metrics (none until trained).", params: ModelParams, response: { 200: CompanionList, ...errorResponses, ...refErrors } },
      config: { access: 'viewer' },
    },
    async (request) => ({ companions: await shopfloor.companions.list(request.params.id, request.params.ref) }),
  );

  app.put(
    '/api/v1/sensors/:id/health',
    {
      schema: {
        description: 'Sets the live health serving reads (trusted, suspect, untrusted): an input whose sensor is untrusted is never used in a prediction. In process: it resets when the server restarts.',
        params: SensorParams,
        body: SetSensorHealthRequest,
        response: { 200: SensorHealthEntry, ...errorResponses, 404: ErrorResponse.describe('SENSOR_NOT_FOUND') },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const entry = await shopfloor.companions.setSensorHealth(request.params.id, request.body.state);
      await request.audit('sensor.health', `sensor:${request.params.id}`, { state: request.body.state });
      return entry;
    },
  );

  app.get(
    '/api/v1/sensors/health',
    {
      schema: { description: 'The sensors serving does not trust now (suspect or untrusted); every other sensor is trusted.', response: { 200: z.object({ sensors: z.array(SensorHealthEntry) }), ...errorResponses } },
      config: { access: 'viewer' },
    },
    async () => ({ sensors: shopfloor.companions.health.entries() }),
  );
}
