// Imported XGBoost 1.7 models predict what XGBoost predicted on the committed fixtures; bad files are refused by name.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GbdtError } from './api.js';
import { forestFromXGBoost, importXGBoost } from './import-xgboost.js';
import type { FlatTree, Forest } from './tree.js';
import type { FeatureInfo } from './types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'xgboost');

interface Expected {
  xgboostVersion: string;
  case: string;
  objective: string;
  numClass: number;
  featureNames: string[];
  featureTypes: string[];
  rows: (number | null)[][];
  margins: number[];
  predictions: number[];
  nCategories: Record<string, number>;
  contributions?: number[];
  unseenCategoryRows?: (number | null)[][];
  unseenCategoryMargins?: number[];
}

const CASES = readdirSync(FIXTURES).filter((f) => f.endsWith('.model.json')).map((f) => f.replace('.model.json', '')).sort();

function load(name: string): { modelText: string; expected: Expected } {
  return {
    modelText: readFileSync(join(FIXTURES, `${name}.model.json`), 'utf8'),
    expected: JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected,
  };
}

const toRow = (r: (number | null)[]): number[] => r.map((v) => (v === null ? NaN : v));

/** Naive twin of the predictor: walk each tree, sum margins in float32 in tree order. */
/** Words of catBits per categorical node, per feature: ceil(categories / 32). */
let catWords: (f: number) => number = () => 0;
const useFeatures = (features: readonly FeatureInfo[]): void => {
  catWords = (f) => Math.ceil((features[f]?.categories?.length ?? 0) / 32);
};

function goesLeft(tree: FlatTree, i: number, x: readonly number[]): boolean {
  const f = tree.feature[i] ?? 0;
  const v = Math.fround(x[f] ?? NaN);
  const off = tree.catOffset[i] ?? -1;
  if (Number.isNaN(v)) return tree.missingLeft[i] === 1;
  if (off < 0) return v <= (tree.threshold[i] ?? NaN);
  // A code past the node's words reads as "bit clear", as in XGBoost (codes are truncated, like its cast).
  const word = Math.trunc(v) >> 5;
  if (v < 0 || word >= catWords(f)) return false;
  return (((tree.catBits[off + word] ?? 0) >>> (Math.trunc(v) & 31)) & 1) === 1;
}

function naiveLeaf(tree: FlatTree, x: readonly number[]): number {
  let i = 0;
  while ((tree.feature[i] ?? -1) >= 0) i = goesLeft(tree, i, x) ? (tree.left[i] ?? -1) : (tree.right[i] ?? -1);
  return tree.value[i] ?? NaN;
}

function naiveMargins(forest: Forest, x: readonly number[]): number[] {
  const m = Array.from(forest.baseScore, (b) => Math.fround(b));
  forest.trees.forEach((tree, t) => {
    const c = forest.treeClass[t] ?? 0;
    m[c] = Math.fround((m[c] ?? 0) + naiveLeaf(tree, x));
  });
  return m;
}

/** XGBoost's output transforms, in double (XGBoost rounds each step to float32: within 1e-6 relative). */
function naiveTransform(objective: string, margins: number[]): number[] {
  if (objective === 'binary:logistic') return margins.map((m) => 1 / (1 + Math.exp(-m)));
  if (objective === 'count:poisson') return margins.map((m) => Math.exp(m));
  if (objective.startsWith('multi:')) {
    const top = Math.max(...margins);
    const e = margins.map((m) => Math.exp(m - top));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }
  return margins;
}

/**
 * Brute-force path-dependent SHAP (the quantity TreeSHAP computes), for few features: the value of a
 * feature set S is the tree's output with features in S routed by x and the others averaged over
 * both children by cover (cover of the child / cover of the node, as XGBoost does).
 */
function expectedGiven(tree: FlatTree, x: readonly number[], inSet: (f: number) => boolean, i = 0): number {
  const f = tree.feature[i] ?? -1;
  if (f < 0) return tree.value[i] ?? NaN;
  const l = tree.left[i] ?? 0;
  const r = tree.right[i] ?? 0;
  if (inSet(f)) return expectedGiven(tree, x, inSet, goesLeft(tree, i, x) ? l : r);
  const c = tree.cover[i] ?? 1;
  return ((tree.cover[l] ?? 0) * expectedGiven(tree, x, inSet, l) + (tree.cover[r] ?? 0) * expectedGiven(tree, x, inSet, r)) / c;
}

