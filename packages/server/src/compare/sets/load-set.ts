// Reading evaluation sets back: one version's rows (the benchmark by the same call), a set's versions, a use case's sets.
import { BENCHMARK_SET_NAME, EvaluationSetOrigin, ShopfloorError, type EvaluationSetContent, type EvaluationSetSummary, type EvaluationSetVersion } from '@shopfloor/contracts';
import type { EvaluationSetRecord, EvaluationSetVersionRecord, Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { loadBenchmarkSet } from './benchmark-set.js';
import { decodeContent, toInputRows } from './set-rows.js';

export interface SetChoice {
  name: string;
  /** Default: the newest. */
  version?: number | undefined;
}

export function setNotFound(useCaseId: string, name: string, version?: number): ShopfloorError {
  const what = version === undefined ? `an evaluation set named "${name}"` : `version ${version} of evaluation set "${name}"`;
  return new ShopfloorError('EVALUATION_SET_NOT_FOUND', `Use case "${useCaseId}" has no ${what}`, { useCaseId, name, ...(version === undefined ? {} : { version }) });
}

export function toSetVersion(set: EvaluationSetRecord, v: EvaluationSetVersionRecord): EvaluationSetVersion {
  return {
    name: set.name,
    version: v.version,
    rowCount: v.rowCount,
    addedRows: v.addedRows,
    hash: v.artifactSha256,
    source: EvaluationSetOrigin.parse(v.source),
    note: v.note,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
  };
}

/** The set record and the chosen version's record; USE_CASE_NOT_FOUND or EVALUATION_SET_NOT_FOUND. */
export async function findSetVersion(repos: Repositories, useCaseId: string, choice: SetChoice): Promise<{ set: EvaluationSetRecord; version: EvaluationSetVersionRecord }> {
  await loadUseCase(repos, useCaseId);
  const set = await repos.evaluationSets.get(useCaseId, choice.name);
  if (set === null) throw setNotFound(useCaseId, choice.name);
  const version = choice.version === undefined ? await repos.evaluationSets.latestVersion(set.id) : await repos.evaluationSets.getVersion(set.id, choice.version);
  if (version === null) throw setNotFound(useCaseId, choice.name, choice.version);
  return { set, version };
}

/**
 * The rows of one set version, in the shape the serve stage's row reader takes (values keyed by the
 * dataset's columns); evaluationSetTable() turns them into a typed table for learn's matrix.
 * "benchmark" is the pinned benchmark set (version 1 only). Every caller reports name, version and
 * hash with its result, so the exact rows used can be named later.
 */
export async function loadEvaluationSet(repos: Repositories, useCaseId: string, choice: SetChoice): Promise<EvaluationSetContent> {
  if (choice.name === BENCHMARK_SET_NAME) {
    const benchmark = await loadBenchmarkSet(repos, useCaseId);
    if (choice.version !== undefined && choice.version !== benchmark.version) throw setNotFound(useCaseId, choice.name, choice.version);
    return benchmark;
  }
  const { set, version } = await findSetVersion(repos, useCaseId, choice);
  const artifact = await repos.artifacts.get(version.artifactSha256);
  const content = decodeContent(artifact.bytes, artifact.sha256);
  const { datasetVersionId } = (await loadUseCase(repos, useCaseId)).useCase;
  return { name: set.name, version: version.version, rowCount: content.rows.length, hash: version.artifactSha256, datasetVersionId, columns: content.columns, rows: toInputRows(content) };
}

/** Every edge-case set of the use case, by name, with all its versions (the benchmark is read with loadBenchmarkSet). */
export async function listEvaluationSets(repos: Repositories, useCaseId: string): Promise<EvaluationSetSummary[]> {
  await loadUseCase(repos, useCaseId);
  const sets = await repos.evaluationSets.listForUseCase(useCaseId);
  return Promise.all(
    sets.map(async (set) => ({
      name: set.name,
      description: set.description,
      createdAt: set.createdAt,
      createdBy: set.createdBy,
      versions: (await repos.evaluationSets.listVersions(set.id)).map((v) => toSetVersion(set, v)),
    })),
  );
}
