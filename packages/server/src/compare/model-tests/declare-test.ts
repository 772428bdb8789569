// Declaring a model test on a use case: checked against its inputs, task and set (so a bad test fails now, not at run), stored once.
import { BENCHMARK_SET_NAME, ModelTestSpec, type EvaluationSetColumn, type ModelTest, type User } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { newId, type ModelTestRecord, type Repositories, type Store } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import { getDatasetVersion } from '../../ingest/index.js';
import { BENCHMARK_VERSION } from '../sets/benchmark-set.js';
import { findSetVersion, setNotFound } from '../sets/load-set.js';
import { checkSlice } from '../sets/row-filter.js';
import { decodeContent } from '../sets/set-rows.js';
import { checkMetric } from './metric-test.js';
import { checkValue, directionValues, inputOf, invarianceValues } from './test-values.js';

export interface ModelTestDeps {
  store: Store;
  clock: Clock;
}

/** The columns the test's set has: the use case's dataset columns (every set shares them). */
async function setColumns(repos: Repositories, stored: StoredUseCase, spec: ModelTestSpec): Promise<EvaluationSetColumn[]> {
  const { name, version } = spec.set;
  if (name === BENCHMARK_SET_NAME) {
    if (version !== undefined && version !== BENCHMARK_VERSION) throw setNotFound(stored.useCase.id, name, version);
    const dv = await getDatasetVersion(repos, stored.useCase.datasetVersionId);
    return dv.columns.map((c) => ({ name: c.name, kind: c.kind }));
  }
  const found = await findSetVersion(repos, stored.useCase.id, spec.set);
  return decodeContent((await repos.artifacts.get(found.version.artifactSha256)).bytes, found.version.artifactSha256).columns;
}

/** MODEL_TEST_INVALID naming the field, EVALUATION_SET_NOT_FOUND, or nothing. */
export async function checkModelTest(repos: Repositories, stored: StoredUseCase, spec: ModelTestSpec): Promise<void> {
  const { useCase } = stored;
  checkSlice(await setColumns(repos, stored, spec), spec.slice, 'MODEL_TEST_INVALID', 'slice');
  switch (spec.kind) {
    case 'minimum-metric':
      return checkMetric(useCase.task, spec.metric);
    case 'invariance':
      invarianceValues(inputOf(useCase, spec.input), spec);
      return;
    case 'direction':
      directionValues(inputOf(useCase, spec.input), spec);
      return;
    case 'sensor-failure': {
      const input = inputOf(useCase, spec.input);
      if (spec.failure.mode === 'stuck') checkValue(input, spec.failure.value, 'failure.value');
      return;
    }
  }
}

export function toModelTest(record: ModelTestRecord): ModelTest {
  return { id: record.id, useCaseId: record.useCaseId, spec: ModelTestSpec.parse(record.spec), createdAt: record.createdAt, createdBy: record.createdBy };
}

/** Stores the test under its name (MODEL_TEST_EXISTS when taken) with an audit entry, in one transaction. */
export async function declareModelTest(deps: ModelTestDeps, actor: User, useCaseId: string, spec: ModelTestSpec): Promise<ModelTest> {
  const stored = await loadUseCase(deps.store, useCaseId);
  await checkModelTest(deps.store, stored, spec);
  const now = deps.clock.now().toISOString();
  const record: ModelTestRecord = { id: newId('mt'), useCaseId, name: spec.name, kind: spec.kind, spec, createdAt: now, createdBy: actor.id };
  return deps.store.transaction(async (tx) => {
    await tx.modelTests.insert(record);
    await tx.audit.append({ id: newId('aud'), at: now, userId: actor.id, action: 'model-test.declare', subject: `use-case:${useCaseId}`, details: { name: spec.name, kind: spec.kind } });
    return toModelTest(record);
  });
}

/** In declaration order; USE_CASE_NOT_FOUND. */
export async function listModelTests(repos: Repositories, useCaseId: string): Promise<ModelTest[]> {
  await loadUseCase(repos, useCaseId);
  return (await repos.modelTests.listForUseCase(useCaseId)).map(toModelTest);
}
