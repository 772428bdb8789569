import { describe, expect, it } from 'vitest';
import { argmaxClasses, macroOvrAuc, multiclassLogLoss } from './multiclass.js';
import { rocAuc } from './ranking.js';
import { SKLEARN_MULTICLASS_CASE as c } from './sklearn-cases.js';

describe('multiclass metrics', () => {
  it('match scikit-learn macro one-vs-rest AUC and log loss', () => {
    expect(macroOvrAuc(c.labels, c.probabilities, c.k)).toBeCloseTo(c.auc, 14);
    expect(multiclassLogLoss(c.labels, c.probabilities, c.k)).toBeCloseTo(c.logLoss, 14);
  });
  it('averages only the classes the test set holds', () => {
    const labels = [0, 0, 1, 1];
    const probs = [0.9, 0.1, 0, 0.6, 0.3, 0.1, 0.2, 0.8, 0, 0.4, 0.5, 0.1];
    const class0 = rocAuc([1, 1, 0, 0], [0.9, 0.6, 0.2, 0.4]);
    const class1 = rocAuc([0, 0, 1, 1], [0.1, 0.3, 0.8, 0.5]);
    expect(macroOvrAuc(labels, probs, 3)).toBe((class0 + class1) / 2);
  });
  it('renormalises clipped rows for log loss', () => {
    // Row [1, 0, 0] with label 1: p clipped to eps, row sum 1 + eps -> -log(eps / (1 + eps)).
    expect(multiclassLogLoss([1], [1, 0, 0], 3)).toBeCloseTo(-Math.log(Number.EPSILON / (1 - Number.EPSILON + 2 * Number.EPSILON)), 12);
    expect(multiclassLogLoss([0, 2], [0.5, 0.25, 0.25, 0.25, 0.25, 0.5], 3)).toBeCloseTo(Math.LN2, 15);
  });
  it('picks the most likely class per row', () => {
    expect(Array.from(argmaxClasses([0.2, 0.5, 0.3, 0.4, 0.4, 0.2], 3))).toEqual([1, 0]);
  });
  it('names a probability matrix of the wrong shape', () => {
    expect(() => macroOvrAuc([0, 1], [0.5, 0.5, 0.5], 2)).toThrow(/probabilities: has 3 entries, expected 2 rows x 2 classes/);
  });
});
