// gbdt/node: worker threads give the core's model bit for bit, for any nThreads (the workers run the built twin in dist/).
import { describe, expect, it } from 'vitest';
import { GradientBoosting as CoreGradientBoosting, saveModel, type FitInput, type GbdtModel } from '../index.js';
import { binaryData, matrix, regressionData } from '../test-support/data.js';
import { Rng } from '../random.js';
import { GradientBoosting, type NodeGbdtParams } from './index.js';

const threaded = (params: NodeGbdtParams) => new GradientBoosting(params, { minParallelCells: 0 });

async function sameForAllThreads(params: NodeGbdtParams, input: FitInput): Promise<GbdtModel> {
  const core = new CoreGradientBoosting(params).fit(input);
  const reference = JSON.stringify(saveModel(core));
  for (const nThreads of [1, 2, 3, 8]) {
    const model = await threaded({ ...params, nThreads }).fit(input);
    expect(JSON.stringify(saveModel(model)), `nThreads ${nThreads}`).toBe(reference);
    const a = model.predict(input.X);
    const b = core.predict(input.X);
    expect(a.every((v, i) => Object.is(v, b[i])), `predictions, nThreads ${nThreads}`).toBe(true);
  }
  return core;
}

describe('gbdt/node worker threads', () => {
  it('binary with missing values, row and feature subsampling: identical models for nThreads 1, 2, 3 and 8', async () => {
    const { X, y } = binaryData(3000, 7);
    await sameForAllThreads({ objective: 'binary', maxIter: 15, subsample: 0.8, colsampleByTree: 0.7, seed: 11 }, { X, y });
  });

  it('multiclass with a categorical feature and sample weights: identical models', async () => {
    const rng = new Rng(5);
    const n = 2000;
    const X = matrix(n, 4, (_, j) => (j === 0 ? rng.nextInt(6) : rng.nextFloat()));
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = X.values[i * 4]! % 3 === 0 ? 0 : X.values[i * 4 + 1]! > 0.5 ? 1 : 2;
      y[i] = rng.nextFloat() < 0.9 ? v : rng.nextInt(3);
      w[i] = 0.5 + rng.nextFloat();
    }
    const features = [
      { name: 'mode', type: 'categorical' as const },
      { name: 'a', type: 'numeric' as const },
      { name: 'b', type: 'numeric' as const },
      { name: 'c', type: 'numeric' as const },
    ];
    await sameForAllThreads({ objective: 'multiclass', maxIter: 8, seed: 2 }, { X, y, sampleWeight: w, features });
  });

  it('regression with early stopping on a validation set: identical models and the same stopping round', async () => {
    const train = regressionData(2500, 3);
    const valid = regressionData(800, 4);
    const core = await sameForAllThreads(
      { objective: 'squared_error', maxIter: 200, learningRate: 0.3, earlyStoppingPatience: 3, seed: 1 },
      { X: train.X, y: train.y, validation: { X: valid.X, y: valid.y } },
    );
    expect(core.nIterations).toBeLessThan(200);
  });

  it('reports progress from the threads and rejects a bad nThreads with GBDT_INVALID_PARAM', async () => {
    const { X, y } = regressionData(1000, 9);
    const seen: number[] = [];
    await threaded({ objective: 'squared_error', maxIter: 5, nThreads: 2 }).fit({ X, y, onProgress: (p) => seen.push(p.iteration) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    await expect(threaded({ objective: 'squared_error', nThreads: 0 }).fit({ X, y })).rejects.toMatchObject({ code: 'GBDT_INVALID_PARAM' });
  });
});
