import { describe, expect, it } from 'vitest';
import { GbdtError } from './api.js';
import { GradientBoosting, modelFromForest } from './booster.js';
import { loadModel, saveModel } from './format.js';
import { leafOf, catWordsPerNode } from './decide.js';
import { Rng } from './random.js';
import { binaryData, regressionData, row } from './test-support/data.js';
import { infiniteThresholds, infiniteValues, randomRow, randomTree, widenCategories } from './test-support/random-tree.js';
import type { FlatTree, Forest } from './tree.js';
import type { FeatureInfo } from './types.js';

/**
 * Hand-built tree on features (speed numeric, line categorical with 40 codes):
 *   0: speed <= 1.5 (missing -> right) ? 1 : 2
 *   1: leaf 10
 *   2: line in {1, 3, 33} (missing -> left) ? 3 : 4
 *   3: leaf 20        4: leaf 30
 */
function handTree(value = [0, 10, 0, 20, 30]): FlatTree {
  return {
    feature: Int32Array.of(0, -1, 1, -1, -1),
    threshold: Float64Array.of(1.5, 0, 0, 0, 0),
    missingLeft: Uint8Array.of(0, 0, 1, 0, 0),
    left: Int32Array.of(1, -1, 3, -1, -1),
    right: Int32Array.of(2, -1, 4, -1, -1),
    value: Float64Array.from(value),
    cover: Float64Array.of(10, 4, 6, 3, 3),
    gain: Float64Array.of(5, 0, 2, 0, 0),
    catOffset: Int32Array.of(-1, -1, 0, -1, -1),
    catBits: Uint32Array.of((1 << 1) | (1 << 3), 1 << 1),
  };
}

const features: FeatureInfo[] = [
  { name: 'speed', type: 'numeric' },
  { name: 'line', type: 'categorical', categories: Array.from({ length: 40 }, (_, c) => `L${c}`) },
];

function handForest(float32 = false, trees = [handTree()]): Forest {
  return { trees, treeClass: new Int32Array(trees.length), baseScore: Float64Array.of(0.5), nClasses: 1, nFeatures: 2, float32 };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof GbdtError ? `${e.code}: ${e.message}` : String(e);
  }
  return undefined;
}

