// Frozen evaluation sets (the pinned benchmark, append-only edge-case sets) and the model tests a use case declares.
import { z } from 'zod';
import { ColumnKind } from './datasets.js';
import { FeatureValue, InputRow } from './predict.js';

/** The pinned benchmark set of every use case answers to this name; no edge-case set may take it. */
export const BENCHMARK_SET_NAME = 'benchmark';
export const MAX_SET_ROWS_PER_APPEND = 10_000;

export const EvaluationSetName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, at most 63')
  .describe('Stable slug, e.g. "type-l" or "operator-flagged"');

/**
 * One condition on a column: `equals` a value (a category, a number, true/false; null = the value
 * is missing), or a closed numeric range `min <= value <= max` (either bound may be left out;
 * timestamps compare as epoch milliseconds). A slice is a list of conditions that must all hold.
 */
export const RowFilter = z
  .object({
    column: z.string().min(1),
    equals: FeatureValue.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((f) => (f.equals !== undefined) !== (f.min !== undefined || f.max !== undefined), {
    message: 'give either `equals` or a range (`min`, `max`)',
  });
export type RowFilter = z.infer<typeof RowFilter>;
export const RowSlice = z.array(RowFilter).max(20);
const PresentValue = z.union([z.number(), z.string(), z.boolean()]);
export type RowSlice = z.infer<typeof RowSlice>;

/**
 * Where appended rows come from:
 *   rows           rows an operator flagged, as values keyed by the dataset's column names
 *   row-numbers    1-based row numbers of a dataset version (default: the use case's own)
 *   slice          the benchmark rows matching every condition (a product type, an operating mode)
 *   sensor-health  the benchmark rows where a sensor is in a health state, told by a column (e.g. a
 *                  status flag, or readings outside the sensor's valid range); the trust stage will
 *                  supply these states itself later
 */
export const EvaluationSetSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rows'), rows: z.array(InputRow).min(1).max(MAX_SET_ROWS_PER_APPEND) }),
  z.object({
    kind: z.literal('row-numbers'),
    datasetVersionId: z.string().optional().describe("Default: the use case's dataset version"),
    rows: z.array(z.number().int().min(1)).min(1).max(MAX_SET_ROWS_PER_APPEND).describe('1-based data row numbers (the header is not a row)'),
  }),
  z.object({ kind: z.literal('slice'), where: RowSlice.min(1) }),
  z.object({
    kind: z.literal('sensor-health'),
    sensor: z.string().min(1).describe('The sensor (or model input) whose health the rows share'),
    state: z.string().min(1).max(100).describe('The state in plant words: "stuck", "out-of-range", "dropout"'),
    where: RowSlice.min(1).describe('The condition that marks the state on the benchmark rows'),
  }),
]);
export type EvaluationSetSource = z.infer<typeof EvaluationSetSource>;

/** What a version records of its source: the request's source, with operator rows counted rather than repeated. */
export const EvaluationSetOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rows'), count: z.number().int() }),
  z.object({ kind: z.literal('row-numbers'), datasetVersionId: z.string(), rows: z.array(z.number().int()) }),
  z.object({ kind: z.literal('slice'), datasetVersionId: z.string(), where: RowSlice }),
  z.object({ kind: z.literal('sensor-health'), datasetVersionId: z.string(), sensor: z.string(), state: z.string(), where: RowSlice }),
]);
export type EvaluationSetOrigin = z.infer<typeof EvaluationSetOrigin>;

export const AppendEvaluationSetRequest = z.object({
  name: EvaluationSetName,
  description: z.string().max(2000).optional().describe('Kept from the first append; later appends leave it as it is'),
  note: z.string().max(2000).default('').describe('Why these rows were added'),
  source: EvaluationSetSource,
});
export type AppendEvaluationSetRequest = z.input<typeof AppendEvaluationSetRequest>;

