// Monitoring as the API shows it: drift against the training data, live performance once outcomes arrive, alerts and their acknowledgement, batch scoring.
import { z } from 'zod';
import { Prediction } from './predict.js';

const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with an offset');

export const MonitorWindowQuery = z.object({
  from: Instant.optional().describe('Inclusive; default 7 days before `to`'),
  to: Instant.optional().describe('Exclusive; default now'),
});
export type MonitorWindowQuery = z.infer<typeof MonitorWindowQuery>;

export const PsiBand = z.enum(['stable', 'moderate', 'major']).describe('PSI < 0.1 stable, < 0.25 moderate, else major');
export const DriftStatus = z.enum(['stable', 'watch', 'drift']).describe('drift: a major PSI, or a moderate one with a significant mean shift; watch: either sign alone');

export const MeanShift = z.object({
  referenceMean: z.number(),
  liveMean: z.number(),
  shiftSd: z.number().nullable().describe('Live minus reference mean, in reference standard deviations'),
  referenceEffectiveN: z.number().describe('Rows corrected for lag-1 autocorrelation'),
  liveEffectiveN: z.number(),
  referenceLag1: z.number().nullable(),
  liveLag1: z.number().nullable(),
  z: z.number().nullable(),
  pValue: z.number(),
  drifted: z.boolean(),
});
export type MeanShift = z.infer<typeof MeanShift>;

export const FeatureDriftReport = z.object({
  feature: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  referenceRows: z.number().int(),
  liveRows: z.number().int(),
  psi: z.number().nullable().describe('Null when the window has no live rows'),
  band: PsiBand.nullable(),
  status: DriftStatus,
  bins: z.array(z.object({ bin: z.string(), reference: z.number(), live: z.number() })).describe('Training quantile bins (or levels), then unseen levels and missing'),
  meanShift: MeanShift.nullable().describe('Autocorrelation-corrected mean-shift test (numeric inputs and scores)'),
});
export type FeatureDriftReport = z.infer<typeof FeatureDriftReport>;

export const DriftReport = z.object({
  useCaseId: z.string(),
  model: z.object({ id: z.string(), version: z.number().int() }).describe('The champion whose training rows are the reference'),
  reference: z.object({ datasetVersionId: z.string(), rows: z.number().int(), timeColumn: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
  window: z.object({ from: z.string(), to: z.string(), predictions: z.number().int() }),
  status: DriftStatus.describe('The worst status of any feature or of the predictions'),
  features: z.array(FeatureDriftReport),
  predictions: z.array(FeatureDriftReport).describe('Prediction drift: the score, and the decision as a level'),
});
export type DriftReport = z.infer<typeof DriftReport>;

export const PerformanceReport = z.object({
  useCaseId: z.string(),
  task: z.enum(['binary', 'multiclass', 'regression']),
  window: z.object({ from: z.string(), to: z.string() }),
  predictions: z.number().int().describe('Predictions answered in the window'),
  labelled: z.number().int().describe('Of those, with a true outcome and a decision (abstentions have none)'),
  currency: z.string(),
  metrics: z.object({
    auc: z.number().nullable().describe('Binary: ROC AUC of the score; null without both outcomes'),
    accuracy: z.number().nullable().describe('Classification: share of decisions that match the outcome'),
    rmse: z.number().nullable().describe('Regression'),
    mae: z.number().nullable(),
    costPer1000: z.number().nullable().describe('Realised cost of the decisions per 1,000 labelled predictions'),
    noModelCostPer1000: z.number().nullable().describe('The no-model practice on the same outcomes'),
  }),
  heldOut: z.object({ auc: z.number().nullable(), costPer1000: z.number().nullable() }).describe("The answering champion's held-out figures from training, for comparison"),
  byModel: z.array(z.object({ model: z.object({ id: z.string(), version: z.number().int() }), labelled: z.number().int(), auc: z.number().nullable(), costPer1000: z.number().nullable() })),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;

export const AlertState = z.enum(['open', 'acknowledged']);
export const Alert = z.object({
  id: z.string(),
  useCaseId: z.string(),
  kind: z.enum(['decision', 'drift']),
  severity: z.enum(['critical', 'warning']),
  at: z.string(),
  entity: z.string().nullable(),
  predictionId: z.string().nullable(),
  modelVersionId: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  state: AlertState,
  acknowledged: z.object({ at: z.string(), by: z.string(), note: z.string() }).nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const ListAlertsQuery = z.object({
  state: AlertState.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

export const AlertList = z.object({ alerts: z.array(Alert).describe('Newest first') });
export type AlertList = z.infer<typeof AlertList>;

export const AcknowledgeAlertRequest = z.object({ note: z.string().max(2000).default('').describe('What was done on the line') });
export type AcknowledgeAlertRequest = z.infer<typeof AcknowledgeAlertRequest>;

export const ScoreRequest = z
  .object({
    datasetVersionId: z.string().min(1),
    rows: z
      .object({ from: z.number().int().min(1), to: z.number().int().min(1) })
      .optional()
      .describe('1-based, inclusive row numbers of the dataset version'),
    time: z.object({ from: Instant, to: Instant }).optional().describe("By the use case's time column: from inclusive, to exclusive"),
    format: z.enum(['json', 'csv']).default('json'),
    explain: z.boolean().default(false),
  })
  .refine((b) => b.rows === undefined || b.time === undefined, { message: 'give `rows` or `time`, not both' });
export type ScoreRequest = z.infer<typeof ScoreRequest>;

export const MAX_SCORE_ROWS = 100_000;

export const ScoreResponse = z.object({
  useCaseId: z.string(),
  datasetVersionId: z.string(),
  rows: z.number().int(),
  scored: z.array(z.object({ row: z.number().int().describe('1-based row of the dataset version'), prediction: Prediction })),
});
export type ScoreResponse = z.infer<typeof ScoreResponse>;
