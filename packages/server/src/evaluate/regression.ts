// Regression metrics on held-out rows: root mean squared error and mean absolute error, compensated sums.
import { checkFiniteValues, checkPair } from './check-input.js';
import { compensatedSum } from './compensated-sum.js';

function checkRegression(truths: ArrayLike<number>, predictions: ArrayLike<number>): void {
  checkPair('truths', truths, 'predictions', predictions);
  checkFiniteValues('truths', truths);
  checkFiniteValues('predictions', predictions);
}

export function rmse(truths: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkRegression(truths, predictions);
  return Math.sqrt(compensatedSum(truths.length, (i) => (truths[i]! - predictions[i]!) ** 2) / truths.length);
}

export function mae(truths: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkRegression(truths, predictions);
  return compensatedSum(truths.length, (i) => Math.abs(truths[i]! - predictions[i]!)) / truths.length;
}
