import { describe, expect, it } from 'vitest';
import { GradientBoosting } from './booster.js';
import type { ForestModel } from './model.js';
import { saveModel } from './format.js';
import { treeDepth } from './shap.js';
import { auc, binaryData, regressionData, rmse, std } from './test-support/data.js';
import type { TrainingProgress } from './types.js';

const forestOf = (m: unknown) => (m as ForestModel).forest;

describe('GradientBoosting', () => {
  it('learns a planted nonlinear binary signal (test AUC > 0.9)', () => {
    const train = binaryData(4000, 1);
    const test = binaryData(2000, 2);
    const model = new GradientBoosting({ objective: 'binary', maxIter: 80, learningRate: 0.1 }).fit({ X: train.X, y: train.y });
    const p = model.predict(test.X);
    expect(auc(test.y, p)).toBeGreaterThan(0.9);
    // The Bayes-optimal AUC on this data bounds what any model can reach.
    expect(auc(test.y, p)).toBeGreaterThan(auc(test.y, test.logit) - 0.03);
  });

  it('fits regression with RMSE well below the target standard deviation', () => {
    const train = regressionData(4000, 3);
    const test = regressionData(1000, 4);
    const model = new GradientBoosting({ objective: 'squared_error', maxIter: 150, maxLeafNodes: 15 }).fit({ X: train.X, y: train.y });
    const error = rmse(model.predict(test.X), test.y);
    expect(error).toBeLessThan(0.25 * std(test.y));
    expect(error).toBeLessThan(0.5);
  });

  it('gives bitwise-identical models for the same seed, with row and feature subsampling', () => {
    const { X, y } = binaryData(3000, 5);
    const params = { objective: 'binary' as const, maxIter: 20, subsample: 0.7, colsampleByTree: 0.5, seed: 42 };
    const a = new GradientBoosting(params).fit({ X, y });
    const b = new GradientBoosting(params).fit({ X, y });
    expect(saveModel(a)).toBe(saveModel(b));
    const c = new GradientBoosting({ ...params, seed: 43 }).fit({ X, y });
    expect(saveModel(c)).not.toBe(saveModel(a));
  });

  it('uses only the sampled features in each tree when colsampleByTree < 1', () => {
    const { X, y } = binaryData(2000, 6);
    const model = new GradientBoosting({ objective: 'binary', maxIter: 10, colsampleByTree: 0.34, seed: 1 }).fit({ X, y });
    for (const tree of forestOf(model).trees) {
      expect(new Set(Array.from(tree.feature).filter((f) => f >= 0)).size).toBeLessThanOrEqual(2);
    }
  });

  it('respects maxDepth (depth-wise when maxLeafNodes is unset) and maxLeafNodes', () => {
    const { X, y } = regressionData(3000, 7);
    const deep = new GradientBoosting({ objective: 'squared_error', maxIter: 3, maxDepth: 3, maxLeafNodes: undefined, minSamplesLeaf: 1 }).fit({ X, y });
    for (const tree of forestOf(deep).trees) {
      expect(treeDepth(tree)).toBe(3);
      expect(tree.feature.filter((f) => f < 0).length).toBe(8);
    }
    const leafy = new GradientBoosting({ objective: 'squared_error', maxIter: 3, maxLeafNodes: 5 }).fit({ X, y });
    for (const tree of forestOf(leafy).trees) expect(tree.feature.filter((f) => f < 0).length).toBe(5);
  });

  it('reports progress once per round with train and validation loss', () => {
    const train = binaryData(1500, 8);
    const valid = binaryData(500, 9);
    const seen: TrainingProgress[] = [];
    new GradientBoosting({ objective: 'binary', maxIter: 12 }).fit({ X: train.X, y: train.y, validation: { X: valid.X, y: valid.y }, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seen.every((p) => p.maxIter === 12 && typeof p.validLoss === 'number' && p.elapsedMs >= 0)).toBe(true);
    expect(seen[11]!.trainLoss).toBeLessThan(seen[0]!.trainLoss);
  });

  it('stops early on the validation loss and keeps the best round', () => {
    const train = regressionData(600, 10, 2);
    const valid = regressionData(600, 11, 2);
    const seen: TrainingProgress[] = [];
    const model = new GradientBoosting({ objective: 'squared_error', maxIter: 500, learningRate: 0.3, minSamplesLeaf: 2, earlyStoppingPatience: 5 })
      .fit({ X: train.X, y: train.y, validation: { X: valid.X, y: valid.y }, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeLessThan(500);
    const losses = seen.map((p) => p.validLoss!);
    const best = losses.indexOf(Math.min(...losses));
    expect(model.nIterations).toBe(best + 1);
    expect(seen.length).toBe(best + 1 + 5);
    expect(forestOf(model).trees.length).toBe(best + 1);
    expect(rmse(model.predict(valid.X), valid.y) ** 2).toBeCloseTo(losses[best]!, 10);
  });

  it('trains multiclass softmax with one tree per class per round', () => {
    const { X, y: logit } = regressionData(3000, 12, 0.1);
    const y = Float64Array.from(logit, (v) => (v < 1 ? 0 : v < 3 ? 1 : 2));
    const model = new GradientBoosting({ objective: 'multiclass', maxIter: 40 }).fit({ X, y });
    expect(model.nClasses).toBe(3);
    expect(forestOf(model).trees.length).toBe(120);
    const p = model.predict(X);
    let correct = 0;
    for (let i = 0; i < 3000; i++) {
      const row = [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === y[i]) correct++;
    }
    expect(correct / 3000).toBeGreaterThan(0.85);
  });

  it('class weights shift binary probabilities towards the rare class', () => {
    const { X, y: y0 } = binaryData(3000, 13);
    const y = Float64Array.from(y0, (v, i) => (v === 1 && i % 4 !== 0 ? 0 : v));
    const plain = new GradientBoosting({ objective: 'binary', maxIter: 20 }).fit({ X, y });
    const balanced = new GradientBoosting({ objective: 'binary', maxIter: 20, classWeight: 'balanced' }).fit({ X, y });
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(balanced.predict(X))).toBeGreaterThan(mean(plain.predict(X)) + 0.2);
  });

  it('ignores rows with zero sample weight in the fitted values', () => {
    const { X, y } = regressionData(2000, 14);
    const w = Float64Array.from(y, (_, i) => (i % 2 === 0 ? 1 : 0));
    const shifted = Float64Array.from(y, (v, i) => (i % 2 === 0 ? v : v + 100));
    const model = new GradientBoosting({ objective: 'squared_error', maxIter: 50 }).fit({ X, y: shifted, sampleWeight: w });
    expect(rmse(model.predict(X), y)).toBeLessThan(1);
  });
});
