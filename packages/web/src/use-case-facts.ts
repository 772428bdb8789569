// What a use case and its champion mean in plant words: the champion, the saving, the decision rule.
import type { DecisionRule, Metrics, ModelVersion, UseCase } from '@shopfloor/contracts';
import { formatNumber, formatPercent } from './format.js';

/** The version the `champion` alias points at; the use case's record wins over the alias list. */
export function findChampion(useCase: UseCase, models: readonly ModelVersion[]): ModelVersion | null {
  if (useCase.championVersionId !== null) {
    const byId = models.find((model) => model.id === useCase.championVersionId);
    if (byId !== undefined) return byId;
  }
  return models.find((model) => model.aliases.includes('champion')) ?? null;
}

/** Expected saving per 1,000 predictions against running without a model (negative: the model costs more). */
export function savingPer1000(metrics: Metrics): number {
  return metrics.baselineCostPer1000 - metrics.expectedCostPer1000;
}

export function taskName(task: UseCase['task']): string {
  switch (task) {
    case 'binary':
      return 'Yes / no';
    case 'multiclass':
      return 'Which class';
    case 'regression':
      return 'How much';
  }
}

/** The name of the action the decision can call for ("alarm", "act", or the use case's own word). */
export function actionName(useCase: UseCase): string {
  return useCase.costs.kind === 'multiclass' ? 'decide' : useCase.costs.actionName;
}

/** What the score measures: "Risk of Machine failure", "Predicted Remaining life", "Most likely class". */
export function scoreName(useCase: UseCase): string {
  switch (useCase.task) {
    case 'binary':
      return `Risk of ${useCase.target}`;
    case 'regression':
      return `Predicted ${useCase.target}`;
    case 'multiclass':
      return `Most likely ${useCase.target}`;
  }
}

/** The rule that turns a score into a decision, in one sentence. */
export function describeDecisionRule(useCase: UseCase, rule: DecisionRule): string {
  const action = actionName(useCase);
  switch (rule.kind) {
    case 'binary':
      return `${capitalize(action)} when the risk of ${useCase.target} is ${formatPercent(rule.threshold)} or more.`;
    case 'regression':
      return `${capitalize(action)} when the predicted ${useCase.target} is ${rule.actWhen} ${formatNumber(rule.threshold, 3)}.`;
    case 'multiclass':
      return 'Decide for the class with the lowest expected cost.';
  }
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
