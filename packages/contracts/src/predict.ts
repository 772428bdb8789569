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

export const Prediction = z.object({
  score: z.number().describe('Binary: P(event). Regression: predicted value. Multiclass: probability of the most likely class'),
  probabilities: z.record(z.string(), z.number()).optional(),
  decision: Decision,
  model: z.object({ id: z.string(), version: z.number().int() }),
  path: z.enum(['champion']).describe('Which path answered; later stages add challenger, fallback, rule'),
  degraded: z.boolean(),
  reasons: z.array(z.string()).describe('Why the answer is degraded, empty otherwise'),
  contributions: z.array(Contribution).optional(),
  bias: z.number().optional(),
});
export type Prediction = z.infer<typeof Prediction>;

export const PredictResponse = z.object({
  useCaseId: z.string(),
  predictions: z.array(Prediction),
});
export type PredictResponse = z.infer<typeof PredictResponse>;
