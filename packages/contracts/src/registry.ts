// The registry's answers beyond a version: movable aliases and their history, the model card, metric history.
import { z } from 'zod';
import { Costs, ModelInput, Task } from './use-cases.js';
import { DecisionRule, Metrics } from './models.js';

export const MODEL_ALIASES = ['champion', 'challenger', 'shadow'] as const;
export const ModelAliasName = z.enum(MODEL_ALIASES);
export type ModelAliasName = z.infer<typeof ModelAliasName>;

/** The aliases that may be removed; the champion only moves (serving reads it). */
export const REMOVABLE_ALIASES = ['challenger', 'shadow'] as const;

export const ModelRef = z
  .string()
  .min(1)
  .describe('A version number (3 or v3), an alias (champion, challenger, shadow) or a model version id (mv_...)');

export const MoveAliasRequest = z.object({
  version: z
    .union([z.number().int().min(1), z.string().min(1)])
    .describe('The version to point at: a number, an alias or a model version id'),
  reason: z.string().trim().max(2000).default('').describe('Why; required when moving the champion'),
});
export type MoveAliasRequest = z.input<typeof MoveAliasRequest>;

export const RemoveAliasQuery = z.object({ reason: z.string().trim().max(2000).default('') });
export type RemoveAliasQuery = z.input<typeof RemoveAliasQuery>;

/** One move of an alias: `modelVersionId` null when it was removed, `previous*` null when it was first set. */
export const AliasEvent = z.object({
  id: z.string(),
  useCaseId: z.string(),
  seq: z.number().int().describe('1, 2, 3... per use case, in the order the moves happened'),
  alias: z.string(),
  modelVersionId: z.string().nullable(),
  version: z.number().int().nullable(),
  previousModelVersionId: z.string().nullable(),
  previousVersion: z.number().int().nullable(),
  reason: z.string(),
  at: z.string(),
  by: z.string().describe('User id'),
});
export type AliasEvent = z.infer<typeof AliasEvent>;

export const AliasState = z.object({
  alias: z.string(),
  modelVersionId: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AliasState = z.infer<typeof AliasState>;

export const AliasesResponse = z.object({
  useCaseId: z.string(),
  aliases: z.array(AliasState),
  history: z.array(AliasEvent).describe('Newest first'),
});
export type AliasesResponse = z.infer<typeof AliasesResponse>;

/** What one PUT or DELETE did: `changed` false (and no event) when the alias already pointed there. */
export const AliasChange = z.object({
  changed: z.boolean(),
  alias: AliasState.nullable().describe('The alias now; null after a removal'),
  event: AliasEvent.nullable(),
});
export type AliasChange = z.infer<typeof AliasChange>;

/** Rows of one training, as counted by learn/ (its RowCounts). */
export const TrainingRows = z.object({
  fit: z.number().int(),
  validation: z.number().int(),
  test: z.number().int(),
  benchmarkExcluded: z.number().int(),
  missingTarget: z.number().int(),
});
export type TrainingRows = z.infer<typeof TrainingRows>;

/** What a model was trained on: the dataset version, its row counts and (with a time column) the time range. */
export const DataWindow = z.object({
  datasetVersionId: z.string(),
  datasetRows: z.number().int().nullable().describe('Rows of the whole dataset version'),
  rows: TrainingRows.nullable().describe('Null for versions registered before row counts were kept'),
  timeColumn: z.string().nullable(),
  from: z
    .string()
    .nullable()
    .describe('Earliest training row (fit + validation) by the time column: ISO 8601 UTC for a timestamp column, the number for a numeric one'),
  to: z.string().nullable().describe('Latest training row, as `from`'),
});
export type DataWindow = z.infer<typeof DataWindow>;

export const KnownLimitsRequest = z.object({ text: z.string().max(20_000).describe('Known limits in plain words; Markdown allowed') });
export type KnownLimitsRequest = z.input<typeof KnownLimitsRequest>;

export const KnownLimits = z.object({
  modelVersionId: z.string(),
  text: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().describe('User id'),
});
export type KnownLimits = z.infer<typeof KnownLimits>;

export const ROBUSTNESS_STATUS = ['not-assessed', 'assessed'] as const;

/** How the model behaves when a sensor is knocked or fails: from the version's newest robustness record (robustness.ts), `not-assessed` without one. */
export const SensorRobustness = z.object({
  status: z.enum(ROBUSTNESS_STATUS),
  summary: z.string(),
  sensors: z.array(
    z.object({
      feature: z.string(),
      sensorId: z.string().nullable(),
      status: z.enum(ROBUSTNESS_STATUS),
      finding: z.string().nullable(),
    }),
  ),
});
export type SensorRobustness = z.infer<typeof SensorRobustness>;

export const ModelCard = z.object({
  useCaseId: z.string(),
  useCaseName: z.string(),
  modelVersionId: z.string(),
  version: z.number().int(),
  aliases: z.array(z.string()),
  intendedUse: z.object({
    decision: z.string().describe("The use case's decision in plant words"),
    task: Task,
    target: z.string(),
    classes: z.array(z.string()).nullable(),
    costs: Costs,
    inputs: z.array(ModelInput),
  }),
  lineage: z.object({
    datasetVersionId: z.string(),
    datasetName: z.string().nullable(),
    fileName: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    codeVersion: z.string(),
    artifactSha256: z.string(),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
  }),
  dataWindow: DataWindow,
  metrics: Metrics,
  decisionRule: DecisionRule,
  featureImportance: z.array(z.object({ feature: z.string(), gain: z.number() })),
  sensorRobustness: SensorRobustness,
  knownLimits: KnownLimits.extend({ updatedByName: z.string().nullable() }).nullable().describe('Written by an engineer; null until someone does'),
});
export type ModelCard = z.infer<typeof ModelCard>;

export const MetricsHistoryEntry = z.object({
  modelVersionId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  datasetVersionId: z.string(),
  codeVersion: z.string(),
  aliases: z.array(z.string()),
  metrics: Metrics,
});
export type MetricsHistoryEntry = z.infer<typeof MetricsHistoryEntry>;

export const MetricsHistory = z.object({
  useCaseId: z.string(),
  metrics: z.array(z.string()).describe('Metric names present in at least one version'),
  versions: z.array(MetricsHistoryEntry).describe("Oldest first; each version's metrics on its own held-out split at training time"),
});
export type MetricsHistory = z.infer<typeof MetricsHistory>;
