// The PHM08 challenge score for remaining-useful-life predictions: late predictions cost more than early ones.
import { checkFiniteValues, checkPair } from './check-input.js';
import { compensatedSum } from './compensated-sum.js';

/**
 * Penalty of one prediction with error d = predicted - true RUL (Saxena et al., PHM08):
 * exp(-d / 13) - 1 when early (d < 0), exp(d / 10) - 1 when late (d >= 0). Predicting failure too late
 * is the costly mistake on a line, so it grows faster. 0 for an exact prediction.
 */
export function phm08Penalty(d: number): number {
  return d < 0 ? Math.expm1(-d / 13) : Math.expm1(d / 10);
}

/** PHM08 score: the SUM (not the mean) of the penalties, as the challenge ranked entries; lower is better. */
export function phm08Score(truths: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkPair('truths', truths, 'predictions', predictions);
  checkFiniteValues('truths', truths);
  checkFiniteValues('predictions', predictions);
  return compensatedSum(truths.length, (i) => phm08Penalty(predictions[i]! - truths[i]!));
}
