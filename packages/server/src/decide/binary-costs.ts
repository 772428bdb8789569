// Binary cost math: outcome costs, the Bayes threshold, one decision with its expected cost, cost per 1,000 and the no-model baseline.
import type { BinaryCosts, Decision } from '@shopfloor/contracts';
import { checkNonEmpty, checkSameLength, checkZeroOne, invalidCosts, invalidInput } from './check-input.js';

/** What each of the four outcomes costs, in the use case currency (TN = 0 by definition). */
export interface BinaryOutcomeCosts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
}

/**
 * TN = 0, FP = falseAlarmCosts, FN = missCosts, TP = missCosts - trueAlarmSaves.
 * Rejects tables where (FP - TN) + (FN - TP) = falseAlarmCosts + trueAlarmSaves <= 0: then an alarm
 * is never relatively better on a failing machine than on a healthy one, and no "alarm when
 * P >= t" rule can express the best decision.
 */
export function binaryOutcomeCosts(costs: BinaryCosts): BinaryOutcomeCosts {
  for (const field of ['trueAlarmSaves', 'falseAlarmCosts', 'missCosts'] as const) {
    if (!Number.isFinite(costs[field])) throw invalidCosts(field, `is ${String(costs[field])}, expected a finite amount`);
  }
  if (costs.falseAlarmCosts + costs.trueAlarmSaves <= 0) {
    throw invalidCosts(
      'trueAlarmSaves',
      `falseAlarmCosts + trueAlarmSaves is ${costs.falseAlarmCosts + costs.trueAlarmSaves}; it must be > 0 for an alarm threshold to make sense`,
    );
  }
  return {
    truePositive: costs.missCosts - costs.trueAlarmSaves,
    falsePositive: costs.falseAlarmCosts,
    falseNegative: costs.missCosts,
    trueNegative: 0,
  };
}

/**
 * Bayes threshold p* = (FP - TN) / ((FP - TN) + (FN - TP)): with a calibrated P(event), alarming at
 * p >= p* minimises expected cost. Can fall outside [0, 1] (always or never alarm).
 */
export function bayesThreshold(costs: BinaryCosts): number {
  const o = binaryOutcomeCosts(costs);
  const falseAlarmRegret = o.falsePositive - o.trueNegative;
  return falseAlarmRegret / (falseAlarmRegret + (o.falseNegative - o.truePositive));
}

function actionName(costs: BinaryCosts): string {
  return costs.actionName ?? 'alarm';
}

/** The decision for one score: alarm when p >= threshold; expectedCost is that decision's expected cost given p. */
export function decideBinary(p: number, threshold: number, costs: BinaryCosts): Decision {
  if (!(p >= 0 && p <= 1)) throw invalidInput('p', `is ${String(p)}, expected a probability in [0, 1]`, { received: p });
  const o = binaryOutcomeCosts(costs);
  const act = p >= threshold;
  const expectedCost = act ? p * o.truePositive + (1 - p) * o.falsePositive : p * o.falseNegative + (1 - p) * o.trueNegative;
  return { label: act ? actionName(costs) : `no ${actionName(costs)}`, act, expectedCost, currency: costs.currency };
}

/** Alarm flags for many scores (1 = alarm when score >= threshold). */
export function binaryActs(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const acts = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) acts[i] = scores[i]! >= threshold ? 1 : 0;
  return acts;
}

/** Realised cost of each decision on labelled rows, averaged and scaled to 1,000 predictions. */
export function binaryCostPer1000(acts: ArrayLike<number>, labels: ArrayLike<number>, costs: BinaryCosts): number {
  checkNonEmpty('labels', labels);
  checkSameLength('labels', labels, 'decisions', acts);
  checkZeroOne('labels', labels);
  checkZeroOne('decisions', acts);
  const o = binaryOutcomeCosts(costs);
  const counts = [0, 0, 0, 0]; // index = 2 * act + label: TN, FN, FP, TP
  for (let i = 0; i < labels.length; i++) counts[2 * acts[i]! + labels[i]!]!++;
  const [tn, fn, fp, tp] = counts as [number, number, number, number];
  const total = tn * o.trueNegative + fn * o.falseNegative + fp * o.falsePositive + tp * o.truePositive;
  return (1000 * total) / labels.length;
}

/** The best constant decision without a model: alarm on every row or on none, whichever costs less on these labels. */
export interface Baseline {
  costPer1000: number;
  /** The constant decision's label, e.g. "no alarm". */
  label: string;
}

export function binaryBaseline(labels: ArrayLike<number>, costs: BinaryCosts): Baseline {
  checkNonEmpty('labels', labels);
  checkZeroOne('labels', labels);
  const o = binaryOutcomeCosts(costs);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const always = (1000 * (positives * o.truePositive + negatives * o.falsePositive)) / labels.length;
  const never = (1000 * (positives * o.falseNegative + negatives * o.trueNegative)) / labels.length;
  // Ties go to doing nothing: the plant's current practice when a model adds nothing.
  return always < never ? { costPer1000: always, label: actionName(costs) } : { costPer1000: never, label: `no ${actionName(costs)}` };
}
