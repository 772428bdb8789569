// ThreadedPredictor gives model.predict / predictRaw bit for bit, for 1, 2 and 3 threads (the workers run the built twin in dist/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GradientBoosting, importXGBoost, type GbdtModel, type Matrix } from '../index.js';
import { Rng } from '../random.js';
import { binaryData, matrix, regressionData } from '../test-support/data.js';
import { sharedMatrix, ThreadedPredictor } from './index.js';

const open: ThreadedPredictor[] = [];
afterAll(() => Promise.all(open.map((p) => p.close())));

/** minParallelRows 0: every batch goes to the threads, however small. */
function threaded(model: GbdtModel, nThreads: number): ThreadedPredictor {
  const p = new ThreadedPredictor(model, { nThreads, minParallelRows: 0 });
  open.push(p);
  return p;
}

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

async function expectSameForAllThreads(model: GbdtModel, X: Matrix): Promise<void> {
  const expected = model.predict(X);
  const expectedRaw = model.predictRaw(X);
  for (const nThreads of [1, 2, 3]) {
    const p = threaded(model, nThreads);
    const got = await p.predict(X);
    expect(got.buffer instanceof SharedArrayBuffer, 'filled by the threads').toBe(nThreads > 1);
    expect(same(got, expected), `predict, nThreads ${nThreads}`).toBe(true);
    expect(same(await p.predictRaw(X), expectedRaw), `predictRaw, nThreads ${nThreads}`).toBe(true);
  }
}

/** 3 numeric features (10% missing) and a categorical one with 5 codes (10% missing); the label depends on both. */
function mixedData(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const X = matrix(n, 4, (_, j) => (rng.nextFloat() < 0.1 ? NaN : j === 3 ? rng.nextInt(5) : rng.nextFloat() * 2 - 1));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const code = X.values[i * 4 + 3]!;
    const x0 = X.values[i * 4]!;
    y[i] = (code === 1 || code === 3 ? 1 : 0) ^ (x0 > 0.2 ? 1 : 0) ^ (rng.nextFloat() < 0.1 ? 1 : 0);
  }
  return { X, y };
}

const categorical = [
  { name: 'a', type: 'numeric' as const },
  { name: 'b', type: 'numeric' as const },
  { name: 'c', type: 'numeric' as const },
  { name: 'mode', type: 'categorical' as const },
];

describe('ThreadedPredictor: same results as model.predict', () => {
  it('binary with missing values and a categorical feature, over many chunks of rows', async () => {
    const { X, y } = mixedData(2000, 1);
    const model = new GradientBoosting({ objective: 'binary', maxIter: 30, seed: 1 }).fit({ X, y, features: categorical });
    await expectSameForAllThreads(model, mixedData(5000, 2).X);
  });

  it('multiclass: row-major nRows x nClasses probabilities', async () => {
    const { X } = mixedData(3000, 3);
    const y = Float64Array.from({ length: 3000 }, (_, i) => (X.values[i * 4 + 3]! === X.values[i * 4 + 3]! ? X.values[i * 4 + 3]! % 3 : 0));
    const model = new GradientBoosting({ objective: 'multiclass', maxIter: 10, seed: 2 }).fit({ X, y, features: categorical });
    expect(model.nClasses).toBe(3);
    await expectSameForAllThreads(model, mixedData(4001, 4).X);
  });

  it('regression (squared error and Poisson), including a batch smaller than one chunk', async () => {
    const { X, y } = regressionData(2000, 5);
    const squared = new GradientBoosting({ objective: 'squared_error', maxIter: 25, seed: 3 }).fit({ X, y });
    await expectSameForAllThreads(squared, regressionData(3333, 6).X);
    await expectSameForAllThreads(squared, regressionData(7, 7).X);
    const counts = Float64Array.from(y, (v) => Math.round(Math.abs(v)));
    const poisson = new GradientBoosting({ objective: 'poisson', maxIter: 15, seed: 3 }).fit({ X, y: counts });
    await expectSameForAllThreads(poisson, regressionData(3000, 8).X);
  });

  it('a float32 XGBoost import on float32 and on already-shared input', async () => {
    const dir = new URL('../fixtures/xgboost/', import.meta.url);
    const model = importXGBoost(readFileSync(fileURLToPath(new URL('binary-ai4i.model.json', dir)), 'utf8'));
    const rows = (JSON.parse(readFileSync(fileURLToPath(new URL('binary-ai4i.expected.json', dir)), 'utf8')) as { rows: (number | null)[][] }).rows;
    const p = model.features.length;
    const X = sharedMatrix(rows.length * 10, p);
    for (let i = 0; i < X.nRows; i++) for (let j = 0; j < p; j++) X.values[i * p + j] = rows[i % rows.length]![j] ?? NaN;
    await expectSameForAllThreads(model, X);
    await expectSameForAllThreads(model, { nRows: X.nRows, nFeatures: p, values: Float32Array.from(X.values) });
  });

  it('rows given as arrays of numbers', async () => {
    const { X, y } = binaryData(1500, 9);
    const model = new GradientBoosting({ objective: 'binary', maxIter: 20, seed: 4 }).fit({ X, y });
    const rows = Array.from({ length: 1500 }, (_, i) => Array.from(X.values.subarray(i * 6, i * 6 + 6)));
    expect(same(await threaded(model, 2).predict(rows), model.predict(rows))).toBe(true);
  });
});
