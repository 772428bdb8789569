// Names every answered row with a prediction id and, when a log is given, waits for the log to commit it before the answer leaves.
import type { InputRow, PredictResponse, PredictionRole, UnloggedPrediction, UseCase } from '@shopfloor/contracts';
import { rowEntity } from '../row-entity.js';
import type { LoggedPrediction, PredictionLog } from './prediction-log.js';

/** What the service computed, before logging: one answer per row, in row order, and optionally who answered each. */
export interface UnloggedResponse {
  useCaseId: string;
  predictions: UnloggedPrediction[];
  /** Per row; default 'champion'. */
  roles?: readonly PredictionRole[];
}

export interface LogContext {
  log: PredictionLog | undefined;
  useCase: Pick<UseCase, 'entityColumn'>;
  rows: readonly InputRow[];
  /** The request-level asset, overriding the rows' entityColumn. */
  entity: string | undefined;
  at: Date;
  latencyMs: number;
  /** Names each answered row (store/createIdSource('pred')). */
  newId: () => string;
}

/** The response with `predictionId` on every prediction; resolves after the log committed them (PREDICTION_LOG_FAILED if it did not). */
export async function logPredictions(answered: UnloggedResponse, ctx: LogContext): Promise<PredictResponse> {
  const at = ctx.at.toISOString();
  const predictions = answered.predictions.map((p) => ({ predictionId: ctx.newId(), ...p }));
  if (ctx.log !== undefined) {
    const rows: LoggedPrediction[] = predictions.map((output, i) => ({
      id: output.predictionId,
      useCaseId: answered.useCaseId,
      entity: rowEntity(ctx.useCase, ctx.entity, ctx.rows[i] ?? {}),
      at,
      modelVersionId: output.model.id,
      role: answered.roles?.[i] ?? 'champion',
      path: output.path,
      input: ctx.rows[i] ?? {},
      output,
      latencyMs: ctx.latencyMs,
    }));
    await ctx.log.append(rows);
  }
  return { useCaseId: answered.useCaseId, predictions };
}
