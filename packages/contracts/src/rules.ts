// Fallback rules: what a use case decides when its model cannot be trusted, as a small boolean expression over its inputs.
import { z } from 'zod';

/** Longest rule text compileRule accepts (characters); RULE_INVALID beyond it. */
export const MAX_RULE_LENGTH = 2000;
/** Deepest nesting of parentheses and `not` compileRule accepts. */
export const MAX_RULE_DEPTH = 50;

export const SetFallbackRuleRequest = z.object({
  rule: z
    .string()
    .min(1)
    .max(100_000)
    .describe('A rule over the model inputs, e.g. `Torque [Nm]` > 60 or `Tool wear [min]` >= 200 (grammar: docs/rules.md); true means act'),
  reason: z.string().max(500).default('').describe('Why the rule is set or changed, kept in its history'),
});
export type SetFallbackRuleRequest = z.infer<typeof SetFallbackRuleRequest>;

export const RemoveFallbackRuleQuery = z.object({
  reason: z.string().max(500).default('').describe('Why the rule is removed, kept in its history'),
});
export type RemoveFallbackRuleQuery = z.infer<typeof RemoveFallbackRuleQuery>;

/** One entry of a use case's fallback-rule history: a rule set, or the standing rule removed. Never edited. */
export const FallbackRuleEvent = z.object({
  seq: z.number().int().describe('1, 2, 3... per use case'),
  action: z.enum(['set', 'removed']),
  /** Null for a removal. */
  rule: z.string().nullable(),
  /** The model inputs the rule reads, in order of first mention (empty for a removal). */
  inputs: z.array(z.string()),
  reason: z.string(),
  at: z.string(),
  by: z.string().describe('User id'),
});
export type FallbackRuleEvent = z.infer<typeof FallbackRuleEvent>;

export const FallbackRuleState = z.object({
  useCaseId: z.string(),
  /** What a true rule means, in the use case's words (its costs' actionName: alarm, act...). */
  actionName: z.string(),
  /** The standing rule, or null when none is set (or the last one was removed). */
  current: FallbackRuleEvent.nullable(),
  /** Newest first. */
  history: z.array(FallbackRuleEvent),
});
export type FallbackRuleState = z.infer<typeof FallbackRuleState>;
