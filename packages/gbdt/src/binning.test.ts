import { describe, expect, it } from 'vitest';
import { binMatrix, findThresholds, fitBinMapper, numericBin } from './binning.js';
import { Rng } from './random.js';
import { matrix } from './test-support/data.js';

describe('binning', () => {
  it('gives each of few distinct values its own bin with midpoint thresholds', () => {
    const t = findThresholds(Float64Array.from([1, 1, 2, 2, 2, 4, 10]), 255);
    expect(Array.from(t)).toEqual([1.5, 3, 7]);
    expect([1, 2, 4, 10].map((x) => numericBin(t, x))).toEqual([0, 1, 2, 3]);
  });

  it('cuts many distinct values into at most maxBins roughly equal-count bins', () => {
    const rng = new Rng(1);
    const X = matrix(5000, 1, () => rng.nextFloat() * 100);
    const mapper = fitBinMapper(X, new Uint8Array(1), new Int32Array(1), 16, 0);
    expect(mapper.nBins[0]).toBe(16);
    const data = binMatrix(X, mapper);
    const counts = new Array(16).fill(0);
    for (const b of data.bins) counts[b]++;
    for (const c of counts) expect(Math.abs(c - 5000 / 16)).toBeLessThan(5000 / 16 * 0.1);
  });

  it('keeps the split rule "bin <= b" equal to "x <= thresholds[b]" for every value', () => {
    const rng = new Rng(2);
    const X = matrix(3000, 2, (i, j) => (j === 0 ? Math.round(rng.nextFloat() * 40) / 4 : rng.nextFloat() * 1e6 - 5e5));
    const mapper = fitBinMapper(X, new Uint8Array(2), new Int32Array(2), 255, 0);
    const data = binMatrix(X, mapper);
    let violations = 0;
    for (let j = 0; j < 2; j++) {
      const t = mapper.thresholds[j]!;
      for (let i = 0; i < X.nRows; i++) {
        const x = X.values[i * 2 + j]!;
        const b = data.bins[j * X.nRows + i]!;
        if (!(b === 0 || x > t[b - 1]!) || !(b === t.length || x <= t[b]!)) violations++;
      }
    }
    expect(violations).toBe(0);
  });

  it('puts missing values in the reserved bin and categories in the bin of their code', () => {
    const X = matrix(6, 2, (i, j) => (i === 3 ? NaN : j === 1 ? i % 3 : i));
    const mapper = fitBinMapper(X, Uint8Array.of(0, 1), Int32Array.of(0, 3), 255, 0);
    const data = binMatrix(X, mapper);
    expect(data.missingBin).toBe(255);
    expect(Array.from(data.bins.subarray(0, 6))).toEqual([0, 1, 2, 255, 3, 4]);
    expect(Array.from(data.bins.subarray(6))).toEqual([0, 1, 2, 255, 1, 2]);
    expect(mapper.nBins[1]).toBe(3);
  });

  it('keeps thresholds finite when the data holds infinities', () => {
    const t = findThresholds(Float64Array.from([-Infinity, 0, 1, Infinity]), 255);
    expect(Array.from(t).every(Number.isFinite)).toBe(true);
    expect([-Infinity, 0, 1, Infinity].map((x) => numericBin(t, x))).toEqual([0, 1, 2, 3]);
  });
});
