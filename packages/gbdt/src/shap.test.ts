import { describe, expect, it } from 'vitest';
import { GradientBoosting } from './booster.js';
import { catWordsPerNode, nextNode } from './decide.js';
import type { ForestModel } from './model.js';
import { Rng } from './random.js';
import { createPlainTreeShapExplainer, createTreeShapExplainer, treeExpectedValue } from './shap.js';
import { compileLinearShap, maxPathFeatures } from './shap-linear.js';
import { matrix, row } from './test-support/data.js';
import { randomRow, randomTree } from './test-support/random-tree.js';
import type { FlatTree, Forest } from './tree.js';
import type { FeatureInfo, Objective } from './types.js';

/** The exactness tests below use float64 tables; the default float32 ones are held to 1e-6 of the margin scale. */
const EXACT = { precision: 'float64' } as const;

/** Random data and a random model: objective, sizes, missing values and categorical features vary by seed. */
function randomModel(seed: number) {
  const rng = new Rng(seed);
  const p = 2 + rng.nextInt(5);
  const n = 300 + rng.nextInt(700);
  const cat = rng.nextFloat() < 0.5 ? rng.nextInt(p) : -1;
  const X = matrix(n, p, (_, j) => (rng.nextFloat() < 0.1 ? NaN : j === cat ? rng.nextInt(6) : rng.nextFloat()));
  const objective: Objective = (['binary', 'squared_error', 'multiclass', 'poisson'] as const)[seed % 4]!;
  const signal = (i: number) => Math.sin(5 * (X.values[i * p] || 0)) + (X.values[i * p + 1] || 0) * 2 + (cat >= 0 && X.values[i * p + cat] === 2 ? 1 : 0);
  const y = Float64Array.from({ length: n }, (_, i) => {
    const s = signal(i) + rng.nextFloat();
    return objective === 'binary' ? (s > 1.5 ? 1 : 0) : objective === 'multiclass' ? Math.max(0, Math.min(2, Math.floor(s))) : objective === 'poisson' ? Math.round(Math.exp(s / 2)) : s;
  });
  const features: FeatureInfo[] = Array.from({ length: p }, (_, j) => ({ name: `x${j}`, type: j === cat ? 'categorical' : 'numeric' }));
  const deep = rng.nextFloat() < 0.5;
  const model = new GradientBoosting({
    objective,
    maxIter: 5 + rng.nextInt(20),
    maxLeafNodes: deep ? 12 : undefined,
    maxDepth: deep ? undefined : 1 + rng.nextInt(6),
    minSamplesLeaf: 1 + rng.nextInt(10),
    l2Regularization: rng.nextFloat(),
    ...(objective === 'multiclass' ? { numClass: 3 } : {}),
  }).fit({ X, y, features });
  return { model, X, rng };
}

/**
 * Naive twin: exact Shapley values by enumerating feature subsets, with the same path-dependent value
 * function v(S) (features outside S are averaged out by node cover), for tiny feature counts.
 */
function bruteForceShap(tree: FlatTree, x: Float64Array, p: number): Float64Array {
  const words = catWordsPerNode(tree);
  const value = (node: number, known: number): number => {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    if (known & (1 << f)) return value(nextNode(tree, words, node, x[f]!), known);
    const c = tree.cover[node]!;
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    const fl = c > 0 ? tree.cover[l]! / c : 0.5;
    const fr = c > 0 ? tree.cover[r]! / c : 0.5;
    return fl * value(l, known) + fr * value(r, known);
  };
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let s = 0; s < 1 << p; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let b = 0; b < p; b++) if (s & (1 << b)) size++;
      phi[i] = phi[i]! + ((fact(size) * fact(p - size - 1)) / fact(p)) * (value(0, s | (1 << i)) - value(0, s));
    }
  }
  return phi;
}

