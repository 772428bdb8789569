// Running every declared model test on one model version, through the same predictor the prediction service uses.
import { ModelTestSpec, type EvaluationSetContent, type Label, type ModelTestResult, type ModelTestRun } from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { loadStandingLabels } from '../../label/index.js';
import { createModelCache, resolveModelRef, type ModelCache } from '../../registry/index.js';
import { versionPredictor, type Predictor } from '../../serve/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import { loadEvaluationSet } from '../sets/load-set.js';
import { sliceRows } from '../sets/row-filter.js';
import type { Outcome, TestContext } from './context.js';
import { runDirectionTest } from './direction-test.js';
import { runInvarianceTest } from './invariance-test.js';
import { runMetricTest } from './metric-test.js';
import { runSensorFailureTest } from './sensor-failure-test.js';

export interface RunTestsDeps {
  store: Repositories;
  clock: Clock;
  /** Loaded models; a facade passes its own so a version is parsed once. Default: a cache for this run. */
  models?: ModelCache | undefined;
}

function runKind(ctx: TestContext, spec: ModelTestSpec): Outcome {
  switch (spec.kind) {
    case 'minimum-metric':
      return runMetricTest(ctx, spec);
    case 'invariance':
      return runInvarianceTest(ctx, spec);
    case 'direction':
      return runDirectionTest(ctx, spec);
    case 'sensor-failure':
      return runSensorFailureTest(ctx, spec);
  }
}

function runOne(stored: StoredUseCase, predictor: Predictor, set: EvaluationSetContent, spec: ModelTestSpec, standingLabels: readonly Label[]): ModelTestResult {
  const setRows = sliceRows(set.rows, spec.slice);
  const ctx: TestContext = { useCase: stored.useCase, predictor, rows: setRows.map((i) => set.rows[i]!), setRows, columns: set.columns, standingLabels };
  const outcome = runKind(ctx, spec);
  return { name: spec.name, kind: spec.kind, ...outcome, set: { name: set.name, version: set.version, hash: set.hash }, rows: ctx.rows.length };
}

/**
 * Every test declared on the use case, on the version `modelVersionRef` names (a number, an alias
 * such as champion, or an id). Each set version is loaded once per run; a test without a version
 * runs on its set's newest, and every result names the set version and hash it used.
 * USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, EVALUATION_SET_NOT_FOUND.
 */
export async function runModelTests(deps: RunTestsDeps, useCaseId: string, modelVersionRef: string | number): Promise<ModelTestRun> {
  const stored = await loadUseCase(deps.store, useCaseId);
  const record = await resolveModelRef(deps.store, useCaseId, modelVersionRef);
  const predictor = await versionPredictor(deps.models ?? createModelCache(deps.store), stored, record);
  const specs = (await deps.store.modelTests.listForUseCase(useCaseId)).map((t) => ModelTestSpec.parse(t.spec));
  const sets = new Map<string, Promise<EvaluationSetContent>>();
  const setOf = (choice: ModelTestSpec['set']) => {
    const key = `${choice.name}@${choice.version ?? 'newest'}`;
    let set = sets.get(key);
    if (set === undefined) {
      set = loadEvaluationSet(deps.store, useCaseId, choice);
      sets.set(key, set);
    }
    return set;
  };
  const labelTarget = stored.useCase.labelTarget;
  const standingLabels = labelTarget === undefined ? [] : await loadStandingLabels(deps.store, useCaseId, labelTarget.classes);
  const tests: ModelTestResult[] = [];
  for (const spec of specs) tests.push(runOne(stored, predictor, await setOf(spec.set), spec, standingLabels));
  return { useCaseId, model: { id: record.id, version: record.version }, passed: tests.every((t) => t.passed), ranAt: deps.clock.now().toISOString(), tests };
}
