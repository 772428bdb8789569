import { describe, expect, it } from 'vitest';
import { accuracy, f1Score, logLoss, macroF1 } from './classification.js';
import { SKLEARN_BINARY_CASES } from './sklearn-cases.js';

describe('log loss', () => {
  it.each(SKLEARN_BINARY_CASES)('matches scikit-learn on $name', (c) => {
    const p = c.scores.map((s) => Math.min(Math.max(s, 0.01), 0.99));
    expect(logLoss(c.labels, p)).toBeCloseTo(c.logLoss, 14);
  });
  it('clips a confident wrong answer instead of returning infinity, as scikit-learn 1.2 does', () => {
    // log_loss([1, 0, 1], [1.0, 0.0, 0.0]) = 12.014551129705717 (one wrong row at -log(2.2e-16), over 3).
    expect(logLoss([1, 0, 1], [1, 0, 0])).toBeCloseTo(12.014551129705717, 12);
  });
  it('is exact on a hand-checked pair', () => {
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });
});

describe('accuracy and F1 of decisions', () => {
  const labels = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const alarms = [1, 1, 0, 1, 1, 0, 0, 0, 0, 0];
  it('counts hits over rows', () => {
    expect(accuracy(labels, alarms)).toBe(0.7);
  });
  it('scores F1 = 2TP / (2TP + FP + FN)', () => {
    // TP 2, FP 2, FN 1 -> 4 / 7.
    expect(f1Score(labels, alarms)).toBe(4 / 7);
    expect(f1Score([0, 0], [0, 0])).toBe(0);
  });
  it('averages F1 over classes for macro F1', () => {
    // class 0: TP 1, FP 1, FN 0 -> 2/3; class 1: TP 1, FP 0, FN 1 -> 2/3; class 2: TP 1, FP 0, FN 0 -> 1.
    expect(macroF1([0, 1, 1, 2], [0, 1, 0, 2], 3)).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 15);
  });
  it('names a label outside 0/1', () => {
    expect(() => f1Score([0, 1], [0, 3])).toThrow(/predicted: row 1 is 3/);
  });
});
