// Comparing stored model versions of a use case on its frozen sets: resolve, load, score, compare, time it.
import { performance } from 'node:perf_hooks';
import { BENCHMARK_SET_NAME, CompareRequest, DecisionRule, ShopfloorError, type Comparison, type VersionRef } from '@shopfloor/contracts';
import type { TypedTable } from '../../ingest/index.js';
import { loadStandingLabels } from '../../label/index.js';
import { requireColumns } from '../../learn/index.js';
import { resolveModelRef, type ModelCache } from '../../registry/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import { BENCHMARK_VERSION, benchmarkHash, benchmarkRows } from '../sets/benchmark-set.js';
import { cellOf } from '../sets/set-rows.js';
import { compareScoredSets } from './compare.js';
import { eventLines } from './event-lines.js';
import { scoreSet, type SetTable, type VersionModel } from './score-set.js';

export interface CompareDeps {
  repos: Repositories;
  models: ModelCache;
  now: () => Date;
  /** Benchmark content hashes by use case id (a benchmark never changes): one map per app. */
  benchmarkHashes: Map<string, string>;
}

/** The pinned benchmark set as compare reads it; its content hash is computed once per use case (`deps.benchmarkHashes`). */
async function benchmarkSet(deps: CompareDeps, stored: StoredUseCase): Promise<SetTable> {
  const b = await benchmarkRows(deps.repos, stored);
  const id = stored.useCase.id;
  let hash = deps.benchmarkHashes.get(id);
  if (hash === undefined) deps.benchmarkHashes.set(id, (hash = benchmarkHash(b)));
  return { ref: { name: BENCHMARK_SET_NAME, version: BENCHMARK_VERSION, hash, rows: b.rows.length }, table: b.table, rows: b.rows };
}

/** Shows a row by the columns that key the benchmark (e.g. "UDI 15"), or null when the set lacks them. */
function keyReader(columns: readonly string[]): (table: TypedTable) => (row: number) => string | null {
  return (table) => {
    if (!columns.every((c) => table.columns.some((t) => t.name === c))) return () => null;
    const parts = requireColumns(table, columns, 'key');
    return (r) => parts.map((c) => String(cellOf(c, r) ?? '')).join(' / ');
  };
}

async function versionModels(deps: CompareDeps, useCaseId: string, refs: readonly (string | number)[]): Promise<VersionModel[]> {
  const aliases = await deps.repos.modelAliases.listForUseCase(useCaseId);
  const seen = new Set<string>();
  const out: VersionModel[] = [];
  for (const [i, ref] of refs.entries()) {
    const record = await resolveModelRef(deps.repos, useCaseId, ref, `versions[${i}]`);
    if (seen.has(record.id)) {
      throw new ShopfloorError('COMPARE_INVALID', `version ${record.version} is listed twice (versions[${i}] = ${String(ref)})`, { field: `versions[${i}]`, modelVersionId: record.id });
    }
    seen.add(record.id);
    const versionRef: VersionRef = { id: record.id, version: record.version, aliases: aliases.filter((a) => a.modelVersionId === record.id).map((a) => a.alias).sort() };
    out.push({ ref: versionRef, model: await deps.models.get(record), decisionRule: DecisionRule.parse(record.threshold) });
  }
  return out;
}

/** Extra sets to compare on besides the benchmark (the edge-case sets); the evaluation-set store supplies them. */
export type SetSource = (stored: StoredUseCase, names: readonly string[] | undefined) => Promise<SetTable[]>;

export async function compareVersions(deps: CompareDeps, useCaseId: string, request: CompareRequest, edgeSets?: SetSource): Promise<Comparison> {
  const started = performance.now();
  const req = CompareRequest.parse(request);
  const stored = await loadUseCase(deps.repos, useCaseId);
  const { useCase } = stored;
  const versions = await versionModels(deps, useCaseId, req.versions);
  const sets = [await benchmarkSet(deps, stored), ...(edgeSets === undefined ? [] : await edgeSets(stored, req.sets))];
  const slices = req.slices ?? useCase.inputs.filter((i) => i.kind === 'categorical').map((i) => i.name);
  const labels = useCase.labelTarget === undefined ? [] : await loadStandingLabels(deps.repos, useCaseId, useCase.labelTarget.classes);
  const scored = sets.map((set) => scoreSet(useCase, set, versions, labels));
  const compared = compareScoredSets(scored, {
    costs: useCase.costs,
    classes: useCase.classes,
    slices,
    resamples: req.resamples,
    confidence: req.confidence,
    seed: req.seed,
    maxFlipExamples: req.maxFlipExamples,
    volumePerMonth: req.volumePerMonth,
    practice: req.practice,
    keyOf: keyReader(stored.split.benchmark.columns),
  });
  return {
    useCaseId,
    task: useCase.task,
    createdAt: deps.now().toISOString(),
    baseline: versions[0]!.ref.id,
    versions: versions.map((v) => v.ref),
    sets: scored.map((s) => ({ ...s.ref, rows: s.labels.length })),
    resamples: req.resamples,
    confidence: req.confidence,
    seed: req.seed,
    ...compared,
    events: scored.flatMap((set) => eventLines(useCase, set, labels)),
    seconds: (performance.now() - started) / 1000,
  };
}
