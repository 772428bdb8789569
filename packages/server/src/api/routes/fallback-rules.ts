// Fallback-rule routes: set (validated against the use case's inputs), read with its history, remove (recorded, never deleted).
import { ErrorResponse, FallbackRuleState, RemoveFallbackRuleQuery, SetFallbackRuleRequest } from '@shopfloor/contracts';
import { createFallbackRulesFacade } from '../../shopfloor-fallback-rules.js';
import type { AppInstance } from '../types.js';
import { errorResponses } from './error-responses.js';
import { UseCaseParams } from './use-cases.js';

const PATH = '/api/v1/use-cases/:id/fallback-rule';

export async function fallbackRuleRoutes(app: AppInstance): Promise<void> {
  const rules = createFallbackRulesFacade({ store: app.store, clock: app.clock });

  app.put(
    PATH,
    {
      schema: {
        description: 'Sets the use case\'s fallback rule: a boolean expression over its model inputs (docs/rules.md), used when the model cannot be trusted; true means act. Binary and regression use cases only. Every rule is kept in the history.',
        params: UseCaseParams,
        body: SetFallbackRuleRequest,
        response: {
          200: FallbackRuleState,
          ...errorResponses,
          404: ErrorResponse.describe('USE_CASE_NOT_FOUND'),
          422: ErrorResponse.describe('RULE_INVALID (details: position, expected, received) or USE_CASE_INVALID (a multiclass use case; field task)'),
        },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const state = await rules.setFallbackRule(request.requireUser(), request.params.id, request.body);
      request.audited = true; // written with the rule, in one transaction
      return state;
    },
  );

  app.get(
    PATH,
    {
      schema: {
        description: 'The standing fallback rule (null when none) and every rule set or removed, newest first.',
        params: UseCaseParams,
        response: { 200: FallbackRuleState, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND') },
      },
      config: { access: 'viewer' },
    },
    async (request) => rules.fallbackRule(request.params.id),
  );

  app.delete(
    PATH,
    {
      schema: {
        description: 'Removes the standing fallback rule; the removal is recorded in the history with its reason.',
        params: UseCaseParams,
        querystring: RemoveFallbackRuleQuery,
        response: { 200: FallbackRuleState, ...errorResponses, 404: ErrorResponse.describe('USE_CASE_NOT_FOUND or FALLBACK_RULE_NOT_SET') },
      },
      config: { access: 'engineer' },
    },
    async (request) => {
      const state = await rules.removeFallbackRule(request.requireUser(), request.params.id, request.query);
      request.audited = true;
      return state;
    },
  );
}
