// Reads a verdict's rows from the prediction log: predictions answered by the champion or the candidate in the window, the other side's shadow answers, outcomes.
import type { InputRow, Prediction } from '@shopfloor/contracts';
import type { Store } from '../../store/index.js';
import type { Side, VerdictRow } from './verdict.js';

/** The most logged rows one verdict reads (newest first); a wider window is judged on its newest rows. */
export const VERDICT_ROW_LIMIT = 50_000;

function sideOf(output: Prediction | null, latencyMs: number): Side | null {
  if (output === null) return null;
  return { decision: output.decision?.label ?? null, act: output.decision?.act ?? null, score: output.score, latencyMs };
}

export async function verdictRows(store: Store, useCaseId: string, championId: string, candidateId: string, from: string, to: string): Promise<VerdictRow[]> {
  const predictions = await store.db
    .selectFrom('predictions')
    .select(['id', 'entity', 'at', 'model_version_id', 'latency_ms', 'output_json'])
    .where('use_case_id', '=', useCaseId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('model_version_id', 'in', [championId, candidateId])
    .orderBy('at', 'desc')
    .limit(VERDICT_ROW_LIMIT)
    .execute();
  if (predictions.length === 0) return [];
  // Shadow answers are written after the answer, so they may carry a slightly later time than the window's end.
  const shadows = await store.db
    .selectFrom('prediction_shadows')
    .select(['prediction_id', 'model_version_id', 'output_json', 'error', 'latency_ms'])
    .where('use_case_id', '=', useCaseId)
    .where('mode', '=', 'shadow')
    .where('at', '>=', from)
    .where('model_version_id', 'in', [championId, candidateId])
    .execute();
  const shadowOf = new Map(shadows.map((s) => [`${s.prediction_id}\u0000${s.model_version_id}`, s]));
  const feedback = await store.predictions.feedbackOf(predictions.map((p) => p.id));
  const outcomes = new Map<string, InputRow[string]>();
  for (const f of feedback) if (f.kind === 'outcome') outcomes.set(f.predictionId, f.outcome); // oldest first: the newest outcome wins
  return predictions.map((p) => {
    const answered = sideOf(JSON.parse(p.output_json) as Prediction, Number(p.latency_ms));
    const byChampion = p.model_version_id === championId;
    const other = shadowOf.get(`${p.id}\u0000${byChampion ? candidateId : championId}`);
    const otherSide = other === undefined ? null : sideOf(other.output_json === null ? null : (JSON.parse(other.output_json) as Prediction), Number(other.latency_ms));
    return {
      predictionId: p.id,
      entity: p.entity,
      at: p.at,
      champion: byChampion ? answered : otherSide,
      candidate: byChampion ? otherSide : answered,
      candidateError: byChampion ? (other?.error ?? null) : null,
      outcome: outcomes.get(p.id) ?? null,
    };
  });
}
