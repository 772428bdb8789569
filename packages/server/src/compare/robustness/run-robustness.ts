// A model version's sensor-robustness record: load the version and its pinned benchmark, replay every sensor failure, append the record.
import { performance } from 'node:perf_hooks';
import { BENCHMARK_SET_NAME, DecisionRule, RobustnessRequest, ShopfloorError, type RobustnessRecord, type User } from '@shopfloor/contracts';
import { loadStandingLabels } from '../../label/index.js';
import { resolveModelRef, type ModelCache } from '../../registry/index.js';
import { newId, type Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { BENCHMARK_VERSION, benchmarkHash, benchmarkRows } from '../sets/benchmark-set.js';
import { replaySensorFailures } from './replay.js';

export interface RobustnessDeps {
  repos: Repositories;
  models: ModelCache;
  now: () => Date;
}

/**
 * Replays the use case's benchmark with each sensor of version `ref` failed in each mode and appends the
 * record (USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, ROBUSTNESS_INVALID).
 */
export async function assessRobustness(
  deps: RobustnessDeps,
  actor: User,
  useCaseId: string,
  ref: string | number,
  request: RobustnessRequest = {},
  trigger: RobustnessRecord['trigger'] = 'request',
): Promise<RobustnessRecord> {
  const started = performance.now();
  const { seed } = RobustnessRequest.parse(request);
  const stored = await loadUseCase(deps.repos, useCaseId);
  const { useCase } = stored;
  const record = await resolveModelRef(deps.repos, useCaseId, ref);
  const b = await benchmarkRows(deps.repos, stored);
  const labels = useCase.labelTarget === undefined ? [] : await loadStandingLabels(deps.repos, useCaseId, useCase.labelTarget.classes);
  const version = { ref: { id: record.id, version: record.version, aliases: [] }, model: await deps.models.get(record), decisionRule: DecisionRule.parse(record.threshold) };
  const setRef = { name: BENCHMARK_SET_NAME, version: BENCHMARK_VERSION, hash: benchmarkHash(b), rows: b.rows.length };
  const replay = replaySensorFailures(useCase, { ref: setRef, table: b.table, rows: b.rows }, version, labels, seed);
  return deps.repos.robustnessRecords.insert({
    id: newId('rob'),
    useCaseId,
    modelVersionId: record.id,
    version: record.version,
    createdAt: deps.now().toISOString(),
    createdBy: actor.id,
    trigger,
    seed,
    set: { ...setRef, rows: replay.rows },
    metric: replay.metric,
    better: replay.better,
    currency: useCase.costs.currency,
    sensorSource: replay.sensorSource,
    baseline: replay.baseline,
    sensors: replay.sensors,
    seconds: (performance.now() - started) / 1000,
  });
}

/** The newest record of version `ref`; ROBUSTNESS_NOT_FOUND when it was never assessed. */
export async function latestRobustness(repos: Repositories, useCaseId: string, ref: string | number): Promise<RobustnessRecord> {
  await loadUseCase(repos, useCaseId);
  const record = await resolveModelRef(repos, useCaseId, ref);
  const latest = await repos.robustnessRecords.latest(record.id);
  if (latest === null) {
    throw new ShopfloorError('ROBUSTNESS_NOT_FOUND', `Version ${record.version} of "${useCaseId}" has no sensor-robustness record yet: run the replay first`, {
      useCaseId,
      modelVersionId: record.id,
    });
  }
  return latest;
}
