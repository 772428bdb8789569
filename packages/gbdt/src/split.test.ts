import { describe, expect, it } from 'vitest';
import { binMatrix, fitBinMapper, type BinnedData } from './binning.js';
import { buildHistogram, createHistogramScratch, histogramLength } from './histogram.js';
import { Rng, sampleSorted } from './random.js';
import { CAT_SMOOTH, createSplitScratch, findBestSplit, MIN_CAT_SUPPORT, SplitInfo, type SplitRules } from './split.js';
import { matrix } from './test-support/data.js';

interface Best { gain: number; feature: number; bin: number; missingLeft: boolean; leftCount: number; leftSet?: Set<number> }

/** Naive twin: every candidate partition is summed straight from the rows. */
function naiveBestSplit(data: BinnedData, rows: Int32Array, grad: Float64Array, hess: Float64Array, rules: SplitRules): Best | undefined {
  const l2 = rules.l2Regularization;
  const score = (g: number, h: number) => (g * g) / (h + l2);
  let G = 0, H = 0;
  for (const r of rows) { G += grad[r]!; H += hess[r]!; }
  let best: Best | undefined;
  const consider = (j: number, goesLeft: (bin: number) => boolean, make: () => Omit<Best, 'gain' | 'feature' | 'leftCount'>) => {
    let gl = 0, hl = 0, cl = 0;
    for (const r of rows) {
      if (goesLeft(data.bins[j * data.nRows + r]!)) { gl += grad[r]!; hl += hess[r]!; cl++; }
    }
    const cr = rows.length - cl, gr = G - gl, hr = H - hl;
    if (cl < rules.minSamplesLeaf || cr < rules.minSamplesLeaf || hl < rules.minChildWeight || hr < rules.minChildWeight) return;
    const c = rules.monotonic[j]!;
    const vl = -gl / (hl + l2), vr = -gr / (hr + l2);
    if ((c > 0 && vl > vr) || (c < 0 && vl < vr)) return;
    const gain = score(gl, hl) + score(gr, hr) - score(G, H);
    if (gain > 0 && (best === undefined || gain > best.gain + 1e-9 * Math.abs(gain))) best = { gain, feature: j, leftCount: cl, ...make() };
  };
  const miss = data.missingBin;
  for (let j = 0; j < data.nFeatures; j++) {
    const nb = data.nBins[j]!;
    let nMissing = 0;
    for (const r of rows) if (data.bins[j * data.nRows + r] === miss) nMissing++;
    if (!data.isCategorical[j]) {
      for (let b = 0; b < nb; b++) {
        consider(j, (x) => x !== miss && x <= b, () => ({ bin: b, missingLeft: false }));
        if (nMissing > 0) consider(j, (x) => x === miss || x <= b, () => ({ bin: b, missingLeft: true }));
      }
      continue;
    }
    const stats = new Map<number, { g: number; h: number; c: number }>();
    for (const r of rows) {
      const b = data.bins[j * data.nRows + r]!;
      const s = stats.get(b) ?? { g: 0, h: 0, c: 0 };
      s.g += grad[r]!; s.h += hess[r]!; s.c++;
      stats.set(b, s);
    }
    const used = [...stats.entries()].filter(([, s]) => s.c >= MIN_CAT_SUPPORT).sort((a, b) => a[1].g / (a[1].h + CAT_SMOOTH) - b[1].g / (b[1].h + CAT_SMOOTH) || a[0] - b[0]).map(([b]) => b);
    for (const order of [used, [...used].reverse()]) {
      for (let k = 1; k <= order.length; k++) {
        const set = new Set(order.slice(0, k));
        consider(j, (x) => set.has(x), () => ({ bin: -1, missingLeft: set.has(miss), leftSet: set }));
      }
    }
  }
  return best;
}

function setup(seed: number, n: number) {
  const rng = new Rng(seed);
  const p = 5;
  const X = matrix(n, p, (_, j) => (rng.nextFloat() < 0.08 ? NaN : j >= 3 ? rng.nextInt(j === 3 ? 6 : 40) : Math.round(rng.nextFloat() * 300) / 10));
  const isCat = Uint8Array.of(0, 0, 0, 1, 1);
  const data = binMatrix(X, fitBinMapper(X, isCat, Int32Array.of(0, 0, 0, 6, 40), 48 + rng.nextInt(200), 0));
  // Trials alternate the planted signal between a numeric feature and a categorical one.
  const catSignal = seed % 2 === 1;
  const grad = Float64Array.from({ length: n }, (_, i) =>
    (catSignal ? (X.values[i * p + 4]! % 3 === 0 ? 0.8 : -0.3) : X.values[i * p]! > 15 ? 0.6 : -0.4) + rng.nextFloat() - 0.5);
  const hess = Float64Array.from({ length: n }, () => 0.1 + rng.nextFloat());
  return { rng, data, grad, hess, p };
}

