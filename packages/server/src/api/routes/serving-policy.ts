// Serving-policy routes: read the policy in force with its history; change it (engineers, audited with the change).
import { ErrorResponse, ServingPolicyState, SetServingPolicyRequest } from '@shopfloor/contracts';
import type { Shopfloor } from '../../shopfloor.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const PATH = '/api/v1/use-cases/:id/serving-policy';

export async function servingPolicyRoutes(app: AppInstance, shopfloor: Shopfloor): Promise<void> {
  app.put(
    PATH,
    {
      schema: {
        description:
          "Changes the use case's serving policy: rows with inputs outside the training range (fallback to the rule, or flag), the low-confidence band around the decision threshold (binary only, null = off) and the champion's call budget. Every change is kept in the history and audited.",
        params: UseCaseParams,
        body: SetServingPolicyRequest,
        response: {
          200: ServingPolicyState,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          422: ErrorResponse.describe('SERVING_POLICY_INVALID (a low-confidence band on a use case that is not binary; field lowConfidenceBand)'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const state = await shopfloor.servingPolicy.setServingPolicy(request.requireUser(), request.params.id, request.body);
      request.audited = true; // written with the policy, in one transaction
      return state;
    },
  );

  app.get(
    PATH,
    {
      schema: {
        description: 'The serving policy in force (the defaults when never set: outOfRange fallback, no low-confidence band, 250 ms per call) and every change, newest first.',
        params: UseCaseParams,
        response: { 200: ServingPolicyState, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => shopfloor.servingPolicy.servingPolicy(request.params.id),
  );
}
