// Metric history: every version of a use case, oldest first, with its held-out metrics, lineage and aliases.
import type { MetricsHistory } from '@shopfloor/contracts';
import type { Repositories } from '../store/index.js';
import { toModelVersion } from './model-record.js';

export async function metricsHistory(repos: Repositories, useCaseId: string): Promise<MetricsHistory> {
  const [records, aliases] = await Promise.all([repos.modelVersions.listForUseCase(useCaseId), repos.modelAliases.listForUseCase(useCaseId)]);
  const versions = records.map((r) => {
    const m = toModelVersion(r, aliases.filter((a) => a.modelVersionId === r.id).map((a) => a.alias));
    return {
      modelVersionId: m.id,
      version: m.version,
      createdAt: m.createdAt,
      createdBy: m.createdBy,
      datasetVersionId: m.datasetVersionId,
      codeVersion: m.codeVersion,
      aliases: m.aliases,
      metrics: m.metrics,
    };
  });
  const names = new Set(versions.flatMap((v) => Object.keys(v.metrics)));
  return { useCaseId, metrics: [...names].sort(), versions };
}