function bruteForceShap(forest: Forest, x: readonly number[]): number[] {
  const nF = forest.nFeatures;
  const out = new Array<number>(forest.nClasses * (nF + 1)).fill(0);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  forest.trees.forEach((tree, t) => {
    const base = (forest.treeClass[t] ?? 0) * (nF + 1);
    const value = new Float64Array(1 << nF);
    for (let s = 0; s < 1 << nF; s++) value[s] = expectedGiven(tree, x, (f) => ((s >> f) & 1) === 1);
    for (let f = 0; f < nF; f++) {
      let phi = 0;
      for (let s = 0; s < 1 << nF; s++) {
        if ((s >> f) & 1) continue;
        let size = 0;
        for (let b = s; b > 0; b >>= 1) size += b & 1;
        phi += ((fact(size) * fact(nF - size - 1)) / fact(nF)) * ((value[s | (1 << f)] ?? 0) - (value[s] ?? 0));
      }
      out[base + f] = (out[base + f] ?? 0) + phi;
    }
    out[base + nF] = (out[base + nF] ?? 0) + (value[0] ?? 0);
  });
  forest.baseScore.forEach((b, c) => {
    out[c * (nF + 1) + nF] = (out[c * (nF + 1) + nF] ?? 0) + b;
  });
  return out;
}

/**
 * max |ours - theirs| / (largest |value| in the same row and class). XGBoost sums SHAP values over the
 * trees in float32, so its rounding error scales with the row's magnitudes, not with each (maybe tiny) value.
 */
function maxRowScaledError(ours: ArrayLike<number>, theirs: readonly number[], stride: number): number {
  let worst = 0;
  for (let start = 0; start < theirs.length; start += stride) {
    const row = theirs.slice(start, start + stride);
    const scale = Math.max(...row.map(Math.abs), Number.MIN_VALUE);
    row.forEach((b, k) => {
      worst = Math.max(worst, Math.abs((ours[start + k] ?? NaN) - b) / scale);
    });
  }
  return worst;
}

/** Largest |ours - theirs| / |theirs| (theirs read as the float32 XGBoost produced). */
function maxRelativeError(ours: ArrayLike<number>, theirs: readonly number[]): number {
  let worst = 0;
  theirs.forEach((b, i) => {
    const want = Math.fround(b);
    const got = ours[i] ?? NaN;
    const err = got === want ? 0 : Math.abs(got - want) / Math.max(Math.abs(want), Number.MIN_VALUE);
    worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
  });
  return worst;
}

