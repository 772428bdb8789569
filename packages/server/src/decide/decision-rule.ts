// One entry point per step for any task: choose the rule on validation data, apply it, decide one row, price decisions in money.
import type { Costs, Decision, DecisionRule } from '@shopfloor/contracts';
import { type Baseline, binaryActs, binaryOutcomeCosts, binaryBaseline, binaryCostPer1000, decideBinary } from './binary-costs.js';
import { chooseBinaryThreshold } from './binary-threshold.js';
import { invalidInput } from './check-input.js';
import { alignMulticlassCosts, checkMulticlassCosts, decideMulticlass, multiclassBaseline, multiclassCostPer1000, multiclassDecisions } from './multiclass-costs.js';
import { checkRegressionCosts, decideRegression, regressionActs, regressionBaseline, regressionCostPer1000, residualQuantiles } from './regression-costs.js';
import { chooseRegressionThreshold } from './regression-threshold.js';

/*
 * Array conventions for every task (multiclass costs must first go through alignMulticlassCosts,
 * so class index i means costs.classes[i] and column i of the model's probabilities):
 *
 *   task        predictions                 labels            decisions
 *   binary      P(event), length n          0/1, length n     0/1 act flags (Uint8Array)
 *   multiclass  row-major n x K             class index       class index (Int32Array)
 *   regression  predicted value, length n   true value        0/1 act flags (Uint8Array)
 */

/**
 * Checks a use case's cost table when it is created (USE_CASE_INVALID naming the field) and
 * returns it ready for the functions below: a multiclass matrix is reordered to the target's
 * classes, which it must list exactly.
 */
export function validateCosts(costs: Costs, targetClasses?: readonly string[]): Costs {
  switch (costs.kind) {
    case 'binary':
      binaryOutcomeCosts(costs);
      return costs;
    case 'multiclass':
      if (targetClasses !== undefined) return alignMulticlassCosts(costs, targetClasses);
      checkMulticlassCosts(costs);
      return costs;
    case 'regression':
      checkRegressionCosts(costs);
      return costs;
  }
}

/** The decision rule stored with a model version, tuned on validation predictions and labels. */
export function chooseDecisionRule(predictions: ArrayLike<number>, labels: ArrayLike<number>, costs: Costs): DecisionRule {
  switch (costs.kind) {
    case 'binary':
      return { kind: 'binary', threshold: chooseBinaryThreshold(predictions, labels, costs).threshold };
    case 'multiclass':
      checkMulticlassCosts(costs); // the rule is the argmin itself: nothing to tune
      return { kind: 'multiclass' };
    case 'regression': {
      const choice = chooseRegressionThreshold(predictions, labels, costs);
      return { kind: 'regression', threshold: choice.threshold, actWhen: choice.actWhen, residuals: residualQuantiles(predictions, labels) };
    }
  }
}

function mismatch(rule: DecisionRule, costs: Costs): Error {
  return invalidInput('rule', `is a ${rule.kind} rule but the costs are ${costs.kind}`, { expected: costs.kind, received: rule.kind });
}

/** Decisions for many rows (see the table above). */
export function applyDecisionRule(predictions: ArrayLike<number>, rule: DecisionRule, costs: Costs): Uint8Array | Int32Array {
  if (rule.kind === 'binary' && costs.kind === 'binary') return binaryActs(predictions, rule.threshold);
  if (rule.kind === 'multiclass' && costs.kind === 'multiclass') return multiclassDecisions(predictions, costs);
  if (rule.kind === 'regression' && costs.kind === 'regression') return regressionActs(predictions, rule.threshold, rule.actWhen);
  throw mismatch(rule, costs);
}

/** One row's decision with its expected cost: binary takes P(event), multiclass the K probabilities, regression the value. */
export function decide(prediction: number | ArrayLike<number>, rule: DecisionRule, costs: Costs): Decision {
  if (costs.kind === 'multiclass' && rule.kind === 'multiclass') {
    if (typeof prediction === 'number') throw invalidInput('prediction', 'is one number; a multiclass decision needs the class probabilities');
    return decideMulticlass(prediction, costs);
  }
  if (typeof prediction !== 'number') throw invalidInput('prediction', `is a list; a ${costs.kind} decision needs one number`);
  if (costs.kind === 'binary' && rule.kind === 'binary') return decideBinary(prediction, rule.threshold, costs);
  if (costs.kind === 'regression' && rule.kind === 'regression') return decideRegression(prediction, rule, costs);
  throw mismatch(rule, costs);
}

/** Realised cost of decisions on labelled rows, per 1,000 predictions, in the use case currency. */
export function expectedCostPer1000(decisions: ArrayLike<number>, labels: ArrayLike<number>, costs: Costs): number {
  switch (costs.kind) {
    case 'binary':
      return binaryCostPer1000(decisions, labels, costs);
    case 'multiclass':
      return multiclassCostPer1000(decisions, labels, costs);
    case 'regression':
      return regressionCostPer1000(decisions, labels, costs);
  }
}

/** The no-model baseline on the same labels: the best constant decision, per 1,000 predictions. */
export function baselineCostPer1000(labels: ArrayLike<number>, costs: Costs): Baseline {
  switch (costs.kind) {
    case 'binary':
      return binaryBaseline(labels, costs);
    case 'multiclass':
      return multiclassBaseline(labels, costs);
    case 'regression':
      return regressionBaseline(labels, costs);
  }
}
