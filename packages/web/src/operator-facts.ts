// What a logged prediction means on the line: the path in plant words, why it needs review, the override reason codes.
import { decisionLabels, type DecisionRule, type LoggedPrediction, type PredictionFeedback, type UseCase } from '@shopfloor/contracts';

/** The decisions an override may name. */
export { decisionLabels };

/** The plant's override reasons offered in the override dialog (the server takes any code matching its pattern). */
export const OVERRIDE_REASONS: readonly { code: string; label: string }[] = [
  { code: 'SENSOR_FAULT', label: 'A sensor reading is wrong' },
  { code: 'MAINTENANCE_DONE', label: 'Maintenance was just done' },
  { code: 'PROCESS_CHANGE', label: 'The process or product changed' },
  { code: 'INSPECTED_OK', label: 'Inspected on the line: no problem found' },
  { code: 'INSPECTED_FAULT', label: 'Inspected on the line: a fault was found' },
  { code: 'PRODUCTION_PRIORITY', label: 'Production priority: stop deferred' },
  { code: 'OTHER', label: 'Other (say why in the note)' },
];

export function pathWords(path: LoggedPrediction['path']): string {
  switch (path) {
    case 'champion':
      return 'the model';
    case 'companion':
      return 'a back-up model that does without the untrusted sensor';
    case 'previous-champion':
      return 'the previous champion (the current one failed or was too slow)';
    case 'previous-champion':
      return 'the previous model (the current one failed or was too slow)';
    case 'rule':
      return 'the fallback rule (no model could answer)';
    case 'abstain':
      return 'nobody: no model or rule could answer';
  }
}

/**
 * Distance from the decision threshold under which an answer counts as unsure.
 * Binary: on the log-odds scale, so a threshold of 2 % and one of 50 % get the same relative band
 * (|logit(score) - logit(threshold)| <= 0.5, about a factor 1.65 on the odds). Regression: within
 * 10 % of the threshold. Multiclass: the most likely class has under half the probability.
 */
export const LOG_ODDS_BAND = 0.5;
export const REGRESSION_BAND = 0.1;

export function isLowConfidence(score: number | null, rule: DecisionRule | undefined): boolean {
  if (score === null || rule === undefined) return false;
  switch (rule.kind) {
    case 'binary':
      return Math.abs(logit(score) - logit(rule.threshold)) <= LOG_ODDS_BAND;
    case 'regression':
      return Math.abs(score - rule.threshold) <= REGRESSION_BAND * Math.max(Math.abs(rule.threshold), 1e-9);
    case 'multiclass':
      return score < 0.5;
  }
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
}

export type ReviewReason = 'flagged' | 'low-confidence' | 'degraded';

/** Why a prediction belongs in the review queue (empty: it does not). `flagged`: marked wrong or overridden. */
export function reviewReasons(prediction: LoggedPrediction, flagged: boolean, rule: DecisionRule | undefined): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (flagged) reasons.push('flagged');
  if (isLowConfidence(prediction.score, rule)) reasons.push('low-confidence');
  if (prediction.path !== 'champion' || prediction.output.degraded) reasons.push('degraded');
  return reasons;
}

export const REVIEW_REASON_WORDS: Record<ReviewReason, string> = {
  flagged: 'flagged by an operator',
  'low-confidence': 'close to the decision threshold',
  degraded: 'answered degraded',
};

/** A reviewer settled it: confirmed right, or attached the true outcome. Later flags do not reopen it. */
export function isReviewed(feedback: readonly PredictionFeedback[]): boolean {
  return feedback.some((item) => item.kind === 'right' || item.kind === 'outcome');
}

/** The operator's marks on a prediction, in words, oldest first: "marked wrong", "overridden to no alarm (SENSOR_FAULT)". */
export function feedbackWords(item: PredictionFeedback): string {
  switch (item.kind) {
    case 'right':
      return 'confirmed right';
    case 'wrong':
      return 'marked wrong';
    case 'outcome':
      return `true outcome: ${String(item.outcome)}`;
    case 'override':
      return `overridden to ${item.decision ?? '?'} (${item.reasonCode ?? 'no code'})`;
  }
}

/** The true outcomes a reviewer can pick: the use case's classes with words for a yes/no target; null for regression (a number). */
export function outcomeChoices(useCase: Pick<UseCase, 'task' | 'classes' | 'target'>): { value: string; label: string }[] | null {
  if (useCase.task === 'regression') return null;
  const classes = useCase.classes ?? [];
  const [negative, positive] = classes;
  if (useCase.task === 'binary' && classes.length === 2 && negative !== undefined && positive !== undefined) {
    return [
      { value: positive, label: `${useCase.target}: yes (${positive})` },
      { value: negative, label: `${useCase.target}: no (${negative})` },
    ];
  }
  return classes.map((c) => ({ value: c, label: c }));
}
