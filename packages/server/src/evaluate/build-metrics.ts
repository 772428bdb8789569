// Assembles the contracts' Metrics for one model version from its held-out predictions, decisions and costs.
import type { Costs, Metrics } from '@shopfloor/contracts';
import { baselineCostPer1000, expectedCostPer1000 } from '../decide/index.js';
import { invalidMetricInput } from './check-input.js';
import { accuracy, f1Score, logLoss, macroF1 } from './classification.js';
import { macroOvrAuc, multiclassLogLoss } from './multiclass.js';
import { averagePrecision, rocAuc } from './ranking.js';
import { mae, rmse } from './regression.js';

/**
 * The held-out split of one training, in decide/'s array conventions: binary P(event) with 0/1
 * labels; multiclass row-major n x K probabilities with class indices (costs aligned to the same
 * classes); regression predicted and true values. `decisions` come from applyDecisionRule.
 */
export interface HeldOutResults {
  labels: ArrayLike<number>;
  predictions: ArrayLike<number>;
  decisions: ArrayLike<number>;
  costs: Costs;
  nTrain: number;
  trainSeconds: number;
}

/**
 * Accuracy and F1 are those of the decisions the plant acts on (cost-optimal threshold or class),
 * not of a 0.5 cut or the most likely class. A metric undefined on this split (AUC with one class
 * present) is left out rather than reported as NaN.
 */
export function buildMetrics(r: HeldOutResults): Metrics {
  const n = r.labels.length;
  if (r.decisions.length !== n) throw invalidMetricInput('decisions', `has ${r.decisions.length} entries but labels has ${n}`);
  const base = {
    nTrain: r.nTrain,
    nTest: n,
    expectedCostPer1000: expectedCostPer1000(r.decisions, r.labels, r.costs),
    baselineCostPer1000: baselineCostPer1000(r.labels, r.costs).costPer1000,
    trainSeconds: r.trainSeconds,
  };
  switch (r.costs.kind) {
    case 'binary':
      return withDefined(base, {
        auc: rocAuc(r.labels, r.predictions),
        prAuc: averagePrecision(r.labels, r.predictions),
        logLoss: logLoss(r.labels, r.predictions),
        accuracy: accuracy(r.labels, r.decisions),
        f1: f1Score(r.labels, r.decisions),
      });
    case 'multiclass': {
      const k = r.costs.classes.length;
      return withDefined(base, {
        auc: macroOvrAuc(r.labels, r.predictions, k),
        logLoss: multiclassLogLoss(r.labels, r.predictions, k),
        accuracy: accuracy(r.labels, r.decisions),
        f1: macroF1(r.labels, r.decisions, k),
      });
    }
    case 'regression':
      return withDefined(base, { rmse: rmse(r.labels, r.predictions), mae: mae(r.labels, r.predictions) });
  }
}

function withDefined(base: Metrics, optional: Partial<Record<'auc' | 'prAuc' | 'logLoss' | 'accuracy' | 'f1' | 'rmse' | 'mae', number>>): Metrics {
  const out: Metrics = { ...base };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, number][]) {
    if (Number.isFinite(value)) out[key] = value;
  }
  return out;
}
