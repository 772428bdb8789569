// The gate: compare a candidate with the version it would replace, check tolerances, cost and model tests, store the record.
import { GateRequest, type GateCheck, type GateRecord, type User } from '@shopfloor/contracts';
import { resolveModelRef } from '../../registry/index.js';
import { newId } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { DEFAULT_TOLERANCES, checkTolerances, comparisonChecks, noModelCheck } from './gate-checks.js';
import { metricSpecs } from './metric-table.js';
import { renderGateReport } from './report.js';
import { compareVersions, type CompareDeps, type SetSource } from './run-comparison.js';

/** Runs the use case's declared model tests on a version, one check per test (empty when none are declared). */
export type ModelTestChecks = (useCaseId: string, modelVersionId: string) => Promise<GateCheck[]>;

export interface GateDeps extends CompareDeps {
  edgeSets?: SetSource | undefined;
  modelTests?: ModelTestChecks | undefined;
}

/**
 * Gates `candidate` against `against` (default: the champion; when the use case has none, only the
 * no-model bar and the model tests apply). Every run is stored, pass or fail, and returned.
 */
export async function runGate(deps: GateDeps, actor: User, useCaseId: string, request: GateRequest): Promise<GateRecord> {
  const req = GateRequest.parse(request);
  const { useCase } = await loadUseCase(deps.repos, useCaseId);
  const candidate = await resolveModelRef(deps.repos, useCaseId, req.candidate, 'candidate');
  const against = await resolveModelRef(deps.repos, useCaseId, req.against, 'against').catch((e: unknown) => {
    if (req.against === 'champion' && (e as { code?: string }).code === 'MODEL_ALIAS_NOT_SET') return null;
    throw e;
  });
  const tolerances = { ...DEFAULT_TOLERANCES[useCase.task], ...req.tolerances };
  checkTolerances({ metrics: metricSpecs(useCase.costs) }, tolerances); // before the (costly) comparison
  const versions = against === null || against.id === candidate.id ? [candidate.id] : [against.id, candidate.id];
  const comparison = await compareVersions(deps, useCaseId, { versions, resamples: req.resamples, seed: req.seed }, deps.edgeSets);
  const checks: GateCheck[] = [];
  if (versions.length === 2) checks.push(...comparisonChecks(comparison, { tolerances, maxCostIncrease: req.maxCostIncrease }));
  checks.push(noModelCheck(comparison));
  if (req.requireModelTests && deps.modelTests !== undefined) checks.push(...(await deps.modelTests(useCaseId, candidate.id)));
  const passed = checks.every((c) => c.passed);
  const refOf = (id: string) => comparison.versions.find((v) => v.id === id)!;
  const record: GateRecord = {
    id: newId('gate'),
    useCaseId,
    candidate: refOf(candidate.id),
    against: versions.length === 2 ? refOf(against!.id) : null,
    passed,
    checks,
    sets: comparison.sets,
    settings: { tolerances, maxCostIncrease: req.maxCostIncrease, requireModelTests: req.requireModelTests, resamples: req.resamples, seed: req.seed },
    report: '',
    createdAt: comparison.createdAt,
    createdBy: actor.id,
  };
  record.report = renderGateReport(record, comparison, useCase.name);
  return deps.repos.gateRecords.insert(record);
}
