import { describe, expect, it } from 'vitest';
import { Rng } from './random.js';
import { createPlainTreeShapExplainer, createTreeShapExplainer, type ShapExplainer } from './shap.js';
import { compileShapTables } from './shap-table-compile.js';
import { leafTable } from './shap-table-leaf.js';
import { infiniteThresholds, infiniteValues, randomRow, randomTree, widenCategories } from './test-support/random-tree.js';
import type { Forest } from './tree.js';

/** The exactness tests hold the float64 tables to the plain algorithm's values; float32 ones have their own test. */
const EXACT = { precision: 'float64' } as const;

function explain(explainer: ShapExplainer, x: ArrayLike<number>, size: number): Float64Array {
  const phi = new Float64Array(size);
  explainer.explainInto(x, phi);
  return phi;
}

function randomForest(rng: Rng, p: number, cat: boolean, nTrees: number, nClasses: number, float32: boolean): Forest {
  const trees = Array.from({ length: nTrees }, () => randomTree(rng, p, 1 + rng.nextInt(7), cat));
  return { trees, treeClass: Int32Array.from(trees, (_, t) => t % nClasses), baseScore: new Float64Array(nClasses).fill(0.5), nClasses, nFeatures: p, float32 };
}

/** Per class, the sum over its trees of the largest |leaf value|: no row moves the margin further from the base score. */
function marginScale(forest: Forest): Float64Array {
  const scale = new Float64Array(forest.nClasses);
  forest.trees.forEach((tree, t) => {
    let top = 0;
    tree.feature.forEach((f, n) => (top = f < 0 ? Math.max(top, Math.abs(tree.value[n]!)) : top));
    scale[forest.treeClass[t]!] += top;
  });
  return scale;
}

