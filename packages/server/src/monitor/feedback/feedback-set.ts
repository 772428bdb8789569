// Flagged-wrong and overridden predictions go back to the evaluation stage: their inputs, with the true outcome when known, into an edge-case set.
import {
  MAX_SET_ROWS_PER_APPEND,
  ShopfloorError,
  type AppendEvaluationSetResponse,
  type ColumnKind,
  type FeedbackToSetRequest,
  type InputRow,
  type LoggedPrediction,
  type PredictionFeedback,
  type User,
} from '@shopfloor/contracts';
import { appendEvaluationSet } from '../../compare/index.js';
import { getDatasetVersion } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { loadUseCase, type StoredUseCase } from '../../use-cases/index.js';
import type { FeedbackDeps } from './record-feedback.js';

const PAGE = 1000;

/** The newest flagged predictions of the use case in [from, to), at most one set append's worth. */
async function flaggedPredictions(store: Store, useCaseId: string, req: FeedbackToSetRequest): Promise<LoggedPrediction[]> {
  const out: LoggedPrediction[] = [];
  let before: { at: string; id: string } | undefined;
  while (out.length < MAX_SET_ROWS_PER_APPEND) {
    const page = await store.predictions.list({ useCaseId, flagged: true, from: req.from, to: req.to, before, limit: Math.min(PAGE, MAX_SET_ROWS_PER_APPEND - out.length) });
    out.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE) break;
    before = { at: last.at, id: last.id };
  }
  return out;
}

/** The target cell in its dataset column's kind: a class "1" of a numeric column is 1, "true" of a boolean one is true. */
function targetCell(outcome: InputRow[string], kind: ColumnKind): InputRow[string] {
  if (outcome === null) return null;
  switch (kind) {
    case 'numeric': {
      const n = Number(outcome); // true -> 1, "1" -> 1
      return Number.isFinite(n) ? n : outcome;
    }
    case 'boolean':
      if (outcome === true || outcome === 'true' || outcome === 1 || outcome === '1') return true;
      if (outcome === false || outcome === 'false' || outcome === 0 || outcome === '0') return false;
      return outcome;
    default:
      return typeof outcome === 'string' ? outcome : String(outcome);
  }
}

/** Every model input (null when the logged row lacked it) and, when the target is a dataset column and the outcome is known, the target. */
function setRow(stored: StoredUseCase, p: LoggedPrediction, outcome: InputRow[string] | undefined, targetKind: ColumnKind | undefined): InputRow {
  const row: InputRow = {};
  for (const input of stored.useCase.inputs) row[input.name] = p.input[input.name] ?? null;
  if (targetKind !== undefined && outcome !== undefined) row[stored.useCase.target] = targetCell(outcome, targetKind);
  return row;
}

/** The latest outcome given for each prediction. */
function outcomes(feedback: readonly PredictionFeedback[]): Map<string, InputRow[string]> {
  const latest = new Map<string, InputRow[string]>();
  for (const f of feedback) if (f.kind === 'outcome') latest.set(f.predictionId, f.outcome);
  return latest;
}

/**
 * Appends the inputs of predictions marked wrong or overridden (newest first, at most 10,000) to the
 * edge-case set `name`, creating it if needed; rows the set holds already are skipped by the append.
 * USE_CASE_NOT_FOUND, FEEDBACK_NOTHING_FLAGGED, EVALUATION_SET_INVALID (from the set's own checks).
 */
export async function appendFlaggedToSet(deps: FeedbackDeps, actor: User, useCaseId: string, name: string, req: FeedbackToSetRequest): Promise<AppendEvaluationSetResponse> {
  const stored = await loadUseCase(deps.store, useCaseId);
  const flagged = await flaggedPredictions(deps.store, useCaseId, req);
  if (flagged.length === 0) {
    throw new ShopfloorError('FEEDBACK_NOTHING_FLAGGED', `use case "${useCaseId}" has no prediction marked wrong or overridden${req.from === undefined && req.to === undefined ? '' : ' in the given range'}`, { useCaseId, from: req.from ?? null, to: req.to ?? null });
  }
  const known = outcomes(await deps.store.predictions.feedbackOf(flagged.map((p) => p.id)));
  const version = await getDatasetVersion(deps.store, stored.useCase.datasetVersionId);
  const targetKind = version.columns.find((c) => c.name === stored.useCase.target)?.kind;
  const rows = flagged.map((p) => setRow(stored, p, known.get(p.id), targetKind));
  const withOutcome = flagged.filter((p) => known.has(p.id)).length;
  const note = req.note !== '' ? req.note : `${flagged.length} flagged prediction(s) from the prediction log, ${withOutcome} with a known outcome`;
  return appendEvaluationSet(deps, actor, useCaseId, { name, ...(req.description === undefined ? {} : { description: req.description }), note, source: { kind: 'rows', rows } });
}
