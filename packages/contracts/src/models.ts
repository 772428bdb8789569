// Model versions: immutable records of one training, with held-out metrics and the cost-optimal decision rule.
import { z } from 'zod';

export const Metrics = z.object({
  nTrain: z.number().int(),
  nTest: z.number().int(),
  auc: z.number().optional(),
  prAuc: z.number().optional(),
  logLoss: z.number().optional(),
  accuracy: z.number().optional(),
  f1: z.number().optional(),
  rmse: z.number().optional(),
  mae: z.number().optional(),
  expectedCostPer1000: z.number().describe('Expected cost per 1,000 predictions on the held-out split, with the chosen decision rule'),
  baselineCostPer1000: z.number().describe('Expected cost per 1,000 predictions with no model (the best constant decision)'),
  trainSeconds: z.number(),
});
export type Metrics = z.infer<typeof Metrics>;

export const DecisionRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('binary'), threshold: z.number().describe('Alarm when P(event) >= threshold') }),
  z.object({ kind: z.literal('multiclass') }),
  z.object({
    kind: z.literal('regression'),
    threshold: z.number().describe('Act when the prediction is strictly below (or above) this value'),
    actWhen: z.enum(['below', 'above']),
    residuals: z.array(z.number()).max(1001).optional().describe('Sorted validation residuals (truth - prediction), thinned to at most 1,001 quantiles: they price a single decision'),
  }),
]);
export type DecisionRule = z.infer<typeof DecisionRule>;

export const ModelVersion = z.object({
  id: z.string(),
  useCaseId: z.string(),
  version: z.number().int(),
  datasetVersionId: z.string(),
  params: z.record(z.string(), z.unknown()),
  codeVersion: z.string(),
  metrics: Metrics,
  decisionRule: DecisionRule,
  featureImportance: z.array(z.object({ feature: z.string(), gain: z.number() })),
  aliases: z.array(z.string()),
  artifactSha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ModelVersion = z.infer<typeof ModelVersion>;

export const TrainRequest = z.object({
  params: z.record(z.string(), z.unknown()).default({}).describe('Learner parameters (maxIter, learningRate, maxDepth, ...)'),
  datasetVersionId: z
    .string()
    .optional()
    .describe("Train on this dataset version (a newer import with the same columns); default the use case's. Benchmark rows stay excluded by key."),
});
export type TrainRequest = z.infer<typeof TrainRequest>;