describe('tabulated TreeSHAP (Fast TreeSHAP v2 style lookup tables)', () => {
  it('gives each leaf the exact Shapley values of its product game for every mask', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 30; trial++) {
      const d = 1 + rng.nextInt(6);
      // Some cover products are 0 (a branch no training row reached) or 1.
      const path = Array.from({ length: d }, (_, j) => ({ feature: j, z: [0, 1, rng.nextFloat()][rng.nextInt(3)]! }));
      const value = rng.nextFloat() * 4 - 2;
      const table = leafTable(path, value);
      for (let mask = 0; mask < 1 << d; mask++) {
        // v(S) = value * prod_{j in S} o_j * prod_{j not in S} z_j, Shapley values by enumerating subsets.
        const game = (s: number) => path.reduce((acc, p, j) => acc * ((s >> j) & 1 ? (mask >> j) & 1 : p.z), value);
        const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
        for (let i = 0; i < d; i++) {
          let want = 0;
          for (let s = 0; s < 1 << d; s++) {
            if ((s >> i) & 1) continue;
            let size = 0;
            for (let b = 0; b < d; b++) size += (s >> b) & 1;
            want += ((fact(size) * fact(d - size - 1)) / fact(d)) * (game(s | (1 << i)) - game(s));
          }
          expect(table[mask * d + i]!).toBeCloseTo(want, 12);
        }
      }
    }
  });

  it('equals the plain algorithm on random forests: numeric and categorical, missing values, float32, two classes', () => {
    const rng = new Rng(31);
    let compared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const p = 2 + rng.nextInt(6);
      const cat = trial % 2 === 0;
      const nClasses = trial % 3 === 0 ? 2 : 1;
      const forest = randomForest(rng, p, cat, 1 + rng.nextInt(5), nClasses, trial % 4 === 1);
      const table = createTreeShapExplainer(forest, EXACT);
      const plain = createPlainTreeShapExplainer(forest);
      for (let r = 0; r < 10; r++) {
        // Half the rows have no missing value: with numeric trees they take the plain-comparison passes.
        const x = r % 2 === 0 ? randomRow(rng, p, cat) : randomRow(rng, p, cat).map((v, j) => (v === v ? v : j / p));
        const got = explain(table, x, p * nClasses);
        const want = explain(plain, x, p * nClasses);
        for (let j = 0; j < got.length; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('equals the plain algorithm at thresholds of +-Infinity, with missing and infinite values (special nodes)', () => {
    const rng = new Rng(44);
    for (let trial = 0; trial < 30; trial++) {
      const p = 2 + rng.nextInt(5);
      const cat = trial % 2 === 0;
      const forest = randomForest(rng, p, cat, 1 + rng.nextInt(5), 1, trial % 4 === 1);
      forest.trees.forEach((t) => infiniteThresholds(rng, t));
      const table = createTreeShapExplainer(forest, EXACT);
      const plain = createPlainTreeShapExplainer(forest);
      for (let r = 0; r < 10; r++) {
        const x = infiniteValues(rng, randomRow(rng, p, cat), cat);
        const got = explain(table, x, p);
        const want = explain(plain, x, p);
        for (let j = 0; j < p; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
      }
    }
  });

  it('equals the plain algorithm for categorical splits with up to 96 and with more categories, any code', () => {
    const rng = new Rng(52);
    for (const words of [1, 3, 4, 6]) {
      const trees = Array.from({ length: 6 }, () => widenCategories(rng, randomTree(rng, 3, 1 + rng.nextInt(6), true), words));
      const forest: Forest = { trees, treeClass: new Int32Array(trees.length), baseScore: Float64Array.of(0), nClasses: 1, nFeatures: 3, float32: false };
      const table = createTreeShapExplainer(forest, EXACT);
      const plain = createPlainTreeShapExplainer(forest);
      for (let r = 0; r < 40; r++) {
        const code = r % 10 === 0 ? NaN : r % 10 === 1 ? rng.nextFloat() * 200 - 2 : r % 10 === 2 ? 126 + rng.nextInt(3) : rng.nextInt(200);
        const x = Float64Array.of(code, rng.nextFloat(), rng.nextFloat() < 0.2 ? NaN : rng.nextFloat());
        const got = explain(table, x, 3);
        const want = explain(plain, x, 3);
        for (let j = 0; j < 3; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
      }
    }
  });

  it('decides categorical nodes from per-code side tables, and from their bitsets when a table would be too large', () => {
    const rng = new Rng(53);
    // 1 word = 32 codes: a small side table; 8,192 words = 262,144 codes: over 1 MB with 4 nodes or more.
    for (const words of [1, 8192]) {
      const trees = Array.from({ length: 8 }, () => widenCategories(rng, randomTree(rng, 3, 2 + rng.nextInt(5), true), words));
      const forest: Forest = { trees, treeClass: new Int32Array(trees.length), baseScore: Float64Array.of(0), nClasses: 1, nFeatures: 3, float32: false };
      const { tables } = compileShapTables(forest, trees.map((_, t) => t), Infinity, 'float64');
      expect(tables.nCategorical).toBeGreaterThan(3);
      expect(tables.nTabledCategorical).toBe(words === 1 ? tables.nCategorical : 0);
      const table = createTreeShapExplainer(forest, EXACT);
      const plain = createPlainTreeShapExplainer(forest);
      for (let r = 0; r < 40; r++) {
        const kind = r % 8;
        const code = kind === 0 ? NaN : kind === 1 ? rng.nextFloat() * 40 - 2 : kind === 2 ? 1e10 : kind === 3 ? -0.5 : rng.nextInt(words === 1 ? 40 : 300_000);
        const x = Float64Array.of(code, rng.nextFloat(), rng.nextFloat() < 0.2 ? NaN : rng.nextFloat());
        const got = explain(table, x, 3);
        const want = explain(plain, x, 3);
        for (let j = 0; j < 3; j++) expect(got[j]!).toBeCloseTo(want[j]!, 11);
      }
    }
  });

  it('leaves trees beyond the table budget to Linear TreeSHAP, with the same values', () => {
    const rng = new Rng(8);
    const forest = randomForest(rng, 6, true, 12, 1, false);
    const trees = forest.trees.map((_, t) => t);
    const all = compileShapTables(forest, trees, Infinity);
    const half = compileShapTables(forest, trees, all.tables.values.length / 2);
    expect(all.rest).toEqual([]);
    expect(half.rest.length).toBeGreaterThan(0);
    expect(half.rest.length).toBeLessThan(trees.length);
    const mixed = createTreeShapExplainer(forest, { ...EXACT, tableBudget: all.tables.values.length / 2 });
    const linear = createTreeShapExplainer(forest, { ...EXACT, tableBudget: 0 });
    const plain = createPlainTreeShapExplainer(forest);
    for (let r = 0; r < 30; r++) {
      const x = randomRow(rng, 6, true);
      const want = explain(plain, x, 6);
      const a = explain(mixed, x, 6);
      const b = explain(linear, x, 6);
      for (let j = 0; j < 6; j++) {
        expect(a[j]!).toBeCloseTo(want[j]!, 11);
        expect(b[j]!).toBeCloseTo(want[j]!, 11);
      }
    }
  });

  it('stores float32 tables by default, within 1e-6 of the margin scale of the plain algorithm and additive within it', () => {
    const rng = new Rng(63);
    let worst = 0;
    let worstSum = 0;
    for (let trial = 0; trial < 60; trial++) {
      const p = 2 + rng.nextInt(6);
      const cat = trial % 2 === 0;
      const nClasses = trial % 3 === 0 ? 2 : 1;
      const forest = randomForest(rng, p, cat, 1 + rng.nextInt(8), nClasses, trial % 4 === 1);
      expect(compileShapTables(forest, forest.trees.map((_, t) => t), Infinity, 'float32').tables.values).toBeInstanceOf(Float32Array);
      const table = createTreeShapExplainer(forest);
      const plain = createPlainTreeShapExplainer(forest);
      const scale = marginScale(forest);
      for (let r = 0; r < 10; r++) {
        const x = randomRow(rng, p, cat);
        const got = explain(table, x, p * nClasses);
        const want = explain(plain, x, p * nClasses);
        for (let k = 0; k < nClasses; k++) {
          const s = Math.max(scale[k]!, Number.MIN_VALUE); // a class without trees explains nothing
          let gotSum = 0;
          let wantSum = 0;
          for (let j = k * p; j < (k + 1) * p; j++) {
            worst = Math.max(worst, Math.abs(got[j]! - want[j]!) / s);
            gotSum += got[j]!;
            wantSum += want[j]!;
          }
          worstSum = Math.max(worstSum, Math.abs(gotSum - wantSum) / s);
        }
      }
    }
    expect(worst).toBeLessThan(1e-6);
    expect(worstSum).toBeLessThan(1e-6);
    // Rounded, not exact: the default tables differ from the plain algorithm by more than float64 ones do.
    expect(worst).toBeGreaterThan(1e-11);
  });

  it('adds to phi without clearing it, and gives the same answer for a row explained twice', () => {
    const rng = new Rng(12);
    const forest = randomForest(rng, 4, false, 6, 1, false);
    const explainer = createTreeShapExplainer(forest, EXACT);
    const x = randomRow(rng, 4, false);
    const once = explain(explainer, x, 4);
    explain(explainer, randomRow(rng, 4, false), 4);
    const phi = Float64Array.of(1, 2, 3, 4);
    explainer.explainInto(x, phi);
    for (let j = 0; j < 4; j++) expect(phi[j]!).toBeCloseTo(once[j]! + j + 1, 12);
  });
});
