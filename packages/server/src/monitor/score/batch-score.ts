// Batch scoring of a stored dataset version (all of it, a row range or a time range) through the prediction service, so every row is logged as served.
import { MAX_SCORE_ROWS, ShopfloorError, type InputRow, type PredictResponse, type ScoreRequest, type ScoreResponse } from '@shopfloor/contracts';
import { loadDatasetTable, type TypedTable } from '../../ingest/index.js';
import type { PredictInput } from '../../serve/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import type { UseCase } from '@shopfloor/contracts';
import { inputRowsOf } from '../table-rows.js';

/** Rows per predict call: the prediction service's own limit per request. */
export const SCORE_CHUNK = 10_000;

export interface ScoreDeps {
  repos: Repositories;
  predict(useCaseId: string, req: PredictInput): Promise<PredictResponse>;
}

function invalid(message: string, field: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('SCORE_INVALID', message, { field, ...details });
}

/** 0-based indices of the rows asked for. */
export function selectRows(table: TypedTable, useCase: Pick<UseCase, 'timeColumn'>, req: Pick<ScoreRequest, 'rows' | 'time'>): number[] {
  if (req.rows !== undefined) {
    const { from, to } = req.rows;
    if (from > to) throw invalid(`rows.from (${from}) is after rows.to (${to})`, 'rows.from');
    if (to > table.rows) throw invalid(`rows.to is ${to} but the dataset version has ${table.rows} rows`, 'rows.to', { rows: table.rows });
    return Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i);
  }
  if (req.time !== undefined) {
    const column = table.columns.find((c) => c.name === useCase.timeColumn);
    if (column === undefined || column.kind !== 'timestamp') throw invalid('a time range needs a use case whose time column is a timestamp in this dataset version', 'time', { timeColumn: useCase.timeColumn ?? null });
    const from = Date.parse(req.time.from);
    const to = Date.parse(req.time.to);
    if (!(from < to)) throw invalid('time.from must be before time.to', 'time.from');
    const rows: number[] = [];
    for (let r = 0; r < table.rows; r++) if (column.values[r]! >= from && column.values[r]! < to) rows.push(r);
    return rows;
  }
  return Array.from({ length: table.rows }, (_, r) => r);
}

/** The request rows: the model inputs plus the entity and time columns, so the log knows the asset and when the reading was taken. */
function requestRows(table: TypedTable, useCase: Omit<UseCase, 'championVersionId'>, rows: readonly number[]): InputRow[] {
  const extra = [useCase.entityColumn, useCase.timeColumn].filter((c): c is string => c !== undefined && !useCase.inputs.some((i) => i.name === c));
  const wanted = [...useCase.inputs.map((i) => ({ name: i.name })), ...extra.map((name) => ({ name }))];
  const out = inputRowsOf(table, wanted, rows);
  const time = table.columns.find((c) => c.name === useCase.timeColumn);
  if (time?.kind === 'timestamp') out.forEach((row, i) => { const t = time.values[rows[i]!]!; row[time.name] = Number.isNaN(t) ? null : new Date(t).toISOString(); });
  return out;
}

/** USE_CASE_NOT_FOUND, DATASET_NOT_FOUND, SCORE_INVALID, and the prediction service's own errors (naming the row of the chunk). */
export async function scoreDataset(deps: ScoreDeps, useCaseId: string, req: ScoreRequest): Promise<ScoreResponse> {
  const { useCase } = await loadUseCase(deps.repos, useCaseId);
  const { table } = await loadDatasetTable(deps.repos, req.datasetVersionId);
  const rows = selectRows(table, useCase, req);
  if (rows.length > MAX_SCORE_ROWS) throw invalid(`${rows.length} rows asked for; one scoring request takes at most ${MAX_SCORE_ROWS} (give a row or time range)`, 'rows', { rows: rows.length, limit: MAX_SCORE_ROWS });
  const inputs = requestRows(table, useCase, rows);
  const scored: ScoreResponse['scored'] = [];
  for (let start = 0; start < inputs.length; start += SCORE_CHUNK) {
    const chunk = inputs.slice(start, start + SCORE_CHUNK);
    try {
      const { predictions } = await deps.predict(useCaseId, { rows: chunk, explain: req.explain });
      predictions.forEach((prediction, i) => scored.push({ row: rows[start + i]! + 1, prediction }));
    } catch (e) {
      // The service names rows[i] of its chunk: say which dataset row that is.
      const at = e instanceof ShopfloorError && typeof e.details.row === 'number' ? rows[start + e.details.row]! + 1 : undefined;
      if (at !== undefined && e instanceof ShopfloorError) throw new ShopfloorError(e.code, `dataset row ${at}: ${e.message}`, { ...e.details, datasetRow: at }, { cause: e });
      throw e;
    }
  }
  return { useCaseId, datasetVersionId: req.datasetVersionId, rows: scored.length, scored };
}

/** CSV of the scored rows: row, score, decision, act, expected cost, path, model version, prediction id (RFC 4180 quoting). */
export function scoredCsv(response: ScoreResponse): string {
  const quote = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = ['row,score,decision,act,expected_cost,currency,path,model_version,prediction_id'];
  for (const { row, prediction: p } of response.scored) {
    lines.push([row, p.score, p.decision?.label, p.decision?.act, p.decision?.expectedCost, p.decision?.currency, p.path, p.model.version, p.predictionId].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}
