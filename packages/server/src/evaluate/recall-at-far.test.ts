import { describe, expect, it } from 'vitest';
import { recallAtFalseAlarmRate } from './recall-at-far.js';
import { SKLEARN_BINARY_CASES, SKLEARN_BINARY_EXTRAS } from './sklearn-cases.js';

describe('recall at a fixed false-alarm rate', () => {
  // score: 0.9  0.8  0.8  0.7  0.6  0.5  0.4  0.3      P = 4 failures, N = 4 healthy
  // label:  1    1    0    1    0    0    0    1
  // alarm at >= 0.9: TP 1 FP 0 | >= 0.8: TP 2 FP 1 | >= 0.7: TP 3 FP 1 | >= 0.6: TP 3 FP 2 | ... | >= 0.3: TP 4 FP 4
  const labels = [1, 1, 0, 1, 0, 0, 0, 1];
  const scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];

  it('takes the lowest threshold within the budget (hand-checked)', () => {
    expect(recallAtFalseAlarmRate(labels, scores, 0.25)).toBe(0.75); // >= 0.7: 3 of 4 caught, 1 of 4 false
    expect(recallAtFalseAlarmRate(labels, scores, 0.5)).toBe(0.75); // >= 0.6 adds a false alarm, no catch
    expect(recallAtFalseAlarmRate(labels, scores, 0.99)).toBe(0.75);
    expect(recallAtFalseAlarmRate(labels, scores, 1)).toBe(1);
  });
  it('never splits tied scores to squeeze under the budget', () => {
    // With no false alarm allowed, the tie at 0.8 (one failure, one healthy) must stay out whole: 1 of 4, not 2 of 4.
    expect(recallAtFalseAlarmRate(labels, scores, 0)).toBe(0.25);
    expect(recallAtFalseAlarmRate([1, 0], [0.5, 0.5], 0.5)).toBe(0);
  });
  it('compares a decimal budget exactly (57 of 100 is within 0.57)', () => {
    // 100 healthy rows at 0.995, 0.990, ..., 0.500; the failure at 0.7125 sits just below the 57th of them.
    const y = [1, ...Array<number>(100).fill(0)];
    const s = [1 - 57.5 / 200, ...Array.from({ length: 100 }, (_, i) => 1 - (i + 1) / 200)];
    expect(0.57 * 100).toBeLessThan(57); // why the budget is compared as FP / N, not FP against maxFpr * N
    expect(recallAtFalseAlarmRate(y, s, 0.57)).toBe(1);
    expect(recallAtFalseAlarmRate(y, s, 0.56)).toBe(0);
    expect(recallAtFalseAlarmRate([0, 1, ...Array<number>(99).fill(0)], [1, 0.5, ...Array<number>(99).fill(0)], 0.0099)).toBe(0);
  });
  it.each(SKLEARN_BINARY_CASES.map((c, i) => ({ ...c, ...SKLEARN_BINARY_EXTRAS[i]! })))('matches scikit-learn roc_curve on $name', (c) => {
    expect(recallAtFalseAlarmRate(c.labels, c.scores, 0.1)).toBeCloseTo(c.recallAtFpr10, 15);
    expect(recallAtFalseAlarmRate(c.labels, c.scores, 0.25)).toBeCloseTo(c.recallAtFpr25, 15);
  });
  it('is undefined (NaN) with one class only, and names a bad budget', () => {
    expect(recallAtFalseAlarmRate([1, 1], [0.2, 0.4], 0.1)).toBeNaN();
    expect(recallAtFalseAlarmRate([0, 0], [0.2, 0.4], 0.1)).toBeNaN();
    expect(() => recallAtFalseAlarmRate([0, 1], [0.2, 0.4], 1.5)).toThrow(/maxFpr: is 1.5/);
    expect(() => recallAtFalseAlarmRate([0, 1], [0.2, 0.4], NaN)).toThrow(/maxFpr/);
  });
});
