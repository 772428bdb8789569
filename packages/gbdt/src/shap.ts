// Exact path-dependent TreeSHAP (Lundberg et al. 2018, algorithm 2) over a Forest, using node cover.
import { catWordsPerNode, nextNode } from './decide.js';
import { compileShapTables, TABLE_SHAP_MAX_PATH_FEATURES } from './shap-table-compile.js';
import { tableShapInto } from './shap-table.js';
import { warmUpTables } from './shap-table-warm.js';
import { compileLinearShap, createLinearShapScratch, LINEAR_SHAP_MAX_PATH_FEATURES, linearShapInto, maxPathFeatures } from './shap-linear.js';
import type { FlatTree, Forest } from './tree.js';
import type { ShapPrecision } from './types.js';

/** Explains rows of one forest. */
export interface ShapExplainer {
  /** Expected raw score per class: baseScore + each tree's cover-weighted mean leaf value. */
  readonly bias: Float64Array;
  /** Adds the row's contributions to phi (class-major: phi[k * nFeatures + j]); phi is not cleared. */
  explainInto(row: ArrayLike<number>, phi: Float64Array): void;
}

/**
 * Path buffers (feature, zero fraction, one fraction, permutation weight). The path at unique depth d
 * starts right after its parent's (parentStart + d + 1) and holds d + 1 elements, so one flat array
 * serves every level of the recursion: trees of depth D need fewer than (D + 2)(D + 3) / 2 slots.
 */
