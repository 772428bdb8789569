// The cost-optimal action threshold on validation predictions: acting earlier (or later) than the nominal threshold can be cheaper.
import type { RegressionCosts } from '@shopfloor/contracts';
import { checkFinite, checkNonEmpty, checkSameLength } from './check-input.js';
import { scanCuts } from './cut-scan.js';
import { type ActWhen, checkRegressionCosts, isPast, regressionOutcomeCost } from './regression-costs.js';

export interface RegressionThresholdChoice {
  /** Act when the prediction is strictly below (or above) this value. */
  threshold: number;
  actWhen: ActWhen;
  /** Realised cost on the validation rows with this threshold, per 1,000 rows. */
  costPer1000: number;
  /** Share of validation rows acted on. */
  actRate: number;
  regime: 'threshold' | 'never' | 'always';
}

/**
 * Tunes the decision threshold h' on validation predictions against the true values: a model that
 * overestimates remaining life near the end is best acted on at a predicted RUL < h' with h' > h.
 * Scans every distinct prediction (O(n log n)); among equally cheap thresholds the one nearest the
 * nominal action threshold h wins, so h' = h whenever the data do not argue for moving it.
 */
export function chooseRegressionThreshold(predictions: ArrayLike<number>, truths: ArrayLike<number>, costs: RegressionCosts): RegressionThresholdChoice {
  checkRegressionCosts(costs);
  checkNonEmpty('predictions', predictions);
  checkSameLength('predictions', predictions, 'truths', truths);
  checkFinite('predictions', predictions);
  checkFinite('truths', truths);
  const n = predictions.length;
  const below = costs.actWhen === 'below';
  // Act iff key > t: for 'below' the keys are negated predictions (pred < t  <=>  -pred > -t).
  const keys = new Float64Array(n);
  const costAct = new Float64Array(n);
  const costWait = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = below ? -predictions[i]! : predictions[i]!;
    const needed = isPast(truths[i]!, costs.actionThreshold, costs.actWhen);
    costAct[i] = regressionOutcomeCost(true, needed, costs);
    costWait[i] = regressionOutcomeCost(false, needed, costs);
  }
  const h = costs.actionThreshold;
  const cut = scanCuts(keys, costAct, costWait, below ? -h : h, false);
  return {
    threshold: (below ? -cut.threshold : cut.threshold) + 0, // + 0 turns -0 into 0
    actWhen: costs.actWhen,
    costPer1000: (1000 * cut.totalCost) / n,
    actRate: cut.actCount / n,
    regime: cut.actCount === 0 ? 'never' : cut.actCount === n ? 'always' : 'threshold',
  };
}
