// ThreadedPredictor around the happy path: small batches, bad input, close(), and idle threads that let the process exit.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GbdtError, GradientBoosting, type GbdtModel } from '../index.js';
import { Rng } from '../random.js';
import { binaryData, matrix } from '../test-support/data.js';
import { PREDICTOR_CLOSED, predictParallel, ThreadedPredictor } from './index.js';

const { X, y } = binaryData(3000, 21);
const binary = new GradientBoosting({ objective: 'binary', maxIter: 20, seed: 5 }).fit({ X, y });
const open: ThreadedPredictor[] = [];
afterAll(() => Promise.all(open.map((p) => p.close())));

function predictor(model: GbdtModel, options: ConstructorParameters<typeof ThreadedPredictor>[1]): ThreadedPredictor {
  const p = new ThreadedPredictor(model, options);
  open.push(p);
  return p;
}

/** The core's error for a synchronous call, as { code, message }. */
function coreError(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof GbdtError) return { code: err.code, message: err.message };
  }
  throw new Error('expected the core to throw a GbdtError');
}

describe('ThreadedPredictor lifecycle and errors', () => {
  it('predicts batches below minParallelRows on the calling thread, larger ones on the threads', async () => {
    const p = predictor(binary, { nThreads: 2 });
    expect(p.minParallelRows).toBe(10_000); // MIN_PARALLEL_TREE_WALKS / 20 trees
    const small = await p.predict({ nRows: 100, nFeatures: 6, values: X.values.subarray(0, 600) });
    expect(small.buffer instanceof SharedArrayBuffer).toBe(false);
    expect(small).toEqual(binary.predict({ nRows: 100, nFeatures: 6, values: X.values.subarray(0, 600) }));
    const low = predictor(binary, { nThreads: 2, minParallelRows: 3000 });
    const large = await low.predict(X);
    expect(large.buffer instanceof SharedArrayBuffer).toBe(true);
    expect(large).toEqual(binary.predict(X));
  });

  it('rejects a wrong feature count, ragged rows and an unknown category with the core error; the threads stay usable', async () => {
    const p = predictor(binary, { nThreads: 2, minParallelRows: 0 });
    const narrow = { nRows: 500, nFeatures: 5, values: new Float64Array(2500) };
    await expect(p.predict(narrow)).rejects.toMatchObject(coreError(() => binary.predict(narrow)));
    await expect(p.predict([[1, 2, 3, 4, 5, 6], [1, 2]])).rejects.toMatchObject({ code: 'GBDT_RAGGED_ROWS' });

    const rng = new Rng(8);
    const C = matrix(4000, 2, (i, j) => (j === 0 ? rng.nextInt(4) : rng.nextFloat()));
    const cy = Float64Array.from({ length: 4000 }, (_, i) => (C.values[i * 2]! >= 2 ? 1 : 0));
    const features = [{ name: 'mode', type: 'categorical' as const, categories: ['a', 'b', 'c', 'd'] }, { name: 'x', type: 'numeric' as const }];
    const model = new GradientBoosting({ objective: 'binary', maxIter: 5 }).fit({ X: C, y: cy, features });
    const bad = { ...C, values: Float64Array.from(C.values) };
    // Chunks are 128 rows: row 2500 is in chunk 19, row 2600 in chunk 20, which another thread takes at about the same time.
    bad.values[2600 * 2] = 9;
    bad.values[2500 * 2] = 7;
    const expected = coreError(() => model.predict(bad));
    expect(expected.message).toMatch(/row 2500/);
    for (const nThreads of [2, 3]) {
      const q = predictor(model, { nThreads, minParallelRows: 0 });
      await expect(q.predict(bad)).rejects.toMatchObject(expected);
      expect(await q.predict(C)).toEqual(model.predict(C));
    }
  });

  it('keeps concurrent batches apart, and reuses its shared copy for the next ones', async () => {
    const p = predictor(binary, { nThreads: 2, minParallelRows: 0 });
    const other = binaryData(2500, 22).X;
    const [a, b, c] = await Promise.all([p.predict(X), p.predict(other), p.predictRaw(X)]);
    expect(a).toEqual(binary.predict(X));
    expect(b).toEqual(binary.predict(other));
    expect(c).toEqual(binary.predictRaw(X));
    expect(await p.predict(other)).toEqual(binary.predict(other));
    const plain = { nRows: 3000, nFeatures: 6, values: Array.from(X.values) as unknown as Float64Array }; // from JavaScript
    expect(await p.predict(plain)).toEqual(binary.predict(plain));
  });

  it('refuses bad options and models that are not of this package', () => {
    expect(() => new ThreadedPredictor(binary, { nThreads: 0 })).toThrow(expect.objectContaining({ code: 'GBDT_INVALID_PARAM' }));
    expect(() => new ThreadedPredictor(binary, { minParallelRows: -1 })).toThrow(expect.objectContaining({ code: 'GBDT_INVALID_PARAM' }));
    const fake = { ...binary, predict: () => new Float64Array(0) } as unknown as GbdtModel;
    expect(() => new ThreadedPredictor(fake)).toThrow(expect.objectContaining({ code: 'GBDT_INVALID_PARAM' }));
  });

  it('after close(), pending and later predictions are rejected with GBDT_PREDICTOR_CLOSED', async () => {
    const p = new ThreadedPredictor(binary, { nThreads: 2, minParallelRows: 0 });
    expect(await p.predict(X)).toEqual(binary.predict(X));
    const pending = expect(p.predict(X)).rejects.toMatchObject({ code: PREDICTOR_CLOSED });
    await p.close();
    await pending;
    await expect(p.predict(X)).rejects.toMatchObject({ code: PREDICTOR_CLOSED });
    await expect(p.predict({ nRows: 1, nFeatures: 6, values: X.values.subarray(0, 6) })).rejects.toMatchObject({ code: PREDICTOR_CLOSED });
    await p.close();
  });

  it('predictParallel predicts one batch and ends its threads', async () => {
    expect(await predictParallel(binary, X, { nThreads: 3, minParallelRows: 0 })).toEqual(binary.predict(X));
  });

  it('idle threads do not keep the process alive, and a pending prediction does (built dist)', async () => {
    const entry = new URL('../../dist/node/index.js', import.meta.url).href;
    const script = `
      const { GradientBoosting, ThreadedPredictor } = await import(${JSON.stringify(entry)});
      const n = 3000, values = Float64Array.from({ length: n * 3 }, (_, k) => (k * 7919) % 1000 / 1000);
      const X = { nRows: n, nFeatures: 3, values };
      const model = await new GradientBoosting({ objective: 'squared_error', maxIter: 5 }).fit({ X, y: values.filter((_, k) => k % 3 === 0) });
      const p = new ThreadedPredictor(model, { nThreads: 2, minParallelRows: 0 });
      await p.predict(X);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the threads are idle now
      const out = await p.predict(X); // awaited with nothing else to keep the process alive; p is never closed
      console.log(out.buffer instanceof SharedArrayBuffer, out[0] === model.predict(X)[0]);
    `;
    const file = join(mkdtempSync(join(tmpdir(), 'gbdt-unref-')), 'predict.mjs');
    writeFileSync(file, script);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [file], { timeout: 30_000 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out)));
    });
    expect(stdout.trim()).toBe('true true');
  });
});