interface PathBuffers {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

interface PreparedTree {
  readonly tree: FlatTree;
  readonly words: Int32Array;
  readonly phiOffset: number;
}

export interface ShapExplainerOptions {
  /** Table values the explainer may hold (DEFAULT_TABLE_BUDGET); trees beyond it use Linear TreeSHAP. */
  tableBudget?: number;
  /** Precision of the table values (see ShapPrecision); 'float32' unless set. */
  precision?: ShapPrecision;
}

/** Table values one explainer may hold by default (32 MB in float32, 64 MB in float64); trees beyond it use Linear TreeSHAP. */
export const DEFAULT_TABLE_BUDGET = 8 * 1024 * 1024;

/**
 * The explainer for served predictions; all three routes give the same exact values:
 *   trees with at most 6 distinct features on every path   lookup tables (shap-table.ts: a comparison per
 *                                                           node and one add per table value per row),
 *                                                           built here while they fit in tableBudget doubles
 *   the same beyond the budget                              Linear TreeSHAP (shap-linear.ts, O(nodes) per tree)
 *   deeper trees                                            the plain algorithm below
 * Building the tables takes 0.2 to 0.4 s for 200 trees of depth 6 (11 to 16 MB in float64, about half in
 * float32; a warm-up on synthetic rows included, shap-table-warm.ts), so callers build one explainer per model
 * and keep it. The tables hold float32 values unless options.precision is 'float64' (error bound: ShapPrecision
 * in types.ts); Linear TreeSHAP and the plain algorithm always work in float64.
 */
export function createTreeShapExplainer(forest: Forest, options: ShapExplainerOptions = {}): ShapExplainer {
  const small: number[] = [];
  const plain: number[] = [];
  forest.trees.forEach((tree, t) => (maxPathFeatures(tree) <= Math.min(LINEAR_SHAP_MAX_PATH_FEATURES, TABLE_SHAP_MAX_PATH_FEATURES) ? small : plain).push(t));
  const { tables, rest: linear } = compileShapTables(forest, small, options.tableBudget ?? DEFAULT_TABLE_BUDGET, options.precision ?? 'float32');
  const compiled = compileLinearShap(forest, linear);
  const scratch = createLinearShapScratch(compiled);
  const rest = plainExplainer(forest, plain);
  // The row is copied (rounded for float32 forests) to the start of the tables' float array, so the compiled
  // loops always read one array type; Linear TreeSHAP reads it there too.
  const x = tables.floats;
  const n = forest.nFeatures;
  const explainer: ShapExplainer = {
    bias: forestBias(forest),
    explainInto(row, phi) {
      if (forest.float32) for (let j = 0; j < n; j++) x[j] = Math.fround(row[j]!);
      else for (let j = 0; j < n; j++) x[j] = row[j]!;
      tableShapInto(tables, phi);
      linearShapInto(compiled, scratch, x, phi);
      rest.explainInto(row, phi);
    },
  };
  // Through explainInto itself when the tables hold every tree: V8 optimizes it late, and it inlines the passes.
  if (linear.length === 0 && plain.length === 0) warmUpTables(tables, forest, explainer.explainInto);
  else warmUpTables(tables, forest, (row, phi) => {
    x.set(row);
    tableShapInto(tables, phi);
  });
  return explainer;
}

/** The plain O(leaves x depth^2) algorithm over every tree: the naive twin of createTreeShapExplainer in tests. */
export function createPlainTreeShapExplainer(forest: Forest): ShapExplainer {
  const { explainInto } = plainExplainer(forest, forest.trees.map((_, t) => t));
  return { bias: forestBias(forest), explainInto };
}

function forestBias(forest: Forest): Float64Array {
  const bias = Float64Array.from(forest.baseScore);
  forest.trees.forEach((tree, t) => {
    const k = forest.treeClass[t]!;
    bias[k] = bias[k]! + treeExpectedValue(tree);
  });
  return bias;
}

function plainExplainer(forest: Forest, trees: readonly number[]): Pick<ShapExplainer, 'explainInto'> {
  const prepared: PreparedTree[] = [];
  let maxDepth = 0;
  for (const t of trees) {
    const tree = forest.trees[t]!;
    maxDepth = Math.max(maxDepth, treeDepth(tree));
    prepared.push({ tree, words: catWordsPerNode(tree), phiOffset: forest.treeClass[t]! * forest.nFeatures });
  }
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
  const path: PathBuffers = { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
  return {
    explainInto(row, phi) {
      for (const p of prepared) treeShap(p.tree, p.words, row, forest.float32, phi, p.phiOffset, path);
    },
  };
}

/** Share of a node's cover that goes to one child (1/2 each when the node has no cover at all). */
function coverFraction(tree: FlatTree, node: number, child: number): number {
  const c = tree.cover[node]!;
  return c > 0 ? tree.cover[child]! / c : 0.5;
}

/** E[f(x)] of one tree when no feature is known: leaf values weighted by the cover fractions along the path. */
export function treeExpectedValue(tree: FlatTree, node = 0): number {
  if (tree.feature[node]! < 0) return tree.value[node]!;
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  return coverFraction(tree, node, l) * treeExpectedValue(tree, l) + coverFraction(tree, node, r) * treeExpectedValue(tree, r);
}

/** Edges from the root to the deepest leaf. */
export function treeDepth(tree: FlatTree, node = 0): number {
  if (tree.feature[node]! < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]!), treeDepth(tree, tree.right[node]!));
}

/** Adds one tree's SHAP values for row x to phi[phiOffset + feature]. */
export function treeShap(tree: FlatTree, words: Int32Array, x: ArrayLike<number>, float32: boolean, phi: Float64Array, phiOffset: number, path: PathBuffers): void {
  recurse(tree, words, x, float32, phi, phiOffset, path, 0, 0, 0, 1, 1, -1);
}