function kernelBestSplit(data: BinnedData, rows: Int32Array, grad: Float64Array, hess: Float64Array, rules: SplitRules) {
  const p = data.nFeatures;
  const features = Int32Array.from({ length: p }, (_, j) => j);
  const hist = new Float64Array(histogramLength(p, data.missingBin));
  buildHistogram(data, rows, 0, rows.length, grad, hess, features, createHistogramScratch(p, data.missingBin), hist);
  let G = 0, H = 0;
  for (const r of rows) { G += grad[r]!; H += hess[r]!; }
  const out = new SplitInfo();
  const found = findBestSplit(hist, data, features, { sumG: G, sumH: H, count: rows.length, lower: -Infinity, upper: Infinity }, rules, createSplitScratch(), out);
  return found ? out : undefined;
}

describe('split finding', () => {
  it('finds the same best split as the naive twin on random nodes', () => {
    const kinds = { numeric: 0, categorical: 0, missingLeft: 0 };
    for (let trial = 0; trial < 25; trial++) {
      const { rng, data, grad, hess, p } = setup(100 + trial, 600);
      const rows = sampleSorted(rng, 600, 50 + rng.nextInt(550));
      const rules: SplitRules = {
        l2Regularization: [0, 1, 10][trial % 3]!,
        minSamplesLeaf: 1 + rng.nextInt(30),
        minChildWeight: rng.nextFloat() * 5,
        monotonic: Int8Array.from({ length: p }, (_, j) => (j < 3 && trial % 4 === 0 ? [1, -1, 0][j]! : 0)),
      };
      const naive = naiveBestSplit(data, rows, grad, hess, rules);
      const fast = kernelBestSplit(data, rows, grad, hess, rules);
      if (naive === undefined) {
        expect(fast).toBeUndefined();
        continue;
      }
      expect(fast).toBeDefined();
      expect(Math.abs(fast!.gain - naive.gain)).toBeLessThan(1e-9 * Math.max(1, naive.gain));
      expect(fast!.feature, `trial ${trial}`).toBe(naive.feature);
      kinds[fast!.categorical ? 'categorical' : 'numeric']++;
      if (fast!.missingLeft) kinds.missingLeft++;
      if (naive.leftSet === undefined) {
        expect(fast!.leftCount).toBe(naive.leftCount);
        expect(fast!.binThreshold).toBe(naive.bin);
        expect(fast!.missingLeft).toBe(naive.missingLeft);
      } else {
        // A category set and its complement give the same gain; rounding may pick either side as "left".
        const j = naive.feature;
        const fastLeft = (b: number) => (b === data.missingBin ? fast!.missingLeft : ((fast!.catBits[b >>> 5]! >>> (b & 31)) & 1) === 1);
        const agree = Array.from(rows, (r) => fastLeft(data.bins[j * data.nRows + r]!) === naive.leftSet!.has(data.bins[j * data.nRows + r]!));
        expect(agree.every((a) => a) || agree.every((a) => !a)).toBe(true);
      }
    }
    expect(kinds.numeric).toBeGreaterThan(3);
    expect(kinds.categorical).toBeGreaterThan(3);
    expect(kinds.missingLeft).toBeGreaterThan(1);
  });

  it('rejects splits whose child values break a monotonic constraint', () => {
    const n = 400;
    const X = matrix(n, 1, (i) => i);
    const data = binMatrix(X, fitBinMapper(X, new Uint8Array(1), new Int32Array(1), 255, 0));
    // Gradients planted so the value falls as x grows: with constraint +1 no split may be found.
    const grad = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? -1 : 1));
    const hess = new Float64Array(n).fill(1);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const rules = (c: number): SplitRules => ({ l2Regularization: 0, minSamplesLeaf: 1, minChildWeight: 0, monotonic: Int8Array.of(c) });
    expect(kernelBestSplit(data, rows, grad, hess, rules(0))).toBeDefined();
    expect(kernelBestSplit(data, rows, grad, hess, rules(-1))).toBeDefined();
    expect(kernelBestSplit(data, rows, grad, hess, rules(1))).toBeUndefined();
  });

  it('learns the missing side: rows with a missing value follow the rows they resemble', () => {
    const n = 300;
    const X = matrix(n, 1, (i) => (i % 3 === 0 ? NaN : i));
    const data = binMatrix(X, fitBinMapper(X, new Uint8Array(1), new Int32Array(1), 255, 0));
    const grad = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 || i >= 150 ? 1 : -1));
    const hess = new Float64Array(n).fill(1);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const s = kernelBestSplit(data, rows, grad, hess, { l2Regularization: 0, minSamplesLeaf: 1, minChildWeight: 0, monotonic: new Int8Array(1) })!;
    expect(s.missingLeft).toBe(false);
    expect(s.leftCount).toBe(100);
  });
});
