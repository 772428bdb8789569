// A use case's serving policy: what serving does with inputs outside the training range, unsure answers and a slow or broken champion.
import { z } from 'zod';

export const OUT_OF_RANGE_ACTIONS = ['fallback', 'flag'] as const;

/** The most a low-confidence band may be on the log-odds scale (5 = odds within a factor of about 150 of the threshold's). */
export const MAX_LOW_CONFIDENCE_BAND = 5;
export const MIN_MODEL_TIMEOUT_MS = 1;
export const MAX_MODEL_TIMEOUT_MS = 60_000;

export const ServingPolicyFields = z.object({
  outOfRange: z
    .enum(OUT_OF_RANGE_ACTIONS)
    .describe(
      'A numeric input outside the range the use case recorded for its training data: `fallback` (default) sends the row to the fallback rule, else abstains and the operator decides; `flag` lets the champion answer, marked degraded. A missing reading (null) is never out of range: the trees learned a branch for it',
    ),
  lowConfidenceBand: z
    .number()
    .gt(0)
    .max(MAX_LOW_CONFIDENCE_BAND)
    .nullable()
    .describe(
      'Binary use cases only; null (default) = off. A champion answer is low-confidence when its score lies within this band around the decision threshold on the log-odds scale: |logit(score) - logit(threshold)| <= band (scores and thresholds clamped to [1e-9, 1 - 1e-9]). 0.5 means odds within a factor e^0.5 = 1.65 of the threshold odds. Such a row goes to the fallback rule, else abstains and the operator decides',
    ),
  modelTimeoutMs: z
    .number()
    .int()
    .min(MIN_MODEL_TIMEOUT_MS)
    .max(MAX_MODEL_TIMEOUT_MS)
    .describe(
      "Budget of one champion call of up to 1,000 rows (larger batches get it once per started 1,000 rows). A synchronous call cannot be interrupted: a slower call still returns its answer, but the champion is marked slow for a cool-down and the following requests take the model-timeout chain (previous champion, rule, abstain). Loading a model has its own budget (the service's, default 5 s)",
    ),
});
export type ServingPolicyFields = z.infer<typeof ServingPolicyFields>;

export const DEFAULT_SERVING_POLICY: ServingPolicyFields = { outOfRange: 'fallback', lowConfidenceBand: null, modelTimeoutMs: 250 };

export const SetServingPolicyRequest = ServingPolicyFields.extend({
  reason: z.string().min(1).max(500).describe('Why the policy changes, kept in its history and the audit log'),
});
export type SetServingPolicyRequest = z.infer<typeof SetServingPolicyRequest>;

/** One entry of a use case's serving-policy history; never edited. */
export const ServingPolicyEvent = ServingPolicyFields.extend({
  seq: z.number().int().describe('1, 2, 3... per use case'),
  reason: z.string(),
  at: z.string(),
  by: z.string().describe('User id'),
});
export type ServingPolicyEvent = z.infer<typeof ServingPolicyEvent>;

export const ServingPolicyState = z.object({
  useCaseId: z.string(),
  /** The policy in force: the newest entry, or the defaults when none was ever set. */
  policy: ServingPolicyFields,
  isDefault: z.boolean().describe('True when no policy was ever set and the defaults apply'),
  /** Newest first. */
  history: z.array(ServingPolicyEvent),
});
export type ServingPolicyState = z.infer<typeof ServingPolicyState>;
