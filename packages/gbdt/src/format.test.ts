import { describe, expect, it } from 'vitest';
import { GbdtError, type GbdtModel } from './api.js';
import { GradientBoosting } from './booster.js';
import { loadModel, saveModel } from './format.js';
import { Rng } from './random.js';
import { binaryData, matrix, row } from './test-support/data.js';

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function trainedModels(): Array<[string, GbdtModel, ReturnType<typeof matrix>]> {
  const { X, y } = binaryData(1500, 41);
  const rng = new Rng(42);
  const Xc = matrix(1500, 3, (_, j) => (rng.nextFloat() < 0.1 ? NaN : j === 2 ? rng.nextInt(5) : rng.nextFloat()));
  const yc = Float64Array.from({ length: 1500 }, (_, i) => Math.min(2, Math.floor((Xc.values[i * 3]! || 0.5) * 2 + (Xc.values[i * 3 + 2] === 3 ? 1 : 0))));
  const features = [{ name: 'a', type: 'numeric' as const }, { name: 'b', type: 'numeric' as const }, { name: 'line', type: 'categorical' as const, categories: ['L1', 'L2', 'L3', 'L4', 'L5'] }];
  return [
    ['binary', new GradientBoosting({ objective: 'binary', maxIter: 30, maxDepth: 4, maxLeafNodes: undefined }).fit({ X, y }), X],
    ['multiclass + categorical', new GradientBoosting({ objective: 'multiclass', maxIter: 10 }).fit({ X: Xc, y: yc, features }), Xc],
    ['quantile', new GradientBoosting({ objective: 'quantile', quantileAlpha: 0.3, maxIter: 10, monotonicConstraints: { a: 1 } }).fit({ X: Xc, y: yc, features }), Xc],
  ];
}

describe('model format', () => {
  it.each(trainedModels())('%s: save then load predicts bit for bit and saves the same text', (_, model, X) => {
    const text = saveModel(model);
    const loaded = loadModel(text);
    expect(sameBits(loaded.predictRaw(X), model.predictRaw(X))).toBe(true);
    expect(sameBits(loaded.predict(X), model.predict(X))).toBe(true);
    expect(sameBits(loaded.shapRow(row(X, 5)).contributions, model.shapRow(row(X, 5)).contributions)).toBe(true);
    expect(loaded.params).toEqual(model.params);
    expect(loaded.features).toEqual(model.features);
    expect(loaded.nIterations).toBe(model.nIterations);
    expect(saveModel(loaded)).toBe(text);
  });

  it('keeps a parameter that was left unset (maxLeafNodes) unset after loading', () => {
    const model = trainedModels()[0]![1];
    expect(model.params.maxLeafNodes).toBeUndefined();
    expect(loadModel(saveModel(model)).params.maxLeafNodes).toBeUndefined();
    expect(JSON.parse(saveModel(model)).params.maxLeafNodes).toBeNull();
  });

  it('writes the header fields', () => {
    const doc = JSON.parse(saveModel(trainedModels()[1]![1]));
    expect(doc.format).toBe('shopfloor-gbdt');
    expect(doc.formatVersion).toBe(1);
    expect(doc.objective).toBe('multiclass');
    expect(doc.nClasses).toBe(3);
    expect(doc.features[2]).toEqual({ name: 'line', type: 'categorical', categories: ['L1', 'L2', 'L3', 'L4', 'L5'] });
    expect(doc.binEdges).toHaveLength(3);
    expect(doc.binEdges[0].length).toBeGreaterThan(10);
    expect(Array.isArray(doc.trees[0].left)).toBe(true);
  });

  describe('refuses broken files, naming what is wrong', () => {
    const text = saveModel(trainedModels()[0]![1]);
    const broken = (edit: (doc: any) => void): string => {
      const doc = JSON.parse(text);
      edit(doc);
      return JSON.stringify(doc);
    };
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"format": ', /not valid JSON/],
      ['another format', broken((d) => (d.format = 'xgboost')), /^format: expected 'shopfloor-gbdt'/],
      ['a newer formatVersion', broken((d) => (d.formatVersion = 2)), /^formatVersion: 2 is not supported/],
      ['a missing field', broken((d) => delete d.trees[0].left), /^trees\[0\]\.left: missing$/],
      ['a short array', broken((d) => d.trees[3].left.pop()), new RegExp(`^trees\\[3\\]\\.left: expected array of length ${JSON.parse(text).trees[3].left.length}, got length ${JSON.parse(text).trees[3].left.length - 1}$`)],
      ['a non-number threshold', broken((d) => (d.trees[1].threshold[0] = 'x')), /^trees\[1\]\.threshold\[0\]: expected a number/],
      ['a child out of range', broken((d) => (d.trees[2].left[0] = 99)), /^trees\[2\]\.left\[0\]: child 99 out of range/],
      ['a self-loop', broken((d) => (d.trees[2].left[1] = 1)), /^trees\[2\]\.left\[1\]: node 1 is its own child/],
      ['a node with two parents', broken((d) => (d.trees[2].right[1] = d.trees[2].left[1])), /already has parent/],
      ['an unknown objective', broken((d) => (d.objective = 'ranking')), /^objective: unknown objective "ranking"/],
      ['wrong baseScore length', broken((d) => d.baseScore.push(0)), /^baseScore: expected array of length 1/],
      ['a feature without a name', broken((d) => delete d.features[1].name), /^features\[1\]\.name: missing/],
      ['a missing header field', broken((d) => delete d.nIterations), /^nIterations: missing/],
      ['a bad parameter type', broken((d) => (d.params.maxIter = 'many')), /^params\.maxIter: expected a number/],
      ['treeClass out of range', broken((d) => (d.treeClass[0] = 1)), /^treeClass\[0\]: class 1 out of range/],
    ];
    it.each(cases)('%s', (_, bad, message) => {
      let error: unknown;
      try {
        loadModel(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GbdtError);
      expect((error as GbdtError).code).toBe('GBDT_MODEL_FORMAT');
      expect((error as GbdtError).message).toMatch(message);
    });
  });
});