describe('TreeSHAP', () => {
  it('bias + sum(contributions) equals the raw margin within 1e-9 on random models and rows', () => {
    let checked = 0;
    for (let seed = 0; seed < 24; seed++) {
      const { model, X, rng } = randomModel(seed);
      const raw = model.predictRaw(X);
      const K = model.nClasses;
      for (let t = 0; t < 15; t++) {
        const i = rng.nextInt(X.nRows);
        const { contributions, bias } = model.shapRow(row(X, i), EXACT);
        for (let k = 0; k < K; k++) {
          let total = typeof bias === 'number' ? bias : bias[k]!;
          for (let j = 0; j < X.nFeatures; j++) total += contributions[k * X.nFeatures + j]!;
          expect(Math.abs(total - raw[i * K + k]!)).toBeLessThan(1e-9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('matches exact Shapley values computed by enumerating feature subsets', () => {
    for (let seed = 100; seed < 112; seed++) {
      const { model, X, rng } = randomModel(seed);
      const forest = (model as ForestModel).forest;
      const p = X.nFeatures;
      for (let t = 0; t < 5; t++) {
        const x = row(X, rng.nextInt(X.nRows));
        const expected = new Float64Array(p * forest.nClasses);
        forest.trees.forEach((tree, k) => {
          const phi = bruteForceShap(tree, x, p);
          const o = forest.treeClass[k]! * p;
          for (let j = 0; j < p; j++) expected[o + j] = expected[o + j]! + phi[j]!;
        });
        const got = model.shapRow(x, EXACT).contributions;
        for (let j = 0; j < expected.length; j++) expect(got[j]!).toBeCloseTo(expected[j]!, 9);
      }
    }
  });

  it('with float32 tables (the default) stays within 1e-6 of the margin scale of float64 and of the raw margin', () => {
    let worst = 0;
    let worstSum = 0;
    for (let seed = 0; seed < 24; seed++) {
      const { model, X, rng } = randomModel(seed);
      const forest = (model as ForestModel).forest;
      const raw = model.predictRaw(X);
      const K = model.nClasses;
      const p = X.nFeatures;
      // Per class, the sum over its trees of the largest |leaf value|: the furthest any row moves the margin.
      const scale = new Float64Array(K);
      forest.trees.forEach((tree, t) => (scale[forest.treeClass[t]!] += Math.max(...Array.from(tree.value, (v, n) => (tree.feature[n]! < 0 ? Math.abs(v) : 0)))));
      for (let t = 0; t < 15; t++) {
        const i = rng.nextInt(X.nRows);
        const fast = model.shapRow(row(X, i));
        const exact = model.shapRow(row(X, i), EXACT);
        expect(Array.from(model.shapRow(row(X, i), { precision: 'float32' }).contributions)).toEqual(Array.from(fast.contributions));
        for (let k = 0; k < K; k++) {
          let total = typeof fast.bias === 'number' ? fast.bias : fast.bias[k]!;
          for (let j = k * p; j < (k + 1) * p; j++) {
            total += fast.contributions[j]!;
            worst = Math.max(worst, Math.abs(fast.contributions[j]! - exact.contributions[j]!) / scale[k]!);
          }
          worstSum = Math.max(worstSum, Math.abs(total - raw[i * K + k]!) / scale[k]!);
        }
      }
    }
    expect(worst).toBeLessThan(1e-6);
    expect(worstSum).toBeLessThan(1e-6);
  });

  it('refuses a SHAP precision it does not know', () => {
    const { model, X } = randomModel(3);
    expect(() => model.shapRow(row(X, 0), { precision: 'float16' as 'float32' })).toThrowError(expect.objectContaining({ code: 'GBDT_INVALID_PARAM', details: { param: 'precision' } }));
  });

  it('uses the cover-weighted mean prediction as the bias', () => {
    const { model } = randomModel(1);
    const forest = (model as ForestModel).forest;
    let expected = forest.baseScore[0]!;
    for (const tree of forest.trees) expected += treeExpectedValue(tree);
    expect(model.shapRow(new Float64Array(model.features.length)).bias).toBeCloseTo(expected, 12);
  });

  it('gives zero contribution to a feature the model never splits on', () => {
    const rng = new Rng(7);
    const X = matrix(500, 3, () => rng.nextFloat());
    const y = Float64Array.from({ length: 500 }, (_, i) => X.values[i * 3]! * 3);
    const model = new GradientBoosting({ objective: 'squared_error', maxIter: 10, colsampleByTree: 1 }).fit({ X, y });
    const unused = Array.from(model.featureImportance('split')).map((c, j) => (c === 0 ? j : -1)).filter((j) => j >= 0);
    expect(unused.length).toBeGreaterThan(0);
    const { contributions } = model.shapRow(row(X, 3));
    for (const j of unused) expect(contributions[j]).toBe(0);
  });
});

function explain(explainer: ReturnType<typeof createTreeShapExplainer>, x: ArrayLike<number>, size: number): Float64Array {
  const phi = new Float64Array(size);
  explainer.explainInto(x, phi);
  return phi;
}

describe('the served explainer: lookup tables, Linear TreeSHAP beyond the table budget', () => {
  it('equals the plain algorithm and exact Shapley values on random trees with repeated features, zero covers and categories', () => {
    const rng = new Rng(2024);
    let compared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const p = 2 + rng.nextInt(5);
      const cat = rng.nextFloat() < 0.5;
      const trees = Array.from({ length: 1 + rng.nextInt(4) }, () => randomTree(rng, p, 1 + rng.nextInt(7), cat));
      const nClasses = trial % 3 === 0 ? 2 : 1;
      const forest: Forest = {
        trees, treeClass: Int32Array.from(trees, (_, t) => t % nClasses), baseScore: new Float64Array(nClasses).fill(0.25),
        nClasses, nFeatures: p, float32: trial % 4 === 1,
      };
      const fast = createTreeShapExplainer(forest, EXACT);
      const linear = createTreeShapExplainer(forest, { tableBudget: 0 });
      const plain = createPlainTreeShapExplainer(forest);
      expect(Array.from(fast.bias)).toEqual(Array.from(plain.bias));
      for (let r = 0; r < 8; r++) {
        const x = randomRow(rng, p, cat);
        const got = explain(fast, x, p * nClasses);
        const viaLinear = explain(linear, x, p * nClasses);
        const want = explain(plain, x, p * nClasses);
        const exact = new Float64Array(p * nClasses);
        trees.forEach((tree, t) => {
          const xs = forest.float32 ? x.map(Math.fround) : x;
          bruteForceShap(tree, xs, p).forEach((v, j) => (exact[forest.treeClass[t]! * p + j]! += v));
        });
        for (let j = 0; j < got.length; j++) {
          expect(got[j]!).toBeCloseTo(want[j]!, 11);
          expect(got[j]!).toBeCloseTo(exact[j]!, 10);
          expect(viaLinear[j]!).toBeCloseTo(want[j]!, 11);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('falls back to the plain algorithm for trees with more than 6 distinct features on a path, per tree', () => {
    const rng = new Rng(77);
    const deep = randomTree(rng, 12, 11, false);
    const shallow = randomTree(rng, 12, 3, false);
    expect(maxPathFeatures(deep)).toBeGreaterThan(6);
    expect(maxPathFeatures(shallow)).toBeLessThanOrEqual(6);
    expect(compileLinearShap({ trees: [deep, shallow], treeClass: new Int32Array(2), baseScore: new Float64Array(1), nClasses: 1, nFeatures: 12, float32: false }, [1]).treeInfo.length).toBe(3);
    const forest: Forest = { trees: [deep, shallow, deep], treeClass: new Int32Array(3), baseScore: Float64Array.of(1), nClasses: 1, nFeatures: 12, float32: false };
    const fast = createTreeShapExplainer(forest, EXACT);
    const plain = createPlainTreeShapExplainer(forest);
    for (let r = 0; r < 20; r++) {
      const x = randomRow(rng, 12, false);
      const got = explain(fast, x, 12);
      const want = explain(plain, x, 12);
      for (let j = 0; j < 12; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
    }
  });

  it('matches the plain algorithm on trained models (binary, multiclass, regression; missing values and a categorical feature)', () => {
    for (let seed = 200; seed < 216; seed++) {
      const { model, X, rng } = randomModel(seed);
      const forest = (model as ForestModel).forest;
      const plain = createPlainTreeShapExplainer(forest);
      for (let t = 0; t < 10; t++) {
        const x = row(X, rng.nextInt(X.nRows));
        const got = model.shapRow(x, EXACT).contributions;
        const want = explain(plain, x, got.length);
        for (let j = 0; j < got.length; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
      }
    }
  });
});
