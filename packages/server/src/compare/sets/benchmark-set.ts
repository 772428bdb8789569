// The pinned benchmark set of a use case: its dataset version's rows whose keys were frozen at creation.
import { BENCHMARK_SET_NAME, type EvaluationSetContent } from '@shopfloor/contracts';
import { loadDatasetTable, type TypedTable } from '../../ingest/index.js';
import { excludeBenchmarkRows, rowsOf } from '../../learn/index.js';
import type { Repositories } from '../../store/index.js';
import { loadBenchmark, loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import { columnsOf, contentHashOf, tableRows, toInputRows } from './set-rows.js';

/** The benchmark never changes: it is version 1 for as long as the use case exists. */
export const BENCHMARK_VERSION = 1;

export interface BenchmarkRows {
  datasetVersionId: string;
  keyColumns: string[];
  table: TypedTable;
  /** Row indices of the table (ascending) that carry a frozen benchmark key. */
  rows: Int32Array;
}

/**
 * The use case's own dataset version (pinned by id, so later imports change nothing) and the rows
 * whose key is among the frozen ones: exactly the test split of creation, plus (for an entity split)
 * rows of a held-out entity that had no target then.
 */
export async function benchmarkRows(repos: Repositories, stored: StoredUseCase): Promise<BenchmarkRows> {
  const keys = await loadBenchmark(repos, stored);
  const datasetVersionId = stored.useCase.datasetVersionId;
  const { table } = await loadDatasetTable(repos, datasetVersionId);
  return { datasetVersionId, keyColumns: keys.columns, table, rows: rowsOf(excludeBenchmarkRows(table.columns, keys)) };
}

function benchmarkContent(b: BenchmarkRows) {
  return { columns: columnsOf(b.table), rows: tableRows(b.table, b.rows) };
}

/** The benchmark's content hash, the one every comparison and gate record names (it never changes for a use case). */
export function benchmarkHash(b: BenchmarkRows): string {
  return contentHashOf(benchmarkContent(b));
}

/** The benchmark as a set: name "benchmark", version 1, its content hash, and rows in dataset order. */
export async function loadBenchmarkSet(repos: Repositories, useCaseId: string): Promise<EvaluationSetContent> {
  const stored = await loadUseCase(repos, useCaseId);
  const b = await benchmarkRows(repos, stored);
  const content = benchmarkContent(b);
  return {
    name: BENCHMARK_SET_NAME,
    version: BENCHMARK_VERSION,
    rowCount: content.rows.length,
    hash: contentHashOf(content),
    datasetVersionId: b.datasetVersionId,
    keyColumns: b.keyColumns,
    columns: content.columns,
    rows: toInputRows(content),
  };
}