describe('importing XGBoost 1.7 JSON models', () => {
  it('finds the committed fixtures', () => {
    expect(CASES).toEqual(expect.arrayContaining(['binary-ai4i', 'categorical-partition', 'multiclass-softprob', 'poisson', 'regression-missing']));
  });

  describe.each(CASES)('fixture %s', (name) => {
    const { modelText, expected } = load(name);
    const categories = Object.fromEntries(Object.entries(expected.nCategories).map(([f, n]) => [f, Array.from({ length: n }, (_, c) => `level-${c}`)]));
    const imported = forestFromXGBoost(modelText, { categories });
    const rows = expected.rows.map(toRow);

    it('builds a float32 forest whose naive margins and predictions match XGBoost within 1e-6 relative', () => {
      useFeatures(imported.features);
      expect(imported.version).toBe(expected.xgboostVersion);
      expect(imported.xgboostObjective).toBe(expected.objective);
      expect(imported.forest.float32).toBe(true);
      expect(imported.forest.nClasses).toBe(expected.numClass);
      expect(imported.features.map((f) => f.name)).toEqual(expected.featureNames);
      expect(imported.features.map((f) => (f.type === 'categorical' ? 'c' : 'float'))).toEqual(expected.featureTypes);
      const margins = rows.map((r) => naiveMargins(imported.forest, r));
      const marginErr = maxRelativeError(margins.flat(), expected.margins);
      const predErr = maxRelativeError(margins.flatMap((m) => naiveTransform(expected.objective, m)), expected.predictions);
      console.log(`${name}: naive margin max relative error ${marginErr}, prediction ${predErr}`);
      expect(marginErr).toBeLessThanOrEqual(1e-6);
      expect(predErr).toBeLessThanOrEqual(1e-6);
    });

    if (expected.contributions !== undefined) it('matches XGBoost pred_contribs with brute-force SHAP on the imported trees', () => {
      const shap = rows.flatMap((r) => bruteForceShap(imported.forest, r));
      const err = maxRowScaledError(shap, expected.contributions ?? [], expected.featureNames.length + 1);
      console.log(`${name}: brute-force SHAP vs XGBoost max row-scaled error ${err}`);
      expect(err).toBeLessThanOrEqual(1e-5);
    });

    const model = importXGBoost(modelText, { categories });
    const nF = expected.featureNames.length;
    const K = expected.numClass;

    it('predicts margins and predictions within 1e-6 relative of XGBoost, batch and row by row', () => {
      expect(model.nClasses).toBe(K);
      const marginErr = maxRelativeError(model.predictRaw(rows), expected.margins);
      const predErr = maxRelativeError(model.predict(rows), expected.predictions);
      const out = new Float64Array(K);
      const byRow = rows.flatMap((r) => (model.predictRowInto(r, out), Array.from(out)));
      const rowErr = maxRelativeError(byRow, expected.predictions);
      console.log(`${name}: model margin max relative error ${marginErr}, prediction ${predErr}, row-by-row ${rowErr}`);
      expect(marginErr).toBeLessThanOrEqual(1e-6);
      expect(predErr).toBeLessThanOrEqual(1e-6);
      expect(rowErr).toBeLessThanOrEqual(1e-6);
      if (K === 1) expect(maxRelativeError(rows.map((r) => model.predictRow(r)), expected.predictions)).toBeLessThanOrEqual(1e-6);
    });

    it('explains rows with TreeSHAP whose bias plus contributions add up to the margin', () => {
      const raw = model.predictRaw(rows);
      let worst = 0;
      rows.forEach((r, i) => {
        const { contributions, bias } = model.shapRow(r);
        for (let k = 0; k < K; k++) {
          const b = typeof bias === 'number' ? bias : (bias[k] ?? NaN);
          const sum = contributions.slice(k * nF, (k + 1) * nF).reduce((a, v) => a + v, b);
          worst = Math.max(worst, Math.abs(sum - (raw[i * K + k] ?? NaN)) / Math.max(1, Math.abs(raw[i * K + k] ?? NaN)));
        }
      });
      expect(worst).toBeLessThanOrEqual(1e-6);
    });

    if (expected.contributions !== undefined) it('matches XGBoost pred_contribs with shapRow within 1e-5 of the row scale', () => {
      const ours = rows.flatMap((r) => {
        const { contributions, bias } = model.shapRow(r);
        return Array.from({ length: K }, (_, k) => [...contributions.slice(k * nF, (k + 1) * nF), typeof bias === 'number' ? bias : (bias[k] ?? NaN)]).flat();
      });
      const err = maxRowScaledError(ours, expected.contributions ?? [], nF + 1);
      console.log(`${name}: shapRow vs XGBoost max row-scaled error ${err}`);
      expect(err).toBeLessThanOrEqual(1e-5);
    });

    if (expected.unseenCategoryRows !== undefined) it('routes category codes XGBoost never listed as XGBoost does', () => {
      useFeatures(imported.features);
      const unseen = (expected.unseenCategoryRows ?? []).map(toRow);
      const want = expected.unseenCategoryMargins ?? [];
      const margins = unseen.flatMap((r) => naiveMargins(imported.forest, r));
      expect(maxRelativeError(margins, want)).toBeLessThanOrEqual(1e-6);
      // The model routes every code it holds bits for as XGBoost does and refuses the others by name:
      // with 12 labels only code 11 is known; with the default 32 labels codes up to 31 are.
      const plain = importXGBoost(modelText);
      unseen.forEach((r, i) => {
        const code = r[2] ?? NaN;
        for (const [m, known] of [[model, 12], [plain, 32]] as const) {
          if (code < known) expect(maxRelativeError(m.predictRaw([r]), [want[i] ?? NaN])).toBeLessThanOrEqual(1e-6);
          else expect(() => m.predictRaw([r])).toThrowError(expect.objectContaining({ code: 'GBDT_UNKNOWN_CATEGORY' }));
        }
      });
    });
  });

  it('reads a float32 split condition exactly: equal goes right, one float32 step below goes left', () => {
    const { modelText } = load('regression-missing');
    const doc = JSON.parse(modelText.replace(/NaN/g, 'null')) as { learner: { gradient_booster: { model: { trees: { split_conditions: number[]; split_indices: number[] }[] } } } };
    const root = doc.learner.gradient_booster.model.trees[0];
    if (root === undefined) throw new Error('fixture has no tree');
    const cond = Math.fround(root.split_conditions[0] ?? NaN);
    const f = root.split_indices[0] ?? 0;
    const tree = forestFromXGBoost(modelText).forest.trees[0];
    if (tree === undefined) throw new Error('no tree imported');
    const below = new Float32Array([cond]);
    const bits = new Uint32Array(below.buffer);
    bits[0] = (bits[0] ?? 0) + (cond > 0 ? -1 : 1);
    const at = (v: number): number[] => Array.from({ length: 5 }, (_, j) => (j === f ? v : 0));
    expect(goesLeft(tree, 0, at(cond))).toBe(false);
    expect(goesLeft(tree, 0, at(below[0] ?? NaN))).toBe(true);
    // A double just below the condition that rounds to it in float32 goes right, as in XGBoost.
    expect(goesLeft(tree, 0, at(cond - Math.abs(cond) * 2 ** -30))).toBe(false);
    expect(tree.threshold[0]).toBe(below[0]);
  });

  it('takes feature names and category labels from the options, and refuses ones that do not fit', () => {
    const { modelText } = load('categorical-partition');
    const named = forestFromXGBoost(modelText, { featureNames: ['temp', 'speed', 'line'] });
    expect(named.features.map((f) => f.name)).toEqual(['temp', 'speed', 'line']);
    expect(named.features[2]?.type).toBe('categorical');
    const err = (fn: () => unknown): GbdtError => {
      try {
        fn();
      } catch (e) {
        if (e instanceof GbdtError) return e;
      }
      throw new Error('expected a GbdtError');
    };
    // Without labels every code the node words hold (32 here) routes as in XGBoost, AI4I's Type H included.
    const ai4i = load('binary-ai4i');
    const plain = forestFromXGBoost(ai4i.modelText);
    expect(plain.features[5]?.categories).toHaveLength(32);
    useFeatures(plain.features);
    const margins = ai4i.expected.rows.flatMap((r) => naiveMargins(plain.forest, toRow(r)));
    expect(ai4i.expected.rows.some((r) => r[5] === 2)).toBe(true);
    expect(maxRelativeError(margins, ai4i.expected.margins)).toBe(0);
    const count = err(() => forestFromXGBoost(modelText, { featureNames: ['temp', 'speed'] }));
    expect([count.code, count.details.param]).toEqual(['GBDT_INVALID_PARAM', 'featureNames']);
    const short = err(() => forestFromXGBoost(modelText, { categories: { machine: ['a', 'b'] } }));
    expect([short.code, short.details.param]).toEqual(['GBDT_INVALID_PARAM', 'categories.machine']);
  });
});

