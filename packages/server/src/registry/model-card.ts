// The model card: what a version is for, what it learned from, how well it did, how it copes with sensors, and its known limits.
import type { ModelCard, UseCase } from '@shopfloor/contracts';
import type { Repositories } from '../store/index.js';
import { StoredMetrics, toModelVersion } from './model-record.js';
import { resolveModelRef } from './model-ref.js';
import { sensorRobustnessOf } from './sensor-robustness.js';

/** The card of the version `ref` (number, alias or id) of `useCase`; everything is read from what was stored. */
export async function modelCard(repos: Repositories, useCase: UseCase, ref: string): Promise<ModelCard> {
  const record = await resolveModelRef(repos, useCase.id, ref);
  const [aliases, datasetVersion, creator, limits, robustness] = await Promise.all([
    repos.modelAliases.listForUseCase(useCase.id),
    repos.datasetVersions.get(record.datasetVersionId),
    repos.users.get(record.createdBy),
    repos.knownLimits.get(record.id),
    repos.robustnessRecords.latest(record.id),
  ]);
  const dataset = datasetVersion === null ? null : await repos.datasets.get(datasetVersion.datasetId);
  const limitsAuthor = limits === null ? null : await repos.users.get(limits.updatedBy);
  const model = toModelVersion(record, aliases.filter((a) => a.modelVersionId === record.id).map((a) => a.alias));
  const training = StoredMetrics.parse(record.metrics).training;
  return {
    useCaseId: useCase.id,
    useCaseName: useCase.name,
    modelVersionId: model.id,
    version: model.version,
    aliases: model.aliases,
    intendedUse: {
      decision: useCase.decision,
      task: useCase.task,
      target: useCase.target,
      classes: useCase.classes ?? null,
      costs: useCase.costs,
      inputs: useCase.inputs,
    },
    lineage: {
      datasetVersionId: model.datasetVersionId,
      datasetName: dataset?.name ?? null,
      fileName: datasetVersion?.fileName ?? null,
      params: model.params,
      codeVersion: model.codeVersion,
      artifactSha256: model.artifactSha256,
      createdAt: model.createdAt,
      createdBy: { id: model.createdBy, name: creator?.name ?? null },
    },
    dataWindow: {
      datasetVersionId: model.datasetVersionId,
      datasetRows: datasetVersion?.rowCount ?? null,
      rows: training?.rows ?? null,
      timeColumn: training?.timeColumn ?? useCase.timeColumn ?? null,
      from: training?.from ?? null,
      to: training?.to ?? null,
    },
    metrics: model.metrics,
    decisionRule: model.decisionRule,
    featureImportance: model.featureImportance,
    sensorRobustness: sensorRobustnessOf(useCase, robustness),
    knownLimits: limits === null ? null : { ...limits, updatedByName: limitsAuthor?.name ?? null },
  };
}
