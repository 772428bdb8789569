// Appending to an edge-case set: version n = version n-1 plus the new rows, stored as a new content-addressed artifact.
import {
  BENCHMARK_SET_NAME,
  ShopfloorError,
  type AppendEvaluationSetResponse,
  type EvaluationSetColumn,
  type EvaluationSetOrigin,
  type EvaluationSetSource,
  type User,
} from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { newId, type Repositories, type Store } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { benchmarkRows } from './benchmark-set.js';
import { toSetVersion } from './load-set.js';
import { columnsOf, decodeContent, encodeContent, type Cell } from './set-rows.js';
import { sourceRows } from './source-rows.js';

export interface EvaluationSetDeps {
  store: Store;
  clock: Clock;
}

/** What the route has parsed: the contracts' AppendEvaluationSetRequest with its defaults applied. */
export interface AppendRequest {
  name: string;
  description?: string | undefined;
  note: string;
  source: EvaluationSetSource;
}

/** Another append took the version number first; the whole append runs again on the new latest version. */
class VersionTaken extends Error {}
const MAX_ATTEMPTS = 5;

const rowKey = (row: readonly Cell[]): string => JSON.stringify(row);

/** One append, already read and checked: who, where, and the rows in the set's columns. */
interface Append {
  actor: User;
  useCaseId: string;
  req: AppendRequest;
  columns: EvaluationSetColumn[];
  cells: Cell[][];
  origin: EvaluationSetOrigin;
  now: string;
}

async function appendOnce(tx: Repositories, { actor, useCaseId, req, columns, cells, origin, now }: Append): Promise<AppendEvaluationSetResponse> {
  const set = await tx.evaluationSets.ensure({ id: newId('evs'), useCaseId, name: req.name, description: req.description ?? '', createdAt: now, createdBy: actor.id });
  const latest = await tx.evaluationSets.latestVersion(set.id);
  const previous = latest === null ? [] : decodeContent((await tx.artifacts.get(latest.artifactSha256)).bytes, latest.artifactSha256).rows;
  // A row the set holds already (identical values in every column) is not added twice.
  const seen = new Set(previous.map(rowKey));
  const added: Cell[][] = [];
  for (const row of cells) {
    const key = rowKey(row);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(row);
  }
  const skippedDuplicates = cells.length - added.length;
  if (added.length === 0) return { ...toSetVersion(set, latest!), created: false, skippedDuplicates };
  const rows = [...previous, ...added];
  const sha256 = await tx.artifacts.put('evaluation-set', encodeContent({ columns, rows }), now);
  const record = { setId: set.id, version: (latest?.version ?? 0) + 1, rowCount: rows.length, addedRows: added.length, source: origin, note: req.note, artifactSha256: sha256, createdAt: now, createdBy: actor.id };
  if (!(await tx.evaluationSets.insertVersion(record))) throw new VersionTaken();
  await tx.audit.append({
    id: newId('aud'),
    at: now,
    userId: actor.id,
    action: 'evaluation-set.append',
    subject: `use-case:${useCaseId}`,
    details: { name: set.name, version: record.version, addedRows: added.length, rowCount: rows.length, hash: sha256, source: origin },
  });
  return { ...toSetVersion(set, record), created: true, skippedDuplicates };
}

/**
 * Creates the set with version 1, or appends version n + 1. Versions are never changed: the new
 * version's rows are the old ones followed by the new, stored whole under their sha256 (the
 * version's hash). USE_CASE_NOT_FOUND; EVALUATION_SET_INVALID naming the row and column.
 */
export async function appendEvaluationSet(deps: EvaluationSetDeps, actor: User, useCaseId: string, req: AppendRequest): Promise<AppendEvaluationSetResponse> {
  if (req.name === BENCHMARK_SET_NAME) {
    throw new ShopfloorError('EVALUATION_SET_INVALID', `"${BENCHMARK_SET_NAME}" is the use case's pinned benchmark set; give the edge-case set another name`, { field: 'name', name: req.name });
  }
  const stored = await loadUseCase(deps.store, useCaseId);
  const benchmark = await benchmarkRows(deps.store, stored);
  const { cells, origin } = await sourceRows(deps.store, stored, benchmark, req.source);
  const append: Append = { actor, useCaseId, req, columns: columnsOf(benchmark.table), cells, origin, now: deps.clock.now().toISOString() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.store.transaction((tx) => appendOnce(tx, append));
    } catch (e) {
      if (!(e instanceof VersionTaken) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}
