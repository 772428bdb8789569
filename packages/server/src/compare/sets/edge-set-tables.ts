// Edge-case sets as typed tables for the comparison: each named set's chosen (default newest) version, with the reference results record.
import type { TypedTable } from '../../ingest/index.js';
import type { Repositories } from '../../store/index.js';
import type { StoredUseCase } from '../../use-cases/index.js';
import { loadEvaluationSet } from './load-set.js';
import { evaluationSetTable } from './set-rows.js';

export interface EdgeSetTable {
  ref: { name: string; version: number; hash: string; rows: number };
  table: TypedTable;
  /** Every row of the table, in set order. */
  rows: Int32Array;
}

/**
 * Loads the named sets (default: every edge-case set of the use case), each at its newest version
 * unless `name@3` asks for version 3. Categorical inputs take the use case's levels, so the codes
 * mean what they meant in training. EVALUATION_SET_NOT_FOUND for an unknown name or version.
 */
export function edgeSetTables(repos: Repositories): (stored: StoredUseCase, names: readonly string[] | undefined) => Promise<EdgeSetTable[]> {
  return async (stored, names) => {
    const useCaseId = stored.useCase.id;
    const wanted = names ?? (await repos.evaluationSets.listForUseCase(useCaseId)).map((s) => s.name);
    return Promise.all(
      wanted.map(async (text) => {
        const at = /^(.*)@(\d+)$/.exec(text);
        const set = await loadEvaluationSet(repos, useCaseId, at === null ? { name: text } : { name: at[1]!, version: Number(at[2]) });
        const table = evaluationSetTable(set, stored.useCase.inputs);
        return { ref: { name: set.name, version: set.version, hash: set.hash, rows: set.rowCount }, table, rows: Int32Array.from({ length: table.rows }, (_, i) => i) };
      }),
    );
  };
}
