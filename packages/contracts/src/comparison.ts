// Comparing model versions on identical frozen sets, and the gate a CI job calls before a version reaches the line.
import { z } from 'zod';

export const ModelRefInput = z
  .union([z.number().int().min(1), z.string().trim().min(1)])
  .describe('A version number (3), an alias (champion, challenger, shadow) or a model version id (mv_...)');

/** Metric names as the comparison reports them; `better` says which way is good. */
export const COMPARISON_METRICS = {
  roc_auc: 'higher',
  pr_auc: 'higher',
  f1: 'higher',
  recall_at_far: 'higher',
  calibration_error: 'lower',
  log_loss: 'lower',
  accuracy: 'higher',
  macro_f1: 'higher',
  rmse: 'lower',
  mae: 'lower',
  phm08_score: 'lower',
  cost_per_1000: 'lower',
} as const;
export type ComparisonMetric = keyof typeof COMPARISON_METRICS;
export const ComparisonMetricName = z.enum(Object.keys(COMPARISON_METRICS) as [ComparisonMetric, ...ComparisonMetric[]]);

/**
 * The plant's current practice, which the saving is measured against: no model (the best constant decision),
 * or a fixed schedule acting on a fixed share of cases whatever their risk (binary and regression).
 */
export const Practice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-model') }),
  z.object({ kind: z.literal('fixed-schedule'), actShare: z.number().min(0).max(1).describe('Share of cases the schedule acts on, e.g. 0.1') }),
]);
export type Practice = z.infer<typeof Practice>;

export const CompareRequest = z.object({
  versions: z.array(ModelRefInput).min(1).max(20).describe('The first is the baseline every other version is compared with'),
  sets: z.array(z.string().min(1)).max(20).optional().describe('Edge-case set names (newest version of each); default every set of the use case'),
  slices: z.array(z.string().min(1)).max(5).optional().describe('Columns to slice by; default the categorical model inputs'),
  resamples: z.number().int().min(0).max(10_000).default(1000).describe('Bootstrap resamples for the intervals and the paired test (0: none)'),
  confidence: z.number().gt(0.5).lt(1).default(0.95),
  seed: z.number().int().min(0).default(1),
  maxFlipExamples: z.number().int().min(0).max(100).default(5),
  volumePerMonth: z.number().positive().optional().describe('Predictions per month, to state the cost per month'),
  practice: Practice.default({ kind: 'no-model' }),
});
export type CompareRequest = z.input<typeof CompareRequest>;

