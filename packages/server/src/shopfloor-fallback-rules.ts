// The programmatic facade over use cases' fallback rules: what the CLI and the HTTP routes call.
import type { z } from 'zod';
import { RemoveFallbackRuleQuery, SetFallbackRuleRequest, validationError, type FallbackRuleState, type User } from '@shopfloor/contracts';
import type { Clock } from './clock.js';
import type { Store } from './store/index.js';
import { fallbackRuleState, removeFallbackRule, setFallbackRule } from './use-cases/index.js';

export interface FallbackRulesFacade {
  /** USE_CASE_NOT_FOUND, USE_CASE_INVALID (multiclass, field `task`), RULE_INVALID (position, expected, received), VALIDATION_FAILED. */
  setFallbackRule(actor: User, useCaseId: string, req: z.input<typeof SetFallbackRuleRequest>): Promise<FallbackRuleState>;
  /** USE_CASE_NOT_FOUND, FALLBACK_RULE_NOT_SET. */
  removeFallbackRule(actor: User, useCaseId: string, query?: z.input<typeof RemoveFallbackRuleQuery>): Promise<FallbackRuleState>;
  /** The standing rule and its history, newest first; USE_CASE_NOT_FOUND. */
  fallbackRule(useCaseId: string): Promise<FallbackRuleState>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(part, result.error.issues);
  return result.data;
}

export function createFallbackRulesFacade(deps: { store: Store; clock: Clock }): FallbackRulesFacade {
  return {
    setFallbackRule: (actor, useCaseId, req) => setFallbackRule(deps, actor, useCaseId, parse(SetFallbackRuleRequest, req, 'body')),
    removeFallbackRule: (actor, useCaseId, query = {}) => removeFallbackRule(deps, actor, useCaseId, parse(RemoveFallbackRuleQuery, query, 'querystring').reason),
    fallbackRule: (useCaseId) => fallbackRuleState(deps.store, useCaseId),
  };
}
