import { describe, expect, it } from 'vitest';
import { binMatrix, fitBinMapper, type BinnedData } from './binning.js';
import { accumulateBlock, buildHistogram, createHistogramScratch, HISTOGRAM_BLOCK_ROWS, histogramLength, subtractHistogram } from './histogram.js';
import { Rng, sampleSorted } from './random.js';
import { matrix } from './test-support/data.js';

function randomData(n: number, p: number, seed: number): { data: BinnedData; grad: Float64Array; hess: Float64Array } {
  const rng = new Rng(seed);
  const X = matrix(n, p, (_, j) => (rng.nextFloat() < 0.05 ? NaN : j === p - 1 ? rng.nextInt(7) : rng.nextFloat() * 10));
  const isCat = new Uint8Array(p);
  isCat[p - 1] = 1;
  const nCat = new Int32Array(p);
  nCat[p - 1] = 7;
  const data = binMatrix(X, fitBinMapper(X, isCat, nCat, 63, 0));
  const grad = Float64Array.from({ length: n }, () => rng.nextFloat() * 2 - 1);
  const hess = Float64Array.from({ length: n }, () => rng.nextFloat());
  return { data, grad, hess };
}

/** Naive twin: one pass over the rows, straight into (feature, bin) cells. */
function naiveHistogram(data: BinnedData, rows: ArrayLike<number>, grad: Float64Array, hess: Float64Array): Float64Array {
  const stride = data.missingBin + 1;
  const out = new Float64Array(histogramLength(data.nFeatures, data.missingBin));
  for (let j = 0; j < data.nFeatures; j++) {
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const o = (j * stride + data.bins[j * data.nRows + r]!) * 3;
      out[o] = out[o]! + grad[r]!;
      out[o + 1] = out[o + 1]! + hess[r]!;
      out[o + 2] = out[o + 2]! + 1;
    }
  }
  return out;
}

function expectClose(a: Float64Array, b: Float64Array, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThan(tol);
}

describe('histogram', () => {
  const n = 2 * HISTOGRAM_BLOCK_ROWS + 1234;
  const { data, grad, hess } = randomData(n, 4, 7);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const features = Int32Array.of(0, 1, 2, 3);

  it('matches the naive twin over several row blocks', () => {
    const out = new Float64Array(histogramLength(4, data.missingBin));
    buildHistogram(data, all, 0, n, grad, hess, features, createHistogramScratch(4, data.missingBin), out);
    expectClose(out, naiveHistogram(data, all, grad, hess), 1e-9);
  });

  it('matches the naive twin on a subset segment in the middle of the partition', () => {
    const rows = sampleSorted(new Rng(3), n, 5000);
    const padded = new Int32Array(rows.length + 100);
    padded.set(rows, 100);
    const out = new Float64Array(histogramLength(4, data.missingBin));
    buildHistogram(data, padded, 100, rows.length, grad, hess, features, createHistogramScratch(4, data.missingBin), out);
    expectClose(out, naiveHistogram(data, rows, grad, hess), 1e-10);
  });

  it('is bitwise identical to blocks built separately in any order and reduced in block order', () => {
    const stride = data.missingBin + 1;
    const len = histogramLength(4, data.missingBin);
    const blocks: Float64Array[] = [];
    const order = [2, 0, 1];
    for (const b of order) {
      const h = new Float64Array(len);
      accumulateBlock(data.bins, n, all, b * HISTOGRAM_BLOCK_ROWS, Math.min(n, (b + 1) * HISTOGRAM_BLOCK_ROWS), grad, hess, features, stride, createHistogramScratch(4, data.missingBin), h);
      blocks[b] = h;
    }
    const reduced = new Float64Array(len);
    for (const h of blocks) for (let i = 0; i < len; i++) reduced[i] = reduced[i]! + h[i]!;
    const out = new Float64Array(len);
    buildHistogram(data, all, 0, n, grad, hess, features, createHistogramScratch(4, data.missingBin), out);
    expect(Buffer.from(out.buffer).equals(Buffer.from(reduced.buffer))).toBe(true);
  });

  it('gives the sibling by subtraction (parent - smaller child) equal to building it', () => {
    const left: number[] = [];
    const right: number[] = [];
    for (let i = 0; i < n; i++) (data.bins[i]! < 20 ? left : right).push(i);
    const scratch = createHistogramScratch(4, data.missingBin);
    const len = histogramLength(4, data.missingBin);
    const parent = new Float64Array(len);
    buildHistogram(data, all, 0, n, grad, hess, features, scratch, parent);
    const small = new Float64Array(len);
    buildHistogram(data, Int32Array.from(left), 0, left.length, grad, hess, features, scratch, small);
    subtractHistogram(parent, small, features, data.missingBin + 1, parent);
    expectClose(parent, naiveHistogram(data, right, grad, hess), 1e-8);
  });

  it('writes only the active features', () => {
    const len = histogramLength(4, data.missingBin);
    const out = new Float64Array(len).fill(-7);
    buildHistogram(data, all, 0, 100, grad, hess, Int32Array.of(1), createHistogramScratch(4, data.missingBin), out);
    const width = (data.missingBin + 1) * 3;
    expect(out.subarray(0, width).every((v) => v === -7)).toBe(true);
    expect(out.subarray(2 * width).every((v) => v === -7)).toBe(true);
  });
});
