// Prediction requests and responses: one row or many; later stages extend the response (path, degraded, why).
import { z } from 'zod';

export const FeatureValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const InputRow = z.record(z.string(), FeatureValue);
export type InputRow = z.infer<typeof InputRow>;

export const PredictRequest = z
  .object({
    row: InputRow.optional(),
    rows: z.array(InputRow).max(10_000).optional(),
    explain: z.boolean().default(false),
    topContributions: z.number().int().min(1).max(100).default(5),
    untrustedSensors: z
      .array(z.string().min(1))
      .max(100)
      .optional()
      .describe('Sensors whose readings must not be used, by sensor id or input name (e.g. "spindle-torque" or "Torque [Nm]"); added to the ones the server holds untrusted'),
    entity: z.string().min(1).max(200).optional().describe("The asset every row belongs to, for the prediction log; default: each row's value in the use case's entityColumn"),
  })
  .refine((b) => (b.row === undefined) !== (b.rows === undefined), { message: 'give exactly one of `row` or `rows`' });
export type PredictRequest = z.infer<typeof PredictRequest>;

export const Contribution = z.object({
  feature: z.string(),
  value: FeatureValue,
  unit: z.string().optional(),
  contribution: z.number().describe('SHAP value on the raw (margin) scale'),
});
export type Contribution = z.infer<typeof Contribution>;

export const Decision = z.object({
  label: z.string().describe('The decided outcome, e.g. "alarm" / "no alarm", a class, or "act" / "wait"'),
  act: z.boolean().describe('Whether the decision calls for action'),
  expectedCost: z.number().describe('Expected cost of this decision given the score, in the use case currency'),
  currency: z.string(),
});
export type Decision = z.infer<typeof Decision>;

/** Which path answered: the champion, a companion trained without the untrusted inputs, the previous champion (the champion failed or is slow), the fallback rule, or none. */
export const PREDICTION_PATHS = ['champion', 'companion', 'previous-champion', 'rule', 'abstain'] as const;
export const PredictionPath = z.enum(PREDICTION_PATHS);
export type PredictionPath = z.infer<typeof PredictionPath>;

/**
 * Why a degraded path answered; null on the champion path. Untrusted sensors: the code names what the
 * path before lacked. The other triggers name the trigger on every step of their chain (the reasons
 * say which steps could not answer): MODEL_ERROR, MODEL_TIMEOUT (previous champion, rule, abstain),
 * OUT_OF_RANGE, LOW_CONFIDENCE (rule, abstain).
 */
export const DEGRADED_REASON_CODES = ['SENSOR_UNTRUSTED_REQUEST', 'SENSOR_UNTRUSTED_HEALTH', 'NO_COMPANION', 'NO_RULE', 'MODEL_ERROR', 'MODEL_TIMEOUT', 'OUT_OF_RANGE', 'LOW_CONFIDENCE'] as const;
export const ReasonCode = z.enum(DEGRADED_REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Prediction = z.object({
  predictionId: z.string().describe('This prediction in the prediction log (GET /api/v1/predictions/{id}); feedback, outcomes and overrides name it'),
  score: z
    .number()
    .nullable()
    .describe('Binary: P(event). Regression: predicted value. Multiclass: probability of the most likely class. Null on the rule and abstain paths (no model scored the row)'),
  probabilities: z.record(z.string(), z.number()).optional(),
  decision: Decision.nullable().describe('Null on the abstain path: nothing decided, the operator decides'),
  model: z.object({ id: z.string(), version: z.number().int() }).describe('The version that answered: the champion (the companion path: the version the companion belongs to; the previous-champion path: that version)'),
  path: PredictionPath.describe(
    'champion; companion (a model trained without the untrusted inputs); previous-champion (the version the champion alias pointed at before, when the champion cannot be loaded, throws or is marked slow); rule (the use case fallback rule); abstain (no decision: the operator decides)',
  ),
  companion: z.object({ id: z.string(), leftOut: z.string() }).optional().describe('The companion path: which companion answered, and the input it leaves out'),
  degraded: z.boolean(),
  untrustedSensors: z.array(z.string()).describe('Inputs whose values were not used (input names), empty when all are trusted'),
  reasonCode: ReasonCode.nullable().describe(
    'Untrusted sensors: SENSOR_UNTRUSTED_REQUEST / _HEALTH (companion path: flagged in the request / by live health), NO_COMPANION (rule path), NO_RULE (abstain). Model error or timeout: MODEL_ERROR / MODEL_TIMEOUT on the previous-champion, rule and abstain paths. OUT_OF_RANGE (a numeric input outside the training range, serving policy outOfRange = fallback) and LOW_CONFIDENCE (score within the policy\'s lowConfidenceBand of the threshold, binary only) on the rule and abstain paths. Null on the champion path',
  ),
  reasons: z.array(z.string()).describe('Why the answer is degraded, empty otherwise'),
  contributions: z.array(Contribution).optional(),
  bias: z.number().optional(),
});
export type Prediction = z.infer<typeof Prediction>;
/** A prediction as a model, companion, rule or abstention gives it, before the prediction log names it. */
export type UnloggedPrediction = Omit<Prediction, 'predictionId'>;

export const PredictResponse = z.object({
  useCaseId: z.string(),
  predictions: z.array(Prediction),
});
export type PredictResponse = z.infer<typeof PredictResponse>;
