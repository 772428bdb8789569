// The rows one append brings, by source: operator values, dataset-version row numbers, a slice or a sensor-health state of the benchmark.
import { ShopfloorError, type EvaluationSetColumn, type EvaluationSetOrigin, type EvaluationSetSource, type RowSlice } from '@shopfloor/contracts';
import { loadDatasetTable, type TypedTable } from '../../ingest/index.js';
import type { Repositories } from '../../store/index.js';
import type { StoredUseCase } from '../../use-cases/index.js';
import type { BenchmarkRows } from './benchmark-set.js';
import { operatorRows } from './operator-rows.js';
import { checkSlice, sliceRows } from './row-filter.js';
import { columnsOf, tableRows, toInputRows, type Cell } from './set-rows.js';

function invalid(message: string, details: Record<string, unknown>): ShopfloorError {
  return new ShopfloorError('EVALUATION_SET_INVALID', message, details);
}

export interface SourceRows {
  cells: Cell[][];
  origin: EvaluationSetOrigin;
}

/** Rows of another dataset version read into the set's columns: same names and kinds, or an error naming the column. */
function rowsByNumber(table: TypedTable, columns: readonly EvaluationSetColumn[], numbers: readonly number[], datasetVersionId: string): Cell[][] {
  numbers.forEach((n, i) => {
    if (n > table.rows) {
      throw invalid(`source.rows[${i}]: row ${n} is past the end of dataset version ${datasetVersionId} (${table.rows} rows)`, { field: `source.rows[${i}]`, row: n, rows: table.rows });
    }
  });
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const picked = columns.map((c) => {
    const found = byName.get(c.name);
    if (found === undefined || found.kind !== c.kind) {
      const has = found === undefined ? 'no such column' : `it is ${found.kind}`;
      throw invalid(`source.datasetVersionId: dataset version ${datasetVersionId} does not fit the set: column "${c.name}" (${c.kind}) — ${has}`, { field: 'source.datasetVersionId', column: c.name });
    }
    return found;
  });
  return tableRows({ ...table, columns: picked }, numbers.map((n) => n - 1));
}

function benchmarkSlice(benchmark: BenchmarkRows, where: RowSlice): Cell[][] {
  const columns = columnsOf(benchmark.table);
  checkSlice(columns, where, 'EVALUATION_SET_INVALID', 'source.where');
  const cells = tableRows(benchmark.table, benchmark.rows);
  const picked = sliceRows(toInputRows({ columns, rows: cells }), where);
  if (picked.length === 0) {
    throw invalid(`source.where: no benchmark row matches ${JSON.stringify(where)} (of ${cells.length} rows)`, { field: 'source.where', rows: cells.length });
  }
  return picked.map((i) => cells[i]!);
}

/**
 * Slices and sensor-health states select from the benchmark rows only: an edge-case set is for
 * judging models, so it must not hold rows a model was trained on. Operator rows and row numbers
 * are taken as given (an operator flags what the line saw).
 */
export async function sourceRows(repos: Repositories, stored: StoredUseCase, benchmark: BenchmarkRows, source: EvaluationSetSource): Promise<SourceRows> {
  const columns = columnsOf(benchmark.table);
  switch (source.kind) {
    case 'rows':
      return { cells: operatorRows(columns, stored.useCase, source.rows), origin: { kind: 'rows', count: source.rows.length } };
    case 'row-numbers': {
      const id = source.datasetVersionId ?? benchmark.datasetVersionId;
      const table = id === benchmark.datasetVersionId ? benchmark.table : (await loadDatasetTable(repos, id)).table;
      return { cells: rowsByNumber(table, columns, source.rows, id), origin: { kind: 'row-numbers', datasetVersionId: id, rows: source.rows } };
    }
    case 'slice':
      return { cells: benchmarkSlice(benchmark, source.where), origin: { kind: 'slice', datasetVersionId: benchmark.datasetVersionId, where: source.where } };
    case 'sensor-health':
      return {
        cells: benchmarkSlice(benchmark, source.where),
        origin: { kind: 'sensor-health', datasetVersionId: benchmark.datasetVersionId, sensor: source.sensor, state: source.state, where: source.where },
      };
  }
}
