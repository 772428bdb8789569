// Reading the registry: a use case's versions with their aliases, and the version an alias points at.
import { ShopfloorError, type ModelVersion } from '@shopfloor/contracts';
import type { ModelVersionRecord, Repositories } from '../store/index.js';
import { toModelVersion } from './model-record.js';
import { CHAMPION } from './register.js';

/** Newest first. */
export async function listModels(repos: Repositories, useCaseId: string): Promise<ModelVersion[]> {
  const [records, aliases] = await Promise.all([repos.modelVersions.listForUseCase(useCaseId), repos.modelAliases.listForUseCase(useCaseId)]);
  const namesOf = (id: string) => aliases.filter((a) => a.modelVersionId === id).map((a) => a.alias);
  return records.reverse().map((r) => toModelVersion(r, namesOf(r.id)));
}

/** The id of the version the champion alias names; MODEL_NO_CHAMPION when there is none yet. */
export async function championId(repos: Repositories, useCaseId: string): Promise<string> {
  const alias = await repos.modelAliases.get(useCaseId, CHAMPION);
  if (alias === null) {
    throw new ShopfloorError('MODEL_NO_CHAMPION', `Use case "${useCaseId}" has no champion model yet: train one that beats the no-model cost`, { useCaseId });
  }
  return alias.modelVersionId;
}

export async function getModelRecord(repos: Repositories, id: string): Promise<ModelVersionRecord> {
  const record = await repos.modelVersions.get(id);
  if (record === null) throw new ShopfloorError('MODEL_NOT_FOUND', `No model version has id "${id}"`, { modelVersionId: id });
  return record;
}