describe('predictor', () => {
  const model = modelFromForest(handForest(), { objective: 'squared_error', features, params: {}, nIterations: 1 });

  it('follows numeric thresholds, learned missing sides and category bitsets', () => {
    const cases: Array<[number[], number]> = [
      [[1, 0], 10.5], [[1.5, 7], 10.5], [[2, 1], 20.5], [[2, 3], 20.5], [[2, 33], 20.5],
      [[2, 2], 30.5], [[2, 39], 30.5], [[2, NaN], 20.5], [[NaN, 0], 30.5], [[NaN, NaN], 20.5],
    ];
    for (const [x, expected] of cases) expect(model.predictRow(x), JSON.stringify(x)).toBe(expected);
    expect(Array.from(model.predict(cases.map(([x]) => x)))).toEqual(cases.map(([, e]) => e));
  });

  it('rounds inputs to float32 and sums margins in float32 for float32 forests', () => {
    const t = handTree([0, 0.1, 0, 0.2, 0.3]);
    const f32 = Math.fround(1.5000001);
    t.threshold[0] = f32;
    const m32 = modelFromForest(handForest(true, [t, t]), { objective: 'squared_error', features, params: {}, nIterations: 2 });
    // 1.50000012 is above the float32 threshold in double precision but equal to it in float32.
    expect(m32.predictRow([1.50000012, 0])).toBe(Math.fround(Math.fround(Math.fround(0.5) + 0.1) + 0.1));
    const m64 = modelFromForest(handForest(false, [t, t]), { objective: 'squared_error', features, params: {}, nIterations: 2 });
    expect(m64.predictRow([1.50000012, 0])).toBe(0.5 + 0.3 + 0.3);
    expect(Math.abs(m32.shapRow([1.50000012, 0]).contributions.reduce((a, b) => a + b, 0) + (m32.shapRow([1.50000012, 0]).bias as number) - m32.predictRow([1.50000012, 0]))).toBeLessThan(1e-6);
    expect(saveModel(loadModel(saveModel(m32)))).toBe(saveModel(m32));
  });

  it('throws GBDT_UNKNOWN_CATEGORY naming the feature and row', () => {
    expect(codeOf(() => model.predict([[1, 1], [1, 40]]))).toBe("GBDT_UNKNOWN_CATEGORY: row 1, feature 'line': unknown category code 40 (known: 0..39)");
    expect(codeOf(() => model.predictRow([1, -1]))).toMatch(/^GBDT_UNKNOWN_CATEGORY: feature 'line'/);
    expect(codeOf(() => model.predictRow([1, 2.5]))).toMatch(/^GBDT_UNKNOWN_CATEGORY/);
    expect(codeOf(() => model.shapRow([1, 99]))).toMatch(/^GBDT_UNKNOWN_CATEGORY/);
  });

  it('throws GBDT_FEATURE_COUNT when a row has the wrong number of features', () => {
    expect(codeOf(() => model.predict([[1, 2, 3]]))).toBe('GBDT_FEATURE_COUNT: expected 2 features, got 3');
    expect(codeOf(() => model.predictRow([1]))).toMatch(/^GBDT_FEATURE_COUNT/);
    expect(codeOf(() => model.predictRowInto([1], new Float64Array(1)))).toMatch(/^GBDT_FEATURE_COUNT/);
    expect(codeOf(() => model.shapRow([1, 2, 3]))).toMatch(/^GBDT_FEATURE_COUNT/);
    expect(codeOf(() => model.predict({ nRows: 2, nFeatures: 3, values: new Float64Array(6) }))).toMatch(/^GBDT_FEATURE_COUNT/);
  });

  it('refuses a structurally broken forest in modelFromForest', () => {
    const t = handTree();
    t.right[2] = 2;
    expect(codeOf(() => modelFromForest(handForest(false, [t]), { objective: 'squared_error', features, params: {}, nIterations: 1 }))).toMatch(/^GBDT_MODEL_FORMAT: trees\[0\]\.right\[2\]: node 2 is its own child/);
    expect(codeOf(() => modelFromForest(handForest(), { objective: 'squared_error', features: features.slice(1), params: {}, nIterations: 1 }))).toMatch(/^GBDT_MODEL_FORMAT: features/);
  });

  it('predictRow, predictRowInto and batch predict agree on trained models (number[][], Float64 and Float32 matrices)', () => {
    const { X, y } = binaryData(800, 51);
    const binary = new GradientBoosting({ objective: 'binary', maxIter: 20 }).fit({ X, y });
    const batch = binary.predict(X);
    const out = new Float64Array(1);
    const rows: number[][] = [];
    for (let i = 0; i < X.nRows; i++) {
      const r = row(X, i);
      rows.push(Array.from(r));
      expect(binary.predictRow(r)).toBe(batch[i]);
      binary.predictRowInto(r, out);
      expect(out[0]).toBe(batch[i]);
    }
    expect(Array.from(binary.predict(rows))).toEqual(Array.from(batch));
    const x32 = { nRows: X.nRows, nFeatures: X.nFeatures, values: Float32Array.from(X.values) };
    const p32 = binary.predict(x32);
    expect(Array.from(p32)).toEqual(Array.from(binary.predict(Array.from({ length: X.nRows }, (_, i) => Array.from(x32.values.subarray(i * 6, i * 6 + 6))))));

    const r = regressionData(600, 52);
    const multi = new GradientBoosting({ objective: 'multiclass', maxIter: 5 }).fit({ X: r.X, y: Float64Array.from(r.y, (v) => (v < 1 ? 0 : v < 2.5 ? 1 : 2)) });
    const mp = multi.predict(r.X);
    const out3 = new Float64Array(3);
    for (let i = 0; i < 50; i++) {
      multi.predictRowInto(row(r.X, i), out3);
      expect(Array.from(out3)).toEqual(Array.from(mp.subarray(3 * i, 3 * i + 3)));
    }
    expect(codeOf(() => multi.predictRow(row(r.X, 0)))).toMatch(/use predictRowInto/);
  });

  it('reports gain and split-count importances per feature', () => {
    expect(Array.from(model.featureImportance('gain'))).toEqual([5, 2]);
    expect(Array.from(model.featureImportance('split'))).toEqual([1, 1]);
  });

  it('predicts bitwise what a plain walk of each row through one tree after another gives (naive twin)', () => {
    const rng = new Rng(99);
    for (let trial = 0; trial < 40; trial++) {
      const p = 2 + rng.nextInt(6);
      const cat = rng.nextFloat() < 0.5;
      const K = trial % 3 === 0 ? 3 : 1;
      const trees = Array.from({ length: 1 + rng.nextInt(30) }, () => randomTree(rng, p, rng.nextInt(10), cat));
      const forest: Forest = {
        trees, treeClass: Int32Array.from(trees, (_, t) => t % K), baseScore: Float64Array.from({ length: K }, () => rng.nextFloat()),
        nClasses: K, nFeatures: p, float32: trial % 4 === 1,
      };
      const feats: FeatureInfo[] = Array.from({ length: p }, (_, j) =>
        cat && j === 0 ? { name: 'line', type: 'categorical', categories: Array.from({ length: 45 }, (_, c) => `L${c}`) } : { name: `s${j}`, type: 'numeric' });
      const model = modelFromForest(forest, { objective: K === 1 ? 'squared_error' : 'multiclass', features: feats, params: {}, nIterations: trees.length });
      const nRows = 1 + rng.nextInt(150);
      const values = new Float64Array(nRows * p);
      for (let i = 0; i < nRows; i++) values.set(randomRow(rng, p, cat), i * p);
      const twin = new Float64Array(nRows * K);
      for (let i = 0; i < nRows; i++) {
        const m = Array.from(forest.baseScore, (b) => (forest.float32 ? Math.fround(b) : b));
        trees.forEach((tree, t) => {
          const v = tree.value[leafOf(tree, catWordsPerNode(tree), values, i * p, forest.float32)]!;
          const c = forest.treeClass[t]!;
          m[c] = forest.float32 ? Math.fround(m[c]! + v) : m[c]! + v;
        });
        twin.set(m, i * K);
      }
      expect(Array.from(model.predictRaw({ nRows, nFeatures: p, values }))).toEqual(Array.from(twin));
      if (K === 1) for (let i = 0; i < nRows; i++) expect(model.predictRow(values.subarray(i * p, (i + 1) * p))).toBe(twin[i]);
    }
  });

  it('rules categorical splits with up to 96 and with more categories as the twin, for codes up to 200, fractions and negatives', () => {
    const rng = new Rng(23);
    for (const words of [1, 3, 4, 6]) {
      const p = 3;
      const trees = Array.from({ length: 12 }, () => widenCategories(rng, randomTree(rng, p, 1 + rng.nextInt(6), true), words));
      const forest: Forest = { trees, treeClass: new Int32Array(trees.length), baseScore: Float64Array.of(0), nClasses: 1, nFeatures: p, float32: false };
      // Declared numeric, so the model does not refuse the fractional and negative codes: every code reaches the walk.
      const feats: FeatureInfo[] = [{ name: 'line', type: 'numeric' }, { name: 's1', type: 'numeric' }, { name: 's2', type: 'numeric' }];
      const model = modelFromForest(forest, { objective: 'squared_error', features: feats, params: {}, nIterations: trees.length });
      const nRows = 300;
      const values = new Float64Array(nRows * p);
      for (let i = 0; i < nRows; i++) {
        const code = i % 10 === 0 ? NaN : i % 10 === 1 ? rng.nextFloat() * 200 - 2 : i % 10 === 2 ? 126 + rng.nextInt(3) : rng.nextInt(200);
        values.set([code, rng.nextFloat(), rng.nextFloat() < 0.1 ? NaN : rng.nextFloat()], i * p);
      }
      const got = model.predictRaw({ nRows, nFeatures: p, values });
      for (let i = 0; i < nRows; i++) {
        let m = 0;
        for (const tree of trees) m += tree.value[leafOf(tree, catWordsPerNode(tree), values, i * p, false)]!;
        expect(got[i]).toBe(m);
      }
    }
  });

  it("sends missing and infinite values the twin's way at thresholds of +-Infinity (missing values right of +Infinity take the side branch)", () => {
    const rng = new Rng(17);
    for (let trial = 0; trial < 20; trial++) {
      const p = 2 + rng.nextInt(4);
      const trees = Array.from({ length: 1 + rng.nextInt(10) }, () => infiniteThresholds(rng, randomTree(rng, p, 1 + rng.nextInt(6), trial % 2 === 0)));
      const forest: Forest = { trees, treeClass: new Int32Array(trees.length), baseScore: Float64Array.of(0), nClasses: 1, nFeatures: p, float32: trial % 4 === 1 };
      const feats: FeatureInfo[] = Array.from({ length: p }, (_, j) =>
        trial % 2 === 0 && j === 0 ? { name: 'line', type: 'categorical', categories: Array.from({ length: 45 }, (_, c) => `L${c}`) } : { name: `s${j}`, type: 'numeric' });
      const model = modelFromForest(forest, { objective: 'squared_error', features: feats, params: {}, nIterations: trees.length });
      const nRows = 100;
      const values = new Float64Array(nRows * p);
      for (let i = 0; i < nRows; i++) values.set(infiniteValues(rng, randomRow(rng, p, trial % 2 === 0), trial % 2 === 0), i * p);
      const got = model.predictRaw({ nRows, nFeatures: p, values });
      for (let i = 0; i < nRows; i++) {
        let m = forest.float32 ? Math.fround(0) : 0;
        for (const tree of trees) {
          const v = tree.value[leafOf(tree, catWordsPerNode(tree), values, i * p, forest.float32)]!;
          m = forest.float32 ? Math.fround(m + v) : m + v;
        }
        expect(got[i]).toBe(m);
        expect(model.predictRow(values.subarray(i * p, (i + 1) * p))).toBe(m);
      }
    }
  });
});
