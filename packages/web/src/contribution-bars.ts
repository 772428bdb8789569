// Geometry and words of the contributions chart: which side of zero each bar sits and how long it is.
import type { Contribution, ModelInput, Task } from '@shopfloor/contracts';

export interface ContributionBar {
  feature: string;
  value: Contribution['value'];
  unit: string | undefined;
  contribution: number;
  side: 'raises' | 'lowers';
  /** Length as a share of one half of the track, 0..1; the largest bar fills its half. */
  length: number;
}

/** Bars in the server's order (largest first), scaled to the largest absolute contribution. */
export function contributionBars(contributions: readonly Contribution[], inputs: readonly ModelInput[]): ContributionBar[] {
  const units = new Map(inputs.map((input) => [input.name, input.unit]));
  const largest = contributions.reduce((max, item) => Math.max(max, Math.abs(item.contribution)), 0);
  return contributions.map((item) => ({
    feature: item.feature,
    value: item.value,
    unit: item.unit ?? units.get(item.feature),
    contribution: item.contribution,
    side: item.contribution >= 0 ? 'raises' : 'lowers',
    length: largest > 0 ? Math.abs(item.contribution) / largest : 0,
  }));
}

/** The two directions in the plant's words: a yes/no model's score is a risk, a regression's a value. */
export function directionWords(task: Task, positiveClass: string | undefined): { raises: string; lowers: string } {
  switch (task) {
    case 'binary':
      return { raises: 'raises risk', lowers: 'lowers risk' };
    case 'regression':
      return { raises: 'raises the prediction', lowers: 'lowers the prediction' };
    case 'multiclass':
      return positiveClass === undefined
        ? { raises: 'for this class', lowers: 'against this class' }
        : { raises: `towards ${positiveClass}`, lowers: `away from ${positiveClass}` };
  }
}
