// Reading the prediction log: pages newest first by use case, entity, time, path and flag; one prediction with its shadows and feedback.
import { ShopfloorError, type ListPredictionsQuery, type LoggedPrediction, type PredictionDetail, type PredictionPage } from '@shopfloor/contracts';
import type { Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';

/** A cursor is the last row of a page, (at, id), as base64url JSON: opaque to callers, stable under inserts. */
function encodeCursor(p: LoggedPrediction): string {
  return Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { at: value[0], id: value[1] };
  } catch {
    // falls through to the error below
  }
  throw new ShopfloorError('PREDICTION_CURSOR_INVALID', 'cursor is not a nextCursor this API gave', { field: 'cursor' });
}

const iso = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

/** USE_CASE_NOT_FOUND, PREDICTION_CURSOR_INVALID. */
export async function listPredictions(repos: Repositories, useCaseId: string, query: ListPredictionsQuery): Promise<PredictionPage> {
  await loadUseCase(repos, useCaseId);
  const rows = await repos.predictions.list({
    useCaseId,
    entity: query.entity,
    from: iso(query.from),
    to: iso(query.to),
    path: query.path,
    flagged: query.flagged,
    before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { predictions: page, nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null };
}

/** PREDICTION_NOT_FOUND when the id was never logged or is past the retention period. */
export async function loadPrediction(repos: Repositories, id: string): Promise<LoggedPrediction> {
  const prediction = await repos.predictions.get(id);
  if (prediction === null) throw new ShopfloorError('PREDICTION_NOT_FOUND', `no logged prediction has id "${id}"`, { predictionId: id });
  return prediction;
}

export async function predictionDetail(repos: Repositories, id: string): Promise<PredictionDetail> {
  const prediction = await loadPrediction(repos, id);
  const [shadows, feedback] = await Promise.all([repos.predictions.shadowsOf(id), repos.predictions.feedbackOf([id])]);
  return { ...prediction, shadows, feedback };
}