describe('refusing XGBoost files it cannot honour', () => {
  const { modelText } = load('binary-ai4i');
  const refusal = (text: string): GbdtError => {
    try {
      forestFromXGBoost(text);
    } catch (err) {
      if (err instanceof GbdtError) return err;
      throw err;
    }
    throw new Error('expected a GbdtError');
  };

  it('refuses a model saved by an unverified XGBoost version, naming it', () => {
    for (const v of ['[2,0,3]', '[1,6,2]', '[3,0,0]']) {
      const err = refusal(modelText.replace('"version":[1,7,4]', `"version":${v}`));
      expect(err.code).toBe('GBDT_XGBOOST_UNSUPPORTED');
      expect(err.message).toContain(JSON.parse(v).join('.'));
    }
  });

  it('refuses the dart and gblinear boosters and unknown objectives', () => {
    expect(refusal(modelText.replace('"name":"gbtree"', '"name":"dart"')).code).toBe('GBDT_XGBOOST_UNSUPPORTED');
    const linear = refusal(modelText.replace('"name":"gbtree"', '"name":"gblinear"'));
    expect(linear.code).toBe('GBDT_XGBOOST_UNSUPPORTED');
    expect(linear.message).toContain('gblinear');
    const rank = refusal(modelText.replace('"name":"binary:logistic"', '"name":"rank:pairwise"'));
    expect(rank.code).toBe('GBDT_XGBOOST_UNSUPPORTED');
    expect(rank.message).toContain('rank:pairwise');
  });

  it('names a missing field by its path', () => {
    const err = refusal(modelText.replace('"base_score":', '"base_scor":'));
    expect(err.code).toBe('GBDT_MODEL_FORMAT');
    expect(err.message).toContain('learner.learner_model_param.base_score');
    const tree = refusal(modelText.replace('"right_children":', '"right_kids":'));
    expect(tree.message).toContain('learner.gradient_booster.model.trees[0].right_children');
    expect(refusal(modelText.replace(',"version":[1,7,4]', '')).details['field']).toBe('version');
  });

  it('names a malformed array entry and a broken tree', () => {
    const doc = JSON.parse(modelText.replace(/NaN/g, 'null')) as { learner: { gradient_booster: { model: { trees: Record<string, unknown>[] } } } };
    const tree = doc.learner.gradient_booster.model.trees[3];
    if (tree === undefined) throw new Error('fixture has fewer than 4 trees');
    (tree['left_children'] as number[])[0] = 0;
    const cycle = refusal(JSON.stringify(doc));
    expect(cycle.code).toBe('GBDT_MODEL_FORMAT');
    expect(cycle.message).toContain('trees[3]');
    (tree['left_children'] as number[])[0] = 1;
    (tree['split_indices'] as number[])[0] = 99;
    expect(refusal(JSON.stringify(doc)).message).toContain('trees[3].split_indices[0]');
  });

  it('refuses text that is not JSON', () => {
    expect(refusal('{L\u0000binary').code).toBe('GBDT_MODEL_FORMAT');
    expect(refusal(modelText.slice(0, 1000)).code).toBe('GBDT_MODEL_FORMAT');
  });
});
