// Use cases: the decision a plant makes, its target, features, split and what each outcome costs.
import { z } from 'zod';

export const TASKS = ['binary', 'multiclass', 'regression'] as const;
export const Task = z.enum(TASKS);
export type Task = z.infer<typeof Task>;

export const FeatureSpec = z.object({
  name: z.string().describe('Column name in the dataset'),
  unit: z.string().optional(),
  sensorId: z.string().optional(),
});
export type FeatureSpec = z.infer<typeof FeatureSpec>;

/**
 * Binary costs, per prediction, in the plant's currency. Outcome costs follow from them:
 * miss (false negative) = missCosts, false alarm = falseAlarmCosts, true alarm = missCosts - trueAlarmSaves,
 * no alarm on a healthy machine = 0.
 */
export const BinaryCosts = z.object({
  kind: z.literal('binary'),
  currency: z.string().min(1).max(8),
  trueAlarmSaves: z.number().finite(),
  falseAlarmCosts: z.number().finite(),
  missCosts: z.number().finite(),
  positiveLabel: z.string().optional().describe('Target value that means the event (default: 1/true/yes)'),
  actionName: z.string().default('alarm').describe('What the positive decision means, in plant words'),
});
export type BinaryCosts = z.infer<typeof BinaryCosts>;

/** Multiclass costs: matrix[true class][decided class]; the decision is the class of lowest expected cost. */
export const MulticlassCosts = z.object({
  kind: z.literal('multiclass'),
  currency: z.string().min(1).max(8),
  classes: z.array(z.string()).min(2),
  matrix: z.array(z.array(z.number().finite())),
});
export type MulticlassCosts = z.infer<typeof MulticlassCosts>;

/** Regression: act when the prediction is below (or above) a threshold; acting early or late costs. */
export const RegressionCosts = z.object({
  kind: z.literal('regression'),
  currency: z.string().min(1).max(8),
  actionThreshold: z.number().finite().describe('For example remaining useful life under 30 cycles'),
  actWhen: z.enum(['below', 'above']).default('below'),
  earlyActionCosts: z.number().finite().describe('Acting when the true value is not past the threshold'),
  lateActionCosts: z.number().finite().describe('Not acting when the true value is past the threshold'),
  timelyActionCosts: z.number().finite().default(0).describe('Acting when it was needed'),
  actionName: z.string().default('act'),
});
export type RegressionCosts = z.infer<typeof RegressionCosts>;

export const Costs = z.discriminatedUnion('kind', [BinaryCosts, MulticlassCosts, RegressionCosts]);
export type Costs = z.infer<typeof Costs>;

/**
 * The labels a decision of this use case can carry, as the decide stage writes them: binary
 * "<action>" / "no <action>", multiclass the classes, regression "<action>" / "wait".
 */
export function decisionLabels(costs: Costs): string[] {
  switch (costs.kind) {
    case 'binary':
      return [costs.actionName, `no ${costs.actionName}`];
    case 'multiclass':
      return [...costs.classes];
    case 'regression':
      return [costs.actionName, 'wait'];
  }
}

export const SplitSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('time'), column: z.string(), testFraction: z.number().gt(0).lt(1).default(0.2) }),
  z.object({ kind: z.literal('entity'), column: z.string(), testFraction: z.number().gt(0).lt(1).default(0.2) }),
  z.object({ kind: z.literal('key'), column: z.string(), modulo: z.number().int().min(2).default(5), remainder: z.number().int().min(0).default(0) }),
]);
export type SplitSpec = z.infer<typeof SplitSpec>;

/**
 * Targets from labels instead of a dataset column (binary use cases with entityColumn and a timestamp
 * timeColumn): a row of asset A at time t is positive when a standing label of `classes` on A starts
 * within horizonHours after t ('before-start'). `target` then names this derived target, not a column.
 */
export const LabelTarget = z.object({
  classes: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(50)
    .describe('Label classes whose start is the event to predict, e.g. ["failure"] or every failure mode'),
  horizonHours: z.number().gt(0).max(24 * 366).describe('H: a row is positive when such a label starts within H hours after its time'),
  mode: z.enum(['before-start']).default('before-start').describe('before-start: positive within H before the start of a label'),
  duringSpan: z
    .enum(['exclude', 'positive', 'keep'])
    .default('exclude')
    .describe('Rows inside a span of these classes: left out of training (exclude), positive, or left to the horizon rule (keep)'),
});
export type LabelTarget = z.infer<typeof LabelTarget>;

export const CreateUseCaseRequest = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes').describe('Stable slug used in URLs'),
  name: z.string().min(1).max(200),
  decision: z.string().max(500).default('').describe('The decision in plant words, e.g. "stop the machine for a tool change"'),
  task: Task,
  datasetVersionId: z.string(),
  target: z.string(),
  features: z.array(FeatureSpec).min(1),
  entityColumn: z.string().optional().describe('Column naming the asset'),
  timeColumn: z.string().optional(),
  split: SplitSpec.optional().describe('Default: by time when timeColumn is set, else by entity, else by a stable key column'),
  costs: Costs,
  labelTarget: LabelTarget.optional().describe('Binary use cases only: build the target from labels (see LabelTarget) instead of the `target` column'),
});
export type CreateUseCaseRequest = z.infer<typeof CreateUseCaseRequest>;

/** A model input as the UI and validators see it, with the training data's range. */
export const ModelInput = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical', 'boolean']),
  unit: z.string().optional(),
  sensorId: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  median: z.number().optional(),
  quantiles: z
    .object({ p05: z.number(), p25: z.number(), p75: z.number(), p95: z.number() })
    .optional()
    .describe('Numeric inputs: the training rows\' 5th, 25th, 75th and 95th percentiles (numpy linear); absent on use cases created before they were kept'),
  levels: z.array(z.string()).optional(),
});
export type ModelInput = z.infer<typeof ModelInput>;

export const UseCase = CreateUseCaseRequest.extend({
  split: SplitSpec,
  inputs: z.array(ModelInput),
  classes: z.array(z.string()).optional().describe('Class labels for binary/multiclass targets, negative first'),
  championVersionId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type UseCase = z.infer<typeof UseCase>;
