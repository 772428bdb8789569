// The drift reference of a model version: its training rows (the use case's non-test, non-benchmark rows of the version's dataset), in time order, and the champion's answers on them.
import { ShopfloorError, type ModelInput } from '@shopfloor/contracts';
import { loadDatasetTable, BOOLEAN_MISSING, type TypedColumn, type TypedTable } from '../../ingest/index.js';
import { assignSplit, excludeBenchmarkRows } from '../../learn/index.js';
import { StoredMetrics } from '../../registry/index.js';
import type { Predictor } from '../../serve/index.js';
import type { ModelVersionRecord, Repositories } from '../../store/index.js';
import { loadBenchmark, type StoredUseCase } from '../../use-cases/index.js';
import { evenlySpaced, inputRowsOf, inTimeOrder } from '../table-rows.js';
import type { FeatureSeries } from './feature-drift.js';

/** The most training rows the champion re-scores for the prediction reference (evenly spaced in time). */
export const MAX_SCORED_REFERENCE_ROWS = 20_000;

export interface DriftReference {
  modelVersionId: string;
  datasetVersionId: string;
  rows: number;
  timeColumn: string | null;
  from: string | null;
  to: string | null;
  features: FeatureSeries[];
  /** The champion's score and decision label on (up to MAX_SCORED_REFERENCE_ROWS of) the training rows. */
  score: FeatureSeries;
  decision: FeatureSeries;
}

function noReference(message: string, details: Record<string, unknown>): ShopfloorError {
  return new ShopfloorError('MONITOR_NO_REFERENCE', message, details);
}

function seriesOf(column: TypedColumn, input: ModelInput, rows: Int32Array): FeatureSeries {
  if (input.kind === 'numeric' && column.kind === 'numeric') return { name: input.name, kind: 'numeric', values: Float64Array.from(rows, (r) => column.values[r]!) };
  if (input.kind === 'boolean' && column.kind === 'boolean') {
    const v = column.values;
    return { name: input.name, kind: 'categorical', levels: ['false', 'true'], values: Array.from(rows, (r) => (v[r] === BOOLEAN_MISSING ? null : v[r] === 1 ? 'true' : 'false')) };
  }
  if (input.kind === 'categorical' && column.kind === 'categorical') {
    return { name: input.name, kind: 'categorical', levels: [...column.levels], values: Array.from(rows, (r) => (column.codes[r]! < 0 ? null : column.levels[column.codes[r]!]!)) };
  }
  throw noReference(`feature "${input.name}" is ${column.kind} in the training data but the use case reads it as ${input.kind}`, { feature: input.name });
}

/** Rows the version learned from: not in the test split and not carrying a frozen benchmark key (targets aside). */
function trainingRows(table: TypedTable, stored: StoredUseCase, benchmark: Awaited<ReturnType<typeof loadBenchmark>> | null): Int32Array {
  const isTest = assignSplit(table.columns, stored.useCase.split);
  const excluded = benchmark === null ? new Uint8Array(table.rows) : excludeBenchmarkRows(table.columns, benchmark);
  const rows: number[] = [];
  for (let r = 0; r < table.rows; r++) if (isTest[r] === 0 && excluded[r] === 0) rows.push(r);
  return Int32Array.from(rows);
}

export async function driftReference(repos: Repositories, stored: StoredUseCase, record: ModelVersionRecord, predictor: Predictor): Promise<DriftReference> {
  const { table } = await loadDatasetTable(repos, record.datasetVersionId).catch((e: unknown) => {
    throw noReference(`the training data of model v${record.version} (dataset version ${record.datasetVersionId}) cannot be read: ${e instanceof Error ? e.message : String(e)}`, { datasetVersionId: record.datasetVersionId });
  });
  const { useCase } = stored;
  const rows = inTimeOrder(table, useCase.timeColumn, trainingRows(table, stored, await loadBenchmark(repos, stored).catch(() => null)));
  if (rows.length === 0) throw noReference(`model v${record.version} has no training rows to compare with`, { modelVersionId: record.id });
  const features = useCase.inputs.map((input) => {
    const column = table.columns.find((c) => c.name === input.name);
    if (column === undefined) throw noReference(`the training data has no column "${input.name}"`, { feature: input.name });
    return seriesOf(column, input, rows);
  });
  const scored = evenlySpaced(rows, MAX_SCORED_REFERENCE_ROWS);
  const answers = predictor.predict(inputRowsOf(table, useCase.inputs, scored), { explain: false, topContributions: 1 });
  const training = StoredMetrics.safeParse(record.metrics);
  const window = training.success ? training.data.training : undefined;
  return {
    modelVersionId: record.id,
    datasetVersionId: record.datasetVersionId,
    rows: rows.length,
    timeColumn: window?.timeColumn ?? useCase.timeColumn ?? null,
    from: window?.from ?? null,
    to: window?.to ?? null,
    features,
    score: { name: 'score', kind: 'numeric', values: Float64Array.from(answers, (a) => a.score) },
    decision: { name: 'decision', kind: 'categorical', levels: [...new Set(answers.map((a) => a.decision.label))].sort(), values: answers.map((a) => a.decision.label) },
  };
}
