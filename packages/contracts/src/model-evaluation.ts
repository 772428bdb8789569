// A model version's evaluation on the frozen benchmark, as the Models page plots it: ROC/PR curves, calibration, confusion at the decision threshold, residuals, SHAP summary.
import { z } from 'zod';
import { SetRef } from './comparison.js';
import { Task } from './use-cases.js';

/** At most this many points per curve and per scatter: enough for a smooth line on a wide screen. */
export const EVALUATION_MAX_POINTS = 201;
/** SHAP values are exact TreeSHAP per row, so the summary runs over a fixed sample of benchmark rows. */
export const EVALUATION_SHAP_ROWS = 200;

export const RocPoint = z.object({
  threshold: z.number().nullable().describe('Alarm when P(event) >= threshold; null for the (0, 0) point where nothing alarms'),
  falsePositiveRate: z.number(),
  truePositiveRate: z.number(),
});
export type RocPoint = z.infer<typeof RocPoint>;

export const PrPoint = z.object({ threshold: z.number(), recall: z.number(), precision: z.number() });
export type PrPoint = z.infer<typeof PrPoint>;

export const CalibrationBin = z.object({
  low: z.number(),
  high: z.number(),
  rows: z.number().int(),
  meanPredicted: z.number().nullable().describe('Null for an empty bin'),
  observedRate: z.number().nullable().describe('Share of rows in the bin where the event happened; null for an empty bin'),
});
export type CalibrationBin = z.infer<typeof CalibrationBin>;

/** counts[t][d]: rows whose truth is truth[t] and whose decision was decided[d]; costs[t][d] is what one such row costs. */
export const ConfusionMatrix = z.object({
  threshold: z.number().nullable().describe('The decision rule threshold (binary: P(event); regression: predicted value); null for multiclass'),
  truth: z.array(z.string()),
  decided: z.array(z.string()),
  counts: z.array(z.array(z.number().int())),
  costs: z.array(z.array(z.number())),
});
export type ConfusionMatrix = z.infer<typeof ConfusionMatrix>;

export const Residuals = z.object({
  points: z.array(z.object({ actual: z.number(), predicted: z.number(), residual: z.number().describe('actual - predicted') })).describe('Evenly spaced sample of the benchmark rows'),
  histogram: z.array(z.object({ low: z.number(), high: z.number(), rows: z.number().int() })),
});
export type Residuals = z.infer<typeof Residuals>;

export const ShapFeature = z.object({
  feature: z.string(),
  unit: z.string().nullable(),
  meanAbs: z.number().describe('Mean |SHAP| over the sampled rows, on the raw (margin) scale'),
  points: z
    .array(z.object({ shap: z.number(), value: z.number().nullable(), position: z.number().nullable() }))
    .describe('One per sampled row: its SHAP value, its reading (null when missing or categorical) and where the reading sits between the sample min (0) and max (1)'),
});
export type ShapFeature = z.infer<typeof ShapFeature>;

export const ShapSummary = z.object({
  rows: z.number().int().describe('Rows the summary ran over (an evenly spaced sample of the benchmark)'),
  scale: z.string().describe('What a SHAP value adds to: "log-odds", "value" or "logit of the predicted class"'),
  features: z.array(ShapFeature).describe('Largest mean |SHAP| first'),
});
export type ShapSummary = z.infer<typeof ShapSummary>;

export const ModelEvaluation = z.object({
  useCaseId: z.string(),
  modelVersionId: z.string(),
  version: z.number().int(),
  task: Task,
  set: SetRef.describe('The frozen benchmark; rows = rows with a target'),
  currency: z.string(),
  costPer1000: z.number().describe('Realised cost per 1,000 benchmark rows with the decision rule'),
  roc: z.array(RocPoint).nullable().describe('Binary only; null when the benchmark holds one class'),
  pr: z.array(PrPoint).nullable(),
  calibration: z.array(CalibrationBin).nullable(),
  confusion: ConfusionMatrix,
  residuals: Residuals.nullable().describe('Regression only'),
  shap: ShapSummary,
  seconds: z.number(),
});
export type ModelEvaluation = z.infer<typeof ModelEvaluation>;