export const Estimate = z.object({
  value: z.number().nullable().describe('Null when the metric is undefined on these rows (e.g. AUC with one class)'),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Estimate = z.infer<typeof Estimate>;

export const SetRef = z.object({
  name: z.string().describe("'benchmark' or an edge-case set's name"),
  version: z.number().int(),
  hash: z.string(),
  rows: z.number().int(),
});
export type SetRef = z.infer<typeof SetRef>;

export const VersionRef = z.object({ id: z.string(), version: z.number().int(), aliases: z.array(z.string()) });
export type VersionRef = z.infer<typeof VersionRef>;

export const MetricDifference = z.object({
  metric: z.string(),
  difference: z.number().nullable().describe('This version minus the baseline'),
  low: z.number().nullable(),
  high: z.number().nullable(),
  pValue: z.number().nullable().describe('Two-sided paired bootstrap p-value of the difference'),
});
export type MetricDifference = z.infer<typeof MetricDifference>;

export const ComparisonCell = z.object({
  set: z.string(),
  slice: z.object({ column: z.string(), value: z.string() }).nullable(),
  rows: z.number().int(),
  versions: z.array(
    z.object({
      modelVersionId: z.string(),
      metrics: z.record(z.string(), Estimate),
      differences: z.array(MetricDifference).describe('Empty for the baseline'),
    }),
  ),
});
export type ComparisonCell = z.infer<typeof ComparisonCell>;

export const FlipExample = z.object({
  row: z.number().int().describe("1-based data row number in the set's table (the dataset version for the benchmark)"),
  key: z.string().nullable().describe('The row key (e.g. UDI) when the use case has one'),
  truth: z.string(),
  baseline: z.object({ score: z.number(), decision: z.string() }),
  candidate: z.object({ score: z.number(), decision: z.string() }),
});

export const DecisionFlips = z.object({
  modelVersionId: z.string(),
  set: z.string(),
  flips: z.number().int(),
  share: z.number(),
  /** Flips that turned a wrong decision right, and right ones wrong (binary: vs the truth). */
  fixed: z.number().int(),
  broken: z.number().int(),
  examples: z.array(FlipExample),
});
export type DecisionFlips = z.infer<typeof DecisionFlips>;

export const CostLine = z.object({
  modelVersionId: z.string(),
  set: z.string(),
  currency: z.string(),
  costPer1000: Estimate,
  differencePer1000: MetricDifference.nullable().describe('Against the baseline; null for the baseline itself'),
  practice: z.object({ kind: z.string(), costPer1000: z.number() }).describe('The current practice on the same rows'),
  savingPer1000: z.number().describe('Practice cost minus this version’s cost: money saved per 1,000 predictions'),
  perMonth: z.object({ volume: z.number(), cost: z.number(), saving: z.number() }).nullable().describe('At the stated monthly volume'),
});
export type CostLine = z.infer<typeof CostLine>;

export const EventLine = z.object({
  modelVersionId: z.string(),
  set: z.string(),
  horizonHours: z.number(),
  failures: z.number().int().describe('Failure labels inside the period the set covers'),
  caught: z.number().int().describe('Failures with an alarm in the horizon before them'),
  caughtShare: z.number().nullable(),
  medianLeadHours: z.number().nullable().describe('Failure time minus the first alarm of its window, median over caught failures'),
  alarms: z.number().int(),
  falseAlarms: z.number().int(),
  falseAlarmsPerAssetDay: z.number().nullable(),
});
export type EventLine = z.infer<typeof EventLine>;

export const Comparison = z.object({
  useCaseId: z.string(),
  task: z.string(),
  createdAt: z.string(),
  baseline: z.string().describe('Model version id every difference is taken against'),
  versions: z.array(VersionRef),
  sets: z.array(SetRef),
  resamples: z.number().int(),
  confidence: z.number(),
  seed: z.number().int(),
  metrics: z.array(z.object({ name: z.string(), better: z.enum(['higher', 'lower']) })),
  cells: z.array(ComparisonCell),
  flips: z.array(DecisionFlips),
  cost: z.array(CostLine),
  events: z.array(EventLine).describe('Predictive maintenance, when the target comes from failure labels: failures caught, lead time, false alarms per asset-day'),
  seconds: z.number().describe('Time the comparison took on the server'),
});
export type Comparison = z.infer<typeof Comparison>;

export const GateRequest = z.object({
  candidate: ModelRefInput,
  against: ModelRefInput.default('champion'),
  tolerances: z
    .record(z.string(), z.number().min(0))
    .default({})
    .describe('Largest worsening allowed per metric (absolute; cost_per_1000 in money), on the benchmark and every edge-case set'),
  maxCostIncrease: z.number().min(0).default(0.02).describe('Largest relative rise of cost per 1,000 on the benchmark set (0.02 = 2%)'),
  requireModelTests: z.boolean().default(true),
  resamples: z.number().int().min(0).max(10_000).default(1000),
  seed: z.number().int().min(0).default(1),
});
export type GateRequest = z.input<typeof GateRequest>;

export const GateCheck = z.object({
  name: z.string(),
  passed: z.boolean(),
  measured: z.number().nullable(),
  limit: z.number().nullable(),
  detail: z.string(),
});
export type GateCheck = z.infer<typeof GateCheck>;

export const GateRecord = z.object({
  id: z.string(),
  useCaseId: z.string(),
  candidate: VersionRef,
  against: VersionRef.nullable().describe('Null when the use case had no version to compare with'),
  passed: z.boolean(),
  checks: z.array(GateCheck),
  sets: z.array(SetRef),
  settings: z.record(z.string(), z.unknown()),
  report: z.string().describe('Markdown, ready for a pull request comment'),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type GateRecord = z.infer<typeof GateRecord>;