export const EvaluationSetVersion = z.object({
  name: z.string(),
  version: z.number().int(),
  rowCount: z.number().int(),
  addedRows: z.number().int(),
  hash: z.string().describe("sha256 of the version's rows (canonical JSON): equal hashes, identical rows"),
  source: EvaluationSetOrigin,
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type EvaluationSetVersion = z.infer<typeof EvaluationSetVersion>;

export const AppendEvaluationSetResponse = EvaluationSetVersion.extend({
  created: z.boolean().describe('False when every row was in the set already: no version is made'),
  skippedDuplicates: z.number().int().describe('Rows left out because the set holds identical ones'),
});
export type AppendEvaluationSetResponse = z.infer<typeof AppendEvaluationSetResponse>;

export const EvaluationSetSummary = z.object({
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  versions: z.array(EvaluationSetVersion).describe('Oldest first; the last is the newest'),
});
export type EvaluationSetSummary = z.infer<typeof EvaluationSetSummary>;

export const EvaluationSetQuery = z.object({
  version: z.coerce.number().int().min(1).optional().describe('Default: the newest'),
});

export const EvaluationSetColumn = z.object({ name: z.string(), kind: ColumnKind });
export type EvaluationSetColumn = z.infer<typeof EvaluationSetColumn>;

/** A set's rows as the serve stage's row reader takes them: values keyed by column (timestamps as ISO 8601 UTC). */
export const EvaluationSetContent = z.object({
  name: z.string(),
  version: z.number().int(),
  rowCount: z.number().int(),
  hash: z.string(),
  datasetVersionId: z.string().describe('The dataset version the columns come from (the benchmark: the rows too)'),
  keyColumns: z.array(z.string()).optional().describe('Benchmark only: the columns whose values pin its rows'),
  columns: z.array(EvaluationSetColumn),
  rows: z.array(InputRow),
});
export type EvaluationSetContent = z.infer<typeof EvaluationSetContent>;

// --- Model tests -------------------------------------------------------------------------------

/** Metrics a minimum-metric test can bound; the error metrics (rmse, mae) are bounded from above. */
export const MODEL_TEST_METRICS = {
  roc_auc: 'higher',
  pr_auc: 'higher',
  f1: 'higher',
  accuracy: 'higher',
  recall: 'higher',
  precision: 'higher',
  macro_f1: 'higher',
  rmse: 'lower',
  mae: 'lower',
} as const;
export type ModelTestMetric = keyof typeof MODEL_TEST_METRICS;

const SetChoice = z
  .object({ name: z.string().min(1).default(BENCHMARK_SET_NAME), version: z.number().int().min(1).optional().describe('Default: the newest at run time') })
  .default({ name: BENCHMARK_SET_NAME });

const Grid = z
  .object({ min: z.number(), max: z.number(), steps: z.number().int().min(2).max(50).default(10) })
  .refine((g) => g.max > g.min, { message: '`max` must be above `min`' })
  .describe('Evenly spaced values from min to max, both included');

const testBase = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
  set: SetChoice.describe('Which set the test runs on: the benchmark (default) or an edge-case set'),
  slice: RowSlice.default([]).describe('Only the set rows matching every condition'),
};

export const ModelTestSpec = z.discriminatedUnion('kind', [
  z.object({
    ...testBase,
    kind: z.literal('minimum-metric'),
    metric: z.enum(Object.keys(MODEL_TEST_METRICS) as [ModelTestMetric, ...ModelTestMetric[]]),
    threshold: z.number().describe('Passes when metric >= threshold (<= for rmse and mae)'),
  }),
  z.object({
    ...testBase,
    kind: z.literal('invariance'),
    input: z.string().min(1),
    values: z.array(PresentValue).min(1).max(100).optional().describe('Values to set the input to; default every level of a categorical input'),
    grid: Grid.optional().describe('A numeric input: values over this range'),
    maxFlips: z.number().int().min(0).default(0).describe('Rows whose decision may change; 0 = never'),
  }),
  z.object({
    ...testBase,
    kind: z.literal('direction'),
    input: z.string().min(1),
    direction: z.enum(['increasing', 'decreasing']).default('increasing').describe('How the failure risk must move as the input grows'),
    grid: Grid.optional().describe("Default: the input's training range in 10 steps"),
    tolerance: z.number().min(0).default(1e-9).describe('Score changes smaller than this are not violations'),
  }),
  z.object({
    ...testBase,
    kind: z.literal('sensor-failure'),
    input: z.string().min(1),
    failure: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('missing') }),
      z.object({ mode: z.literal('stuck'), value: PresentValue.describe('The constant the stuck sensor reads') }),
    ]),
    maxChangedFraction: z.number().min(0).max(1).describe('Share of rows whose decision may change, e.g. 0.05'),
  }),
]);
export type ModelTestSpec = z.infer<typeof ModelTestSpec>;
export type ModelTestSpecInput = z.input<typeof ModelTestSpec>;
export type ModelTestKind = ModelTestSpec['kind'];

export const ModelTest = z.object({ id: z.string(), useCaseId: z.string(), spec: ModelTestSpec, createdAt: z.string(), createdBy: z.string() });
export type ModelTest = z.infer<typeof ModelTest>;

export const ModelTestResult = z.object({
  name: z.string(),
  kind: z.enum(['minimum-metric', 'invariance', 'direction', 'sensor-failure']),
  passed: z.boolean(),
  measured: z.number().nullable().describe('The metric; flipped or violating rows; the changed share. Null when undefined (e.g. AUC with one class)'),
  threshold: z.number(),
  comparison: z.enum(['>=', '<=']).describe('passed = measured <comparison> threshold'),
  set: z.object({ name: z.string(), version: z.number().int(), hash: z.string() }),
  rows: z.number().int().describe('Set rows the test ran on (after the slice)'),
  message: z.string(),
  examples: z.array(z.record(z.string(), z.unknown())).describe('Up to 5 rows that fail, with what changed'),
});
export type ModelTestResult = z.infer<typeof ModelTestResult>;

export const ModelTestRun = z.object({
  useCaseId: z.string(),
  model: z.object({ id: z.string(), version: z.number().int() }),
  passed: z.boolean().describe('Every test passed (true when none is declared)'),
  ranAt: z.string(),
  tests: z.array(ModelTestResult),
});
export type ModelTestRun = z.infer<typeof ModelTestRun>;
