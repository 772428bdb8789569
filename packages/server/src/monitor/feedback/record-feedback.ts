// Feedback on logged predictions: verdicts, true outcomes (by prediction, or late by entity and time), overrides; each audited with it.
import {
  ShopfloorError,
  type EntityOutcomeRequest,
  type EntityOutcomeResponse,
  type OutcomeRequest,
  type OverrideRequest,
  type PredictionFeedback,
  type User,
  type VerdictRequest,
} from '@shopfloor/contracts';
import type { Clock } from '../../clock.js';
import { loadPrediction } from '../../serve/index.js';
import { newId, type NewFeedback, type Store } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { checkOutcome, checkOverride } from './feedback-rules.js';

export interface FeedbackDeps {
  store: Store;
  clock: Clock;
}

const HOUR_MS = 3_600_000;

type Fields = Pick<PredictionFeedback, 'kind' | 'outcome' | 'decision' | 'reasonCode' | 'note'>;

/** Appends the feedback rows and one audit entry naming them, in one transaction. */
async function append(deps: FeedbackDeps, actor: User, useCaseId: string, predictionIds: readonly string[], fields: Fields): Promise<NewFeedback[]> {
  const at = deps.clock.now().toISOString();
  const rows: NewFeedback[] = predictionIds.map((predictionId) => ({ id: newId('fb'), predictionId, useCaseId, by: actor.id, at, ...fields }));
  await deps.store.transaction(async (tx) => {
    await tx.predictions.addFeedback(rows);
    await tx.audit.append({
      id: newId('aud'),
      at,
      userId: actor.id,
      action: `prediction.${fields.kind}`,
      subject: predictionIds.length === 1 ? `prediction:${predictionIds[0]}` : `use-case:${useCaseId}`,
      details: { predictionIds: predictionIds.slice(0, 100), count: predictionIds.length, outcome: fields.outcome, decision: fields.decision, reasonCode: fields.reasonCode },
    });
  });
  return rows;
}

function shown({ useCaseId: _, ...feedback }: NewFeedback): PredictionFeedback {
  return feedback;
}

/** Right or wrong, as the operator saw it. */
export async function recordVerdict(deps: FeedbackDeps, actor: User, predictionId: string, req: VerdictRequest): Promise<PredictionFeedback> {
  const prediction = await loadPrediction(deps.store, predictionId);
  const [row] = await append(deps, actor, prediction.useCaseId, [prediction.id], { kind: req.verdict, outcome: null, decision: null, reasonCode: null, note: req.note });
  return shown(row!);
}

/** The true value of the target for one prediction; FEEDBACK_INVALID when it is no class (or number) of the use case. */
export async function recordOutcome(deps: FeedbackDeps, actor: User, predictionId: string, req: OutcomeRequest): Promise<PredictionFeedback> {
  const prediction = await loadPrediction(deps.store, predictionId);
  const { useCase } = await loadUseCase(deps.store, prediction.useCaseId);
  const outcome = checkOutcome(useCase, req.outcome, 'outcome');
  const [row] = await append(deps, actor, prediction.useCaseId, [prediction.id], { kind: 'outcome', outcome, decision: null, reasonCode: null, note: req.note });
  return shown(row!);
}

/** The operator took another decision, with the plant's reason code; FEEDBACK_INVALID when the use case has no such decision. */
export async function recordOverride(deps: FeedbackDeps, actor: User, predictionId: string, req: OverrideRequest): Promise<PredictionFeedback> {
  const prediction = await loadPrediction(deps.store, predictionId);
  const { useCase } = await loadUseCase(deps.store, prediction.useCaseId);
  const decision = checkOverride(useCase, req.decision);
  const [row] = await append(deps, actor, prediction.useCaseId, [prediction.id], { kind: 'override', outcome: null, decision, reasonCode: req.reasonCode, note: req.note });
  return shown(row!);
}

/**
 * A late outcome (a work order days later): every prediction of the entity in (at - windowHours, at]
 * gets it. USE_CASE_NOT_FOUND, FEEDBACK_INVALID, FEEDBACK_NO_MATCH (nothing in the window: nothing stored).
 */
export async function recordEntityOutcome(deps: FeedbackDeps, actor: User, useCaseId: string, req: EntityOutcomeRequest): Promise<EntityOutcomeResponse> {
  const { useCase } = await loadUseCase(deps.store, useCaseId);
  const outcome = checkOutcome(useCase, req.outcome, 'outcome');
  const toMs = Date.parse(req.at);
  const from = new Date(toMs - req.windowHours * HOUR_MS).toISOString();
  const to = new Date(toMs).toISOString();
  const ids = await deps.store.predictions.idsOfEntity(useCaseId, req.entity, from, to);
  if (ids.length === 0) {
    throw new ShopfloorError('FEEDBACK_NO_MATCH', `use case "${useCaseId}" logged no prediction for entity "${req.entity}" between ${from} and ${to}`, { field: 'entity', entity: req.entity, from, to });
  }
  await append(deps, actor, useCaseId, ids, { kind: 'outcome', outcome, decision: null, reasonCode: null, note: req.note });
  return { matched: ids.length, predictionIds: ids, from, to };
}