function recurse(
  tree: FlatTree, words: Int32Array, x: ArrayLike<number>, float32: boolean, phi: Float64Array, phiOffset: number, p: PathBuffers,
  node: number, depth: number, parentStart: number, parentZero: number, parentOne: number, parentFeature: number,
): void {
  const start = parentStart + depth + 1;
  // The parent's path (depth elements) is copied so siblings can each extend it on their own.
  for (let i = 0; i < depth; i++) {
    p.feature[start + i] = p.feature[parentStart + i]!;
    p.zero[start + i] = p.zero[parentStart + i]!;
    p.one[start + i] = p.one[parentStart + i]!;
    p.weight[start + i] = p.weight[parentStart + i]!;
  }
  extendPath(p, start, depth, parentZero, parentOne, parentFeature);
  const f = tree.feature[node]!;
  if (f < 0) {
    const v = tree.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, start, depth, i);
      const e = start + i;
      const o = phiOffset + p.feature[e]!;
      phi[o] = phi[o]! + w * (p.one[e]! - p.zero[e]!) * v;
    }
    return;
  }
  const xv = x[f]!;
  const hot = nextNode(tree, words, node, float32 ? Math.fround(xv) : xv);
  const cold = hot === tree.left[node]! ? tree.right[node]! : tree.left[node]!;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature already on the path is unwound and re-added here, so each feature appears once.
  let k = 0;
  while (k <= depth && p.feature[start + k] !== f) k++;
  let d = depth;
  if (k <= depth) {
    incomingZero = p.zero[start + k]!;
    incomingOne = p.one[start + k]!;
    unwindPath(p, start, d, k);
    d -= 1;
  }
  const hotZero = coverFraction(tree, node, hot) * incomingZero;
  // A branch no training row reached and x does not take adds nothing (and would divide 0 by 0); the hot
  // branch is such a branch too when x already left the feature's path above (a repeated feature).
  if (hotZero > 0 || incomingOne > 0) recurse(tree, words, x, float32, phi, phiOffset, p, hot, d + 1, start, hotZero, incomingOne, f);
  const coldZero = coverFraction(tree, node, cold) * incomingZero;
  if (coldZero > 0) recurse(tree, words, x, float32, phi, phiOffset, p, cold, d + 1, start, coldZero, 0, f);
}

// The loops carry a dependency (nextOne) through every step: keep divisions and long products off it.
// Each function divides at most once and multiplies by reciprocals, RECIPROCAL[k] = 1 / k (unique depths never exceed maxDepth + 1 <= 66).
const RECIPROCAL = Float64Array.from({ length: 130 }, (_, k) => (k === 0 ? 0 : 1 / k));

function extendPath(p: PathBuffers, s: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[s + depth] = feature;
  p.zero[s + depth] = zero;
  p.one[s + depth] = one;
  p.weight[s + depth] = depth === 0 ? 1 : 0;
  const w = p.weight;
  const inv = 1 / (depth + 1);
  for (let i = depth - 1; i >= 0; i--) {
    w[s + i + 1] = w[s + i + 1]! + one * w[s + i]! * (i + 1) * inv;
    w[s + i] = zero * w[s + i]! * (depth - i) * inv;
  }
}

function unwindPath(p: PathBuffers, s: number, depth: number, index: number): void {
  const one = p.one[s + index]!;
  const zero = p.zero[s + index]!;
  const w = p.weight;
  let nextOne = w[s + depth]!;
  const d1 = depth + 1;
  const invD1 = 1 / d1;
  if (one !== 0) {
    const invOne = 1 / one;
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = w[s + i]!;
      w[s + i] = nextOne * (d1 * invOne * RECIPROCAL[i + 1]!);
      nextOne = tmp - w[s + i]! * (zero * (depth - i) * invD1);
    }
  } else {
    const invZero = 1 / zero;
    for (let i = depth - 1; i >= 0; i--) w[s + i] = w[s + i]! * d1 * invZero * RECIPROCAL[depth - i]!;
  }
  for (let i = index; i < depth; i++) {
    p.feature[s + i] = p.feature[s + i + 1]!;
    p.zero[s + i] = p.zero[s + i + 1]!;
    p.one[s + i] = p.one[s + i + 1]!;
  }
}

function unwoundPathSum(p: PathBuffers, s: number, depth: number, index: number): number {
  const one = p.one[s + index]!;
  const zero = p.zero[s + index]!;
  const w = p.weight;
  let nextOne = w[s + depth]!;
  let total = 0;
  if (one !== 0) {
    const invOne = 1 / one;
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = nextOne * (invOne * RECIPROCAL[i + 1]!);
      total += tmp;
      nextOne = w[s + i]! - tmp * (zero * (depth - i));
    }
  } else {
    const invZero = 1 / zero;
    for (let i = depth - 1; i >= 0; i--) total += w[s + i]! * invZero * RECIPROCAL[depth - i]!;
  }
  return total * (depth + 1);
}
