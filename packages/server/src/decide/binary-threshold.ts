// The cost-optimal alarm threshold on validation data: minimise total realised cost, prefer the Bayes threshold among ties.
import type { BinaryCosts } from '@shopfloor/contracts';
import { bayesThreshold, binaryOutcomeCosts } from './binary-costs.js';
import { checkNonEmpty, checkProbabilities, checkSameLength, checkZeroOne } from './check-input.js';
import { scanCuts } from './cut-scan.js';

export interface BinaryThresholdChoice {
  /** Alarm when P(event) >= threshold. Above every validation score means "never alarm". */
  threshold: number;
  /** p* from the cost table alone (what a perfectly calibrated model would use). */
  bayesThreshold: number;
  /** Realised cost on the validation rows with this threshold, per 1,000 rows. */
  costPer1000: number;
  /** Share of validation rows that alarm. */
  alarmRate: number;
  /** 'never' / 'always' when the cheapest rule alarms on no / every validation row. */
  regime: 'threshold' | 'never' | 'always';
  /** Validation rows with the event; 0 means the threshold rests on false alarms alone. */
  positives: number;
}

/**
 * Scans all distinct scores once sorted (O(n log n)) and returns the threshold of lowest total
 * empirical cost; among equally cheap thresholds, the one nearest p*. Degenerate cases fall out of
 * the same scan: with no positives only false alarms cost, so the cheapest rule alarms on no row
 * (unless false alarms are free); when never/always alarming is cheapest the threshold lies
 * above/at the extreme score, still as near p* as the data allow.
 */
export function chooseBinaryThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>, costs: BinaryCosts): BinaryThresholdChoice {
  checkNonEmpty('scores', scores);
  checkSameLength('scores', scores, 'labels', labels);
  checkProbabilities('scores', scores);
  checkZeroOne('labels', labels);
  const o = binaryOutcomeCosts(costs);
  const n = scores.length;
  const costAct = new Float64Array(n);
  const costWait = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const positive = labels[i] === 1;
    positives += labels[i]!;
    costAct[i] = positive ? o.truePositive : o.falsePositive;
    costWait[i] = positive ? o.falseNegative : o.trueNegative;
  }
  const pStar = bayesThreshold(costs);
  const cut = scanCuts(scores, costAct, costWait, pStar, true);
  return {
    threshold: cut.threshold,
    bayesThreshold: pStar,
    costPer1000: (1000 * cut.totalCost) / n,
    alarmRate: cut.actCount / n,
    regime: cut.actCount === 0 ? 'never' : cut.actCount === n ? 'always' : 'threshold',
    positives,
  };
}
