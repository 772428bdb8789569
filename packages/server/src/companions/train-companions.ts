// Trains and stores a model version's companions: the same data, parameters and split, one sensor input left out each.
import { CompanionRequest, type CompanionModel, type User } from '@shopfloor/contracts';
import { loadDatasetTable, type TypedTable } from '../ingest/index.js';
import { loadStandingLabels } from '../label/index.js';
import { trainModel } from '../learn/index.js';
import { resolveModelRef } from '../registry/index.js';
import { newId, type ModelVersionRecord, type Store } from '../store/index.js';
import { loadBenchmark, loadUseCase, type StoredUseCase } from '../use-cases/index.js';
import { mostCriticalSensors } from './choose-sensors.js';
import { versionTrainingParams } from './companion-params.js';

export interface CompanionDeps {
  store: Store;
  now: () => Date;
}

interface Source {
  stored: StoredUseCase;
  record: ModelVersionRecord;
  table: TypedTable;
}

/** The use case as the version saw it, minus one input (and its feature spec). */
function without(stored: StoredUseCase, leftOut: string): StoredUseCase['useCase'] {
  const { useCase } = stored;
  return { ...useCase, inputs: useCase.inputs.filter((i) => i.name !== leftOut), features: useCase.features.filter((f) => f.name !== leftOut) };
}

async function trainOne(deps: CompanionDeps, actor: User, src: Source, leftOut: { feature: string; sensorId: string | null; rank: number }, robustnessRecordId: string, trigger: CompanionModel['trigger']): Promise<CompanionModel> {
  const { store } = deps;
  const { stored, record } = src;
  const useCase = without(stored, leftOut.feature);
  // A target from labels reads the labels standing now, as training does (the version's lineage names the ones it used).
  const labels = useCase.labelTarget === undefined ? undefined : await loadStandingLabels(store, useCase.id, useCase.labelTarget.classes);
  const trained = await trainModel({ useCase, table: src.table, benchmark: await loadBenchmark(store, stored), params: versionTrainingParams(record.params), labels });
  const createdAt = deps.now().toISOString();
  return store.transaction(async (tx) => {
    const artifactSha256 = await tx.artifacts.put('model', Buffer.from(trained.modelText, 'utf8'), createdAt);
    const companion: CompanionModel = {
      id: newId('cmp'),
      useCaseId: useCase.id,
      modelVersionId: record.id,
      version: record.version,
      leftOut: leftOut.feature,
      sensorId: leftOut.sensorId,
      criticalityRank: leftOut.rank,
      robustnessRecordId,
      inputs: trained.model.features.map((f) => f.name),
      decisionRule: trained.decisionRule,
      metrics: trained.metrics,
      artifactSha256,
      createdAt,
      createdBy: actor.id,
      trigger,
    };
    const inserted = await tx.companionModels.insert(companion);
    return inserted ? companion : ((await tx.companionModels.get(record.id, leftOut.feature)) ?? companion);
  });
}

/**
 * Trains a companion for each of the k most critical sensors of version `ref`'s newest robustness
 * record that has none yet (stored ones are kept, never retrained: same inputs, same model). Returns
 * every companion of the version. USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, COMPANION_INVALID.
 */
export async function trainCompanions(deps: CompanionDeps, actor: User, useCaseId: string, ref: string | number, request: CompanionRequest = {}, trigger: CompanionModel['trigger'] = 'request'): Promise<CompanionModel[]> {
  const { k } = CompanionRequest.parse(request);
  const { store } = deps;
  const stored = await loadUseCase(store, useCaseId);
  const record = await resolveModelRef(store, useCaseId, ref);
  const robustness = await store.robustnessRecords.latest(record.id);
  const chosen = mostCriticalSensors(robustness, record.id, k);
  const have = new Set((await store.companionModels.list(record.id)).map((c) => c.leftOut));
  const missing = chosen.filter((s) => !have.has(s.feature));
  if (missing.length > 0) {
    const { table } = await loadDatasetTable(store, record.datasetVersionId);
    // One at a time: each fit already uses every core.
    for (const s of missing) await trainOne(deps, actor, { stored, record, table }, { feature: s.feature, sensorId: s.sensorId, rank: s.rank }, robustness!.id, trigger);
  }
  return store.companionModels.list(record.id);
}

/** A version's stored companions (may be none); USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID. */
export async function listCompanions(store: Store, useCaseId: string, ref: string | number): Promise<CompanionModel[]> {
  await loadUseCase(store, useCaseId);
  const record = await resolveModelRef(store, useCaseId, ref);
  return store.companionModels.list(record.id);
}
