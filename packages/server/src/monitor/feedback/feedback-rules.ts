// What feedback a use case accepts: outcomes that are one of its classes (or a number for regression), overrides its decisions can take.
import { decisionLabels, ShopfloorError, type UseCase } from '@shopfloor/contracts';

export { decisionLabels };

export type OutcomeValue = number | string | boolean;
type FeedbackUseCase = Pick<UseCase, 'id' | 'task' | 'classes' | 'costs'>;

/**
 * The outcome as the use case's target reads it: the class (as the use case spells it) of a binary or
 * multiclass use case, given as text, a number or true/false (1 matches class "1", and class "true"
 * of a boolean target), or a finite number for regression. FEEDBACK_INVALID naming the field and the
 * allowed values otherwise.
 */
export function checkOutcome(useCase: FeedbackUseCase, outcome: OutcomeValue, field: string): OutcomeValue {
  if (useCase.task === 'regression') {
    if (typeof outcome === 'number' && Number.isFinite(outcome)) return outcome;
    throw new ShopfloorError('FEEDBACK_INVALID', `${field}: use case "${useCase.id}" predicts a number; got ${JSON.stringify(outcome)}`, { field, received: outcome, expected: 'a finite number' });
  }
  const classes = useCase.classes ?? [];
  const text = String(outcome);
  const match = classes.find((c) => c === text) ?? classes.find((c) => BOOLEAN_TEXT[c] !== undefined && BOOLEAN_TEXT[c] === BOOLEAN_TEXT[text]);
  if (match === undefined) {
    throw new ShopfloorError('FEEDBACK_INVALID', `${field}: ${JSON.stringify(outcome)} is not a class of use case "${useCase.id}" (${classes.join(', ')})`, { field, received: outcome, allowed: classes });
  }
  return match;
}

/** A 0/1 target read as boolean has classes "false" / "true"; an operator's 0 / 1 means the same. */
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/** An override must name a decision the use case can take; FEEDBACK_INVALID listing them otherwise. */
export function checkOverride(useCase: FeedbackUseCase, decision: string): string {
  const labels = decisionLabels(useCase.costs);
  if (!labels.includes(decision)) {
    throw new ShopfloorError('FEEDBACK_INVALID', `decision: "${decision}" is not a decision of use case "${useCase.id}" (${labels.join(', ')})`, { field: 'decision', received: decision, allowed: labels });
  }
  return decision;
}
