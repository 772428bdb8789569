// Regression cost math: when action is needed, one decision with its expected cost from validation residuals, cost per 1,000, baseline.
import type { Decision, RegressionCosts } from '@shopfloor/contracts';
import type { Baseline } from './binary-costs.js';
import { checkFinite, checkNonEmpty, checkSameLength, checkZeroOne, invalidCosts, invalidInput } from './check-input.js';

export type ActWhen = RegressionCosts['actWhen'];

/**
 * How a regression prediction becomes a decision: act when the prediction is below (or above) the
 * tuned threshold, strictly. `residuals` are sorted validation residuals (truth - prediction) used
 * to price a single decision; without them the prediction is taken at face value.
 */
export interface RegressionRule {
  threshold: number;
  actWhen: ActWhen;
  residuals?: readonly number[] | undefined;
}

export function checkRegressionCosts(costs: RegressionCosts): void {
  for (const field of ['actionThreshold', 'earlyActionCosts', 'lateActionCosts', 'timelyActionCosts'] as const) {
    if (!Number.isFinite(costs[field])) throw invalidCosts(field, `is ${String(costs[field])}, expected a finite number`);
  }
  if (costs.actWhen !== 'below' && costs.actWhen !== 'above') throw invalidCosts('actWhen', `is ${String(costs.actWhen)}, expected below or above`);
}

/** Whether value is past the threshold in the acting direction (strictly: "remaining life under 30"). */
export function isPast(value: number, threshold: number, actWhen: ActWhen): boolean {
  return actWhen === 'below' ? value < threshold : value > threshold;
}

/** acted & needed -> timely; acted & not needed -> early; not acted & needed -> late; else 0. */
export function regressionOutcomeCost(act: boolean, needed: boolean, costs: RegressionCosts): number {
  if (act) return needed ? costs.timelyActionCosts : costs.earlyActionCosts;
  return needed ? costs.lateActionCosts : 0;
}

/** Act flags for many predictions under a rule (1 = act). */
export function regressionActs(predictions: ArrayLike<number>, threshold: number, actWhen: ActWhen): Uint8Array {
  const acts = new Uint8Array(predictions.length);
  for (let i = 0; i < predictions.length; i++) acts[i] = isPast(predictions[i]!, threshold, actWhen) ? 1 : 0;
  return acts;
}

/**
 * Sorted validation residuals r = truth - prediction, thinned to at most maxCount evenly spaced
 * order statistics (including min and max) so the rule stays small enough to store with a model.
 */
export function residualQuantiles(predictions: ArrayLike<number>, truths: ArrayLike<number>, maxCount = 1001): number[] {
  checkNonEmpty('predictions', predictions);
  checkSameLength('predictions', predictions, 'truths', truths);
  checkFinite('predictions', predictions);
  checkFinite('truths', truths);
  if (!(Number.isInteger(maxCount) && maxCount >= 2)) throw invalidInput('maxCount', `is ${maxCount}, expected an integer >= 2`);
  const n = predictions.length;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = truths[i]! - predictions[i]!;
  residuals.sort();
  if (n <= maxCount) return Array.from(residuals);
  return Array.from({ length: maxCount }, (_, q) => residuals[Math.round((q * (n - 1)) / (maxCount - 1))]!);
}

/**
 * P(action needed | prediction), estimated as the share of validation residuals r with
 * prediction + r past the action threshold. This assumes the error does not depend on the
 * prediction's size (for remaining life it usually grows with it, so far from the threshold the
 * estimate is conservative). Without residuals the prediction is taken as the truth (0 or 1).
 */
export function probabilityActionNeeded(prediction: number, residuals: readonly number[] | undefined, costs: RegressionCosts): number {
  const h = costs.actionThreshold;
  if (residuals === undefined || residuals.length === 0) return isPast(prediction, h, costs.actWhen) ? 1 : 0;
  const cut = h - prediction; // below: needed iff r < cut; above: needed iff r > cut
  const under = countBelow(residuals, cut, costs.actWhen === 'above');
  return costs.actWhen === 'below' ? under / residuals.length : (residuals.length - under) / residuals.length;
}

/** Number of sorted values < x (or <= x when inclusive), by binary search. */
function countBelow(sorted: readonly number[], x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < x || (inclusive && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One decision: act when the prediction is past the rule's threshold; expectedCost weighs the outcomes by P(needed). */
export function decideRegression(prediction: number, rule: RegressionRule, costs: RegressionCosts): Decision {
  checkRegressionCosts(costs);
  if (!Number.isFinite(prediction)) throw invalidInput('prediction', `is ${String(prediction)}, expected a finite number`);
  const act = isPast(prediction, rule.threshold, rule.actWhen);
  const q = probabilityActionNeeded(prediction, rule.residuals, costs);
  const expectedCost = q * regressionOutcomeCost(act, true, costs) + (1 - q) * regressionOutcomeCost(act, false, costs);
  return { label: act ? (costs.actionName ?? 'act') : 'wait', act, expectedCost, currency: costs.currency };
}

/** Realised cost of act/wait decisions against the true values, scaled to 1,000 predictions. */
export function regressionCostPer1000(acts: ArrayLike<number>, truths: ArrayLike<number>, costs: RegressionCosts): number {
  checkRegressionCosts(costs);
  checkNonEmpty('truths', truths);
  checkSameLength('truths', truths, 'decisions', acts);
  checkZeroOne('decisions', acts);
  checkFinite('truths', truths);
  let total = 0;
  for (let i = 0; i < truths.length; i++) {
    total += regressionOutcomeCost(acts[i] === 1, isPast(truths[i]!, costs.actionThreshold, costs.actWhen), costs);
  }
  return (1000 * total) / truths.length;
}

/** The best constant decision without a model: act on every row or on none; ties go to waiting. */
export function regressionBaseline(truths: ArrayLike<number>, costs: RegressionCosts): Baseline {
  checkRegressionCosts(costs);
  checkNonEmpty('truths', truths);
  checkFinite('truths', truths);
  let always = 0;
  let never = 0;
  for (let i = 0; i < truths.length; i++) {
    const needed = isPast(truths[i]!, costs.actionThreshold, costs.actWhen);
    always += regressionOutcomeCost(true, needed, costs);
    never += regressionOutcomeCost(false, needed, costs);
  }
  const n = truths.length;
  return always < never ? { costPer1000: (1000 * always) / n, label: costs.actionName ?? 'act' } : { costPer1000: (1000 * never) / n, label: 'wait' };
}
