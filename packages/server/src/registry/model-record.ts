// How a model version is kept in the store (metrics_json, threshold_json) and read back into the contracts' ModelVersion.
import { z } from 'zod';
import { DecisionRule, Metrics, TrainingRows, type ModelVersion } from '@shopfloor/contracts';
import type { ModelVersionRecord } from '../store/index.js';

export const FeatureImportance = z.array(z.object({ feature: z.string(), gain: z.number() }));
export type FeatureImportance = z.infer<typeof FeatureImportance>;

/** What the training learned from: its row counts and, with a time column, the time range (learn/'s RowCounts and TrainingWindow). */
export const StoredTraining = z.object({
  rows: TrainingRows,
  timeColumn: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type StoredTraining = z.infer<typeof StoredTraining>;

/**
 * metrics_json: the held-out metrics and the gain importance measured in the same training, and
 * (since the registry's model cards) the training's rows and time range: absent in older records.
 */
export const StoredMetrics = z.object({ metrics: Metrics, featureImportance: FeatureImportance, training: StoredTraining.optional() });
export type StoredMetrics = z.infer<typeof StoredMetrics>;

/** A stored model version as the API shows it; `aliases` are the names pointing at it now. */
export function toModelVersion(record: ModelVersionRecord, aliases: readonly string[]): ModelVersion {
  const stored = StoredMetrics.parse(record.metrics);
  return {
    id: record.id,
    useCaseId: record.useCaseId,
    version: record.version,
    datasetVersionId: record.datasetVersionId,
    params: z.record(z.string(), z.unknown()).parse(record.params),
    codeVersion: record.codeVersion,
    metrics: stored.metrics,
    decisionRule: DecisionRule.parse(record.threshold),
    featureImportance: stored.featureImportance,
    aliases: [...aliases].sort(),
    artifactSha256: record.artifactSha256,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
}
