// The prediction log as the API shows it: logged predictions, shadow answers, feedback, and the requests that add feedback.
import { z } from 'zod';
import { EvaluationSetName } from './evaluation-sets.js';
import { FeatureValue, InputRow, Prediction, PredictionPath } from './predict.js';

/** Which part of a deployment answered: the champion, an A/B split or canary variant, or the previous champion (fallback). */
export const PREDICTION_ROLES = ['champion', 'split', 'canary', 'previous-champion'] as const;
export const PredictionRole = z.enum(PREDICTION_ROLES);
export type PredictionRole = z.infer<typeof PredictionRole>;

export const LoggedPrediction = z.object({
  id: z.string(),
  useCaseId: z.string(),
  entity: z.string().nullable().describe("The asset: the request's `entity`, or the row's entityColumn value"),
  at: z.string().describe('When it was answered (ISO 8601 UTC)'),
  modelVersionId: z.string().describe('The version that answered (the champion on the rule and abstain paths)'),
  role: PredictionRole,
  path: PredictionPath,
  decision: z.string().nullable().describe('The decision label given, null when abstaining'),
  act: z.boolean().nullable(),
  score: z.number().nullable(),
  latencyMs: z.number().describe('Time spent answering the request this row came in'),
  input: InputRow,
  output: Prediction,
});
export type LoggedPrediction = z.infer<typeof LoggedPrediction>;

export const ShadowMode = z.enum(['shadow', 'mirror']);
export const PredictionShadow = z.object({
  predictionId: z.string(),
  modelVersionId: z.string(),
  mode: ShadowMode,
  output: Prediction.nullable().describe('Null when the shadow failed (see error)'),
  error: z.string().nullable(),
  latencyMs: z.number(),
  at: z.string(),
});
export type PredictionShadow = z.infer<typeof PredictionShadow>;

/**
 * right / wrong: an operator's verdict. outcome: the true value of the target, by prediction or
 * (late, from a work order) by entity and time. override: the operator decided otherwise, with a reason code.
 */
export const FEEDBACK_KINDS = ['right', 'wrong', 'outcome', 'override'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

const OutcomeValue = z.union([z.number(), z.string().min(1).max(200), z.boolean()]).describe('The true value of the target: a class (as in the use case classes) or, for regression, a number');

export const PredictionFeedback = z.object({
  id: z.string(),
  predictionId: z.string(),
  kind: FeedbackKind,
  outcome: FeatureValue.describe('outcome only; null otherwise'),
  decision: z.string().nullable().describe('override only: the decision the operator took'),
  reasonCode: z.string().nullable(),
  note: z.string(),
  by: z.string().describe('User id'),
  at: z.string(),
});
export type PredictionFeedback = z.infer<typeof PredictionFeedback>;

export const PredictionDetail = LoggedPrediction.extend({
  shadows: z.array(PredictionShadow).describe('Answers of shadow and mirror variants, oldest first'),
  feedback: z.array(PredictionFeedback).describe('Oldest first'),
});
export type PredictionDetail = z.infer<typeof PredictionDetail>;

export const MAX_PREDICTION_PAGE = 500;

const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with an offset');
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListPredictionsQuery = z.object({
  entity: z.string().min(1).max(200).optional(),
  from: Instant.optional().describe('Inclusive'),
  to: Instant.optional().describe('Exclusive'),
  path: PredictionPath.optional(),
  flagged: Flag.optional().describe('true: only predictions marked wrong or overridden; false: only the others'),
  limit: z.coerce.number().int().min(1).max(MAX_PREDICTION_PAGE).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});
export type ListPredictionsQuery = z.infer<typeof ListPredictionsQuery>;

export const PredictionPage = z.object({
  predictions: z.array(LoggedPrediction).describe('Newest first'),
  nextCursor: z.string().nullable().describe('Null on the last page'),
});
export type PredictionPage = z.infer<typeof PredictionPage>;

const Note = z.string().max(2000).default('');

export const VerdictRequest = z.object({ verdict: z.enum(['right', 'wrong']), note: Note });
export type VerdictRequest = z.infer<typeof VerdictRequest>;

export const OutcomeRequest = z.object({ outcome: OutcomeValue, note: Note });
export type OutcomeRequest = z.infer<typeof OutcomeRequest>;

export const OverrideRequest = z.object({
  decision: z.string().min(1).max(200).describe('The decision label the operator took instead, e.g. "no alarm"'),
  reasonCode: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . -, at most 64').describe('The plant\'s own reason code, e.g. "SENSOR_RECALIBRATED"'),
  note: Note,
});
export type OverrideRequest = z.infer<typeof OverrideRequest>;

export const EntityOutcomeRequest = z.object({
  entity: z.string().min(1).max(200),
  at: Instant.describe('When the outcome happened (e.g. the failure in the work order)'),
  outcome: OutcomeValue,
  windowHours: z.number().positive().max(24 * 366).default(24).describe('Predictions of the entity in (at - windowHours, at] get the outcome'),
  note: Note,
});
export type EntityOutcomeRequest = z.infer<typeof EntityOutcomeRequest>;

export const EntityOutcomeResponse = z.object({
  matched: z.number().int().describe('How many predictions got the outcome'),
  predictionIds: z.array(z.string()),
  from: z.string(),
  to: z.string(),
});
export type EntityOutcomeResponse = z.infer<typeof EntityOutcomeResponse>;

export const FeedbackToSetRequest = z.object({
  from: Instant.optional().describe('Only predictions answered at or after this time'),
  to: Instant.optional().describe('Only predictions answered before this time'),
  note: z.string().max(2000).default('').describe('Why these rows were added'),
  description: z.string().max(2000).optional().describe('For a new set'),
});
export type FeedbackToSetRequest = z.infer<typeof FeedbackToSetRequest>;

export const FeedbackSetParams = z.object({ id: z.string(), name: EvaluationSetName });
