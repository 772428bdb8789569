// The realised cost of every decision on labelled rows, and of the plant's current practice on the same rows.
import { ShopfloorError, type Costs, type Practice } from '@shopfloor/contracts';
import { binaryOutcomeCosts } from './binary-costs.js';
import { checkNonEmpty, checkSameLength } from './check-input.js';
import { baselineCostPer1000 } from './decision-rule.js';
import { checkMulticlassCosts } from './multiclass-costs.js';
import { checkRegressionCosts, isPast, regressionOutcomeCost } from './regression-costs.js';

/**
 * Cost of each row's decision given its truth (conventions of decision-rule.ts): the mean times 1,000 is
 * expectedCostPer1000, and per-row costs let a comparison resample them (bootstrap intervals, paired tests).
 */
export function rowCosts(decisions: ArrayLike<number>, labels: ArrayLike<number>, costs: Costs): Float64Array {
  checkNonEmpty('labels', labels);
  checkSameLength('labels', labels, 'decisions', decisions);
  const out = new Float64Array(labels.length);
  switch (costs.kind) {
    case 'binary': {
      const o = binaryOutcomeCosts(costs);
      const table = [o.trueNegative, o.falseNegative, o.falsePositive, o.truePositive]; // index 2 * act + label
      for (let i = 0; i < out.length; i++) out[i] = table[2 * decisions[i]! + labels[i]!]!;
      return out;
    }
    case 'multiclass':
      checkMulticlassCosts(costs);
      for (let i = 0; i < out.length; i++) out[i] = costs.matrix[labels[i]!]![decisions[i]!]!;
      return out;
    case 'regression':
      checkRegressionCosts(costs);
      for (let i = 0; i < out.length; i++) out[i] = regressionOutcomeCost(decisions[i] === 1, isPast(labels[i]!, costs.actionThreshold, costs.actWhen), costs);
      return out;
  }
}

/**
 * Expected cost per 1,000 cases of the current practice on these labels. A fixed schedule acts on a share
 * s of cases whatever their risk (inspect every tenth part, service every N hours), so each case costs
 * s x (cost of acting) + (1 - s) x (cost of not acting) given its truth. Multiclass has no "act": only no-model.
 */
export function practiceCostPer1000(labels: ArrayLike<number>, costs: Costs, practice: Practice): number {
  if (practice.kind === 'no-model') return baselineCostPer1000(labels, costs).costPer1000;
  if (costs.kind === 'multiclass') {
    throw new ShopfloorError('COMPARE_INVALID', 'a fixed-schedule practice needs a binary or regression use case (multiclass has no single action)', { field: 'practice' });
  }
  const s = practice.actShare;
  const acts = new Float64Array(labels.length).fill(1);
  const act = rowCosts(acts, labels, costs);
  const wait = rowCosts(acts.fill(0), labels, costs);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += s * act[i]! + (1 - s) * wait[i]!;
  return (1000 * total) / labels.length;
}
