// decide/: cost math that turns a score into a decision in the plant's currency. Pure functions, no I/O.
export { validateCosts, chooseDecisionRule, applyDecisionRule, decide, expectedCostPer1000, baselineCostPer1000 } from './decision-rule.js';
export { rowCosts, practiceCostPer1000 } from './row-costs.js';
export {
  type Baseline,
  type BinaryOutcomeCosts,
  binaryOutcomeCosts,
  bayesThreshold,
  decideBinary,
  binaryActs,
  binaryCostPer1000,
  binaryBaseline,
} from './binary-costs.js';
export { type BinaryThresholdChoice, chooseBinaryThreshold } from './binary-threshold.js';
export {
  checkMulticlassCosts,
  alignMulticlassCosts,
  decideMulticlass,
  multiclassDecisions,
  multiclassCostPer1000,
  multiclassBaseline,
} from './multiclass-costs.js';
export {
  type ActWhen,
  type RegressionRule,
  checkRegressionCosts,
  isPast,
  regressionOutcomeCost,
  regressionActs,
  residualQuantiles,
  probabilityActionNeeded,
  decideRegression,
  regressionCostPer1000,
  regressionBaseline,
} from './regression-costs.js';
export { type RegressionThresholdChoice, chooseRegressionThreshold } from './regression-threshold.js';
export { compileRule, writeName, type CompiledRule } from './rules/index.js';
