// Prediction over a Forest: all trees packed into one set of typed arrays, walked without allocation.
import { GbdtError } from './api.js';
import { catWordsPerNode, leafOf } from './decide.js';
import { MISSING_CODE, OTHER_CODE, packForest, ROW_COPIES, type PackedForest } from './forest-pack.js';
import type { Forest, FlatTree } from './tree.js';
import type { FeatureInfo, Matrix } from './types.js';

/**
 * The forest compiled for speed. Every tree is renumbered breadth-first into one set of arrays, with the
 * two children of node n at child[n] (left) and child[n] + 1 (right):
 *
 *   feat[n] >= 0    numeric split: right when x > thr[n], x read at feat[n] of the row's copies (below), so
 *                   missing values go the node's way with no test
 *   feat[n] < 0     split read at -1 - feat[n] on a side branch:
 *                     rOff[n] >= 0  bit c of rbits[rOff[n] ...] (4 words) is 1 when the row goes right, c the
 *                                   row's code: categorical splits with at most 96 categories, and numeric
 *                                   ones with missing values right of a threshold +Infinity (only c = 126)
 *                     rOff[n] = -1  categorical splits with more categories (left when bit x of
 *                                   bits[catOff[n] ...] is set; missing -> missRight[n])
 *   leaf            feat 0, thr +Infinity, child[n] = n: every step stays put
 *
 * Rows are copied three times side by side (ROW_COPIES): [x | x, missing as +Infinity | code] (nFeatures
 * each). A numeric node that sends missing values left reads the first (NaN > thr is false), one that sends
 * them right the second (+Infinity > thr is true for any threshold below +Infinity). The code is the
 * category code c = trunc(x) for -1 < x < 126, 126 for a missing value and 127 for anything else, which
 * the bitset rules exactly as bits[catOff] would. Testing for NaN at every step cost about a sixth of batch
 * prediction's time; calling out to the bitset rule at categorical nodes about a fifth more (bench's synth
 * model, 1,453 categorical nodes in 200 trees).
 *
 * Leaves that loop on themselves let a walk take a fixed number of steps (the tree's depth) with no test
 * for "leaf reached", so several walks run in lockstep and the CPU overlaps their memory loads: a walk is
 * a chain of dependent loads (node -> feature -> value -> child), and one chain alone leaves it idle.
 *
 *   batch:  a block of rows is copied into a Float64Array, then tree by tree, 8 rows at a time (13% more
 *           rows/s than 4 on a 200-tree depth-6 model):
 *             n0..n7 = root; repeat depth[t] times: n_r = step(row r, n_r); out[r] += val[n_r]
 *   one row: 4 trees at a time: n0..n3 = roots of t..t+3; margins add val[n0], ..., val[n3] in tree order
 *
 * Each row's margin still adds the trees' leaf values in tree order, so results are bitwise those of a
 * plain walk of one row through one tree after another (the naive twin in predictor.test.ts).
 */
export class ForestPredictor {
  readonly nClasses: number;
  readonly nFeatures: number;
  readonly float32: boolean;
  private readonly packed: PackedForest;
  private readonly base: Float64Array;
  /** Rows being predicted, ROW_COPIES copies each (see above; rounded for float32 forests) so the walks read one array type. */
  private readonly block: Float64Array;
  /** Categorical features, their category counts (-1 = unknown: only integer >= 0 is checked) and names. */
  private readonly catFeatures: Int32Array;
  private readonly catCounts: Int32Array;
  private readonly names: readonly string[];

  /** From compileForest; the compiled arrays are only read, so several predictors (threads) may share them. */
  constructor(compiled: CompiledForest) {
    this.nClasses = compiled.nClasses;
    this.nFeatures = compiled.nFeatures;
    this.float32 = compiled.float32;
    this.packed = compiled.packed;
    this.base = compiled.base;
    this.block = new Float64Array(BLOCK_ROWS * ROW_COPIES * compiled.nFeatures);
    this.catFeatures = compiled.catFeatures;
    this.catCounts = compiled.catCounts;
    this.names = compiled.names;
  }

  /** Throws GBDT_UNKNOWN_CATEGORY when a categorical value of the row is not a known category code. */
  checkCategories(x: ArrayLike<number>, off: number, row: number | undefined): void {
    const feats = this.catFeatures;
    for (let k = 0; k < feats.length; k++) {
      const j = feats[k]!;
      const v = x[off + j]!;
      if (v !== v) continue;
      const limit = this.catCounts[k]!;
      if (Math.floor(v) !== v || v < 0 || (limit >= 0 && v >= limit)) {
        const where = row === undefined ? '' : `row ${row}, `;
        const known = limit >= 0 ? `0..${limit - 1}` : 'integers >= 0';
        throw new GbdtError('GBDT_UNKNOWN_CATEGORY', `${where}feature '${this.names[j]}': unknown category code ${v} (known: ${known})`, { row, column: this.names[j] });
      }
    }
  }

  /** Raw margins of the row at x[off ..] into out[outOff .. outOff + nClasses). Categories must be checked. */
  marginsInto(x: ArrayLike<number>, off: number, out: Float64Array, outOff: number): void {
    this.copyRows(x, off, 1);
    for (let c = 0; c < this.nClasses; c++) out[outOff + c] = this.base[c]!;
    rowMargins(this.packed, this.block, out, outOff, this.float32);
  }

  /** Raw margins of every row, row-major (nRows x nClasses). */
  predictRawMatrix(X: Matrix): Float64Array {
    const out = new Float64Array(X.nRows * this.nClasses);
    this.predictRawRows(X, 0, X.nRows, out);
    return out;
  }

  /**
   * Raw margins of rows start .. end - 1 into out[start * K .. end * K) (row-major, K = nClasses); other
   * entries of out are left alone, so threads can fill their own row ranges of one output. Each row's
   * result does not depend on the range it is predicted in. Throws GBDT_UNKNOWN_CATEGORY naming the
   * first bad row of the range.
   */
  predictRawRows(X: Matrix, start: number, end: number, out: Float64Array): void {
    const { nFeatures, values } = X;
    const K = this.nClasses;
    const checkCats = this.catFeatures.length > 0;
    for (let first = start; first < end; first += BLOCK_ROWS) {
      const n = Math.min(BLOCK_ROWS, end - first);
      if (checkCats) for (let i = first; i < first + n; i++) this.checkCategories(values, i * nFeatures, i);
      this.copyRows(values, first * nFeatures, n);
      for (let i = first; i < first + n; i++) for (let c = 0; c < K; c++) out[i * K + c] = this.base[c]!;
      blockMargins(this.packed, this.block, n, out, first * K, K, this.float32);
    }
  }

  private copyRows(x: ArrayLike<number>, off: number, nRows: number): void {
    const block = this.block;
    const F = this.nFeatures;
    const float32 = this.float32;
    // Int32 locals: the imported constants used as they are cost about 7% of batch prediction (measured, bench synth model).
    const stride = (ROW_COPIES * F) | 0;
    const missing = MISSING_CODE | 0;
    const other = OTHER_CODE | 0;
    for (let i = 0; i < nRows; i++) {
      const b = stride * i;
      const s = off + F * i;
      for (let j = 0; j < F; j++) {
        const v = float32 ? Math.fround(x[s + j]!) : x[s + j]!;
        block[b + j] = v;
        block[b + F + j] = v === v ? v : Infinity;
        block[b + 2 * F + j] = v !== v ? missing : v > -1 && v < missing ? Math.trunc(v) : other;
      }
    }
  }
}

/** Rows per block of batch prediction: 64 rows of 50 features, copied three times, are 77 KB, which stay in the L2 cache (32 or 128 rows predicted as fast). */
const BLOCK_ROWS = 64;
/**
 * Everything a ForestPredictor reads, as typed arrays and plain values only, so that it can be posted to a
 * worker thread (its arrays copied into SharedArrayBuffers once and shared by every thread).
 */
export interface CompiledForest {
  readonly nClasses: number;
  readonly nFeatures: number;
  readonly float32: boolean;
  readonly packed: PackedForest;
  /** Base score per class (rounded to float32 for float32 forests). */
  readonly base: Float64Array;
  readonly catFeatures: Int32Array;
  readonly catCounts: Int32Array;
  readonly names: readonly string[];
}

/** Packs the forest into ForestPredictor's layout and gathers what category checks need from features. */
export function compileForest(forest: Forest, features: readonly FeatureInfo[]): CompiledForest {
  const cats = features.flatMap((f, j) => (f.type === 'categorical' ? [j] : []));
  return {
    nClasses: forest.nClasses,
    nFeatures: forest.nFeatures,
    float32: forest.float32,
    packed: packForest(forest),
    base: Float64Array.from(forest.baseScore, (b) => (forest.float32 ? Math.fround(b) : b)),
    catFeatures: Int32Array.from(cats),
    catCounts: Int32Array.from(cats, (j) => features[j]!.categories?.length ?? -1),
    names: features.map((f) => f.name),
  };
}

/**
 * One step of a walk from node n for the row at x[o ..] (its copies): the numeric test is branch-free (the
 * comparison is data-dependent and would be mispredicted half the time as a branch); nodes ruled by bits take
 * a side branch, still without a call, and categorical splits with more categories a call. Unknown category
 * codes and codes beyond the bitset go right.
 */
function step(feat: Int32Array, thr: Float64Array, child: Int32Array, rOff: Int32Array, rbits: Uint32Array, p: PackedForest, x: Float64Array, o: number, n: number): number {
  const f = feat[n]!;
  if (f >= 0) return child[n]! + (((x[o + f]! > thr[n]!) as unknown as number) | 0);
  const r = rOff[n]!;
  const c = x[o - 1 - f]!;
  if (r >= 0) return child[n]! + ((rbits[r + (c >> 5)]! >>> c) & 1);
  return categoricalStep(p, c, n);
}

function categoricalStep(p: PackedForest, v: number, n: number): number {
  if (v !== v) return p.child[n]! + p.missRight[n]!;
  return p.child[n]! + (v < p.catLimit[n]! && (p.bits[p.catOff[n]! + (v >>> 5)]! >>> (v & 31)) & 1 ? 0 : 1);
}

/** Adds every tree's leaf value for the row in x[0 ..] (its copies) to out[outOff + class], four trees in lockstep. */
function rowMargins(p: PackedForest, x: Float64Array, out: Float64Array, outOff: number, float32: boolean): void {
  const { roots, depth, val, cls, feat, thr, child, rOff, rbits } = p;
  const nTrees = roots.length;
  let t = 0;
  for (; t + 4 <= nTrees; t += 4) {
    let n0 = roots[t]!;
    let n1 = roots[t + 1]!;
    let n2 = roots[t + 2]!;
    let n3 = roots[t + 3]!;
    for (let d = Math.max(depth[t]!, depth[t + 1]!, depth[t + 2]!, depth[t + 3]!); d > 0; d--) {
      n0 = step(feat, thr, child, rOff, rbits, p, x, 0, n0);
      n1 = step(feat, thr, child, rOff, rbits, p, x, 0, n1);
      n2 = step(feat, thr, child, rOff, rbits, p, x, 0, n2);
      n3 = step(feat, thr, child, rOff, rbits, p, x, 0, n3);
    }
    addLeaf(out, outOff + cls[t]!, val[n0]!, float32);
    addLeaf(out, outOff + cls[t + 1]!, val[n1]!, float32);
    addLeaf(out, outOff + cls[t + 2]!, val[n2]!, float32);
    addLeaf(out, outOff + cls[t + 3]!, val[n3]!, float32);
  }
  for (; t < nTrees; t++) {
    let n = roots[t]!;
    for (let d = depth[t]!; d > 0; d--) n = step(feat, thr, child, rOff, rbits, p, x, 0, n);
    addLeaf(out, outOff + cls[t]!, val[n]!, float32);
  }
}

/** Adds every tree's leaf values for the nRows rows of x (row-major, ROW_COPIES copies of each row) to out[outOff + i * K + class]. */
function blockMargins(p: PackedForest, x: Float64Array, nRows: number, out: Float64Array, outOff: number, K: number, float32: boolean): void {
  const { roots, depth, val, cls, feat, thr, child, rOff, rbits } = p;
  const F = (ROW_COPIES * p.nFeatures) | 0;
  for (let t = 0; t < roots.length; t++) {
    const root = roots[t]!;
    const steps = depth[t]!;
    const o = outOff + cls[t]!;
    let i = 0;
    for (; i + 8 <= nRows; i += 8) {
      const x0 = i * F;
      let n0 = root;
      let n1 = root;
      let n2 = root;
      let n3 = root;
      let n4 = root;
      let n5 = root;
      let n6 = root;
      let n7 = root;
      for (let d = steps; d > 0; d--) {
        n0 = step(feat, thr, child, rOff, rbits, p, x, x0, n0);
        n1 = step(feat, thr, child, rOff, rbits, p, x, x0 + F, n1);
        n2 = step(feat, thr, child, rOff, rbits, p, x, x0 + 2 * F, n2);
        n3 = step(feat, thr, child, rOff, rbits, p, x, x0 + 3 * F, n3);
        n4 = step(feat, thr, child, rOff, rbits, p, x, x0 + 4 * F, n4);
        n5 = step(feat, thr, child, rOff, rbits, p, x, x0 + 5 * F, n5);
        n6 = step(feat, thr, child, rOff, rbits, p, x, x0 + 6 * F, n6);
        n7 = step(feat, thr, child, rOff, rbits, p, x, x0 + 7 * F, n7);
      }
      const q = o + i * K;
      // Written out rather than through addLeaf: the call costs about 10% here (V8 stops inlining).
      if (float32) {
        out[q] = Math.fround(out[q]! + val[n0]!);
        out[q + K] = Math.fround(out[q + K]! + val[n1]!);
        out[q + 2 * K] = Math.fround(out[q + 2 * K]! + val[n2]!);
        out[q + 3 * K] = Math.fround(out[q + 3 * K]! + val[n3]!);
        out[q + 4 * K] = Math.fround(out[q + 4 * K]! + val[n4]!);
        out[q + 5 * K] = Math.fround(out[q + 5 * K]! + val[n5]!);
        out[q + 6 * K] = Math.fround(out[q + 6 * K]! + val[n6]!);
        out[q + 7 * K] = Math.fround(out[q + 7 * K]! + val[n7]!);
      } else {
        out[q] = out[q]! + val[n0]!;
        out[q + K] = out[q + K]! + val[n1]!;
        out[q + 2 * K] = out[q + 2 * K]! + val[n2]!;
        out[q + 3 * K] = out[q + 3 * K]! + val[n3]!;
        out[q + 4 * K] = out[q + 4 * K]! + val[n4]!;
        out[q + 5 * K] = out[q + 5 * K]! + val[n5]!;
        out[q + 6 * K] = out[q + 6 * K]! + val[n6]!;
        out[q + 7 * K] = out[q + 7 * K]! + val[n7]!;
      }
    }
    for (; i < nRows; i++) {
      let n = root;
      for (let d = steps; d > 0; d--) n = step(feat, thr, child, rOff, rbits, p, x, i * F, n);
      addLeaf(out, o + i * K, val[n]!, float32);
    }
  }
}

/** out[k] += v, in float32 for float32 forests (XGBoost sums margins in float32, tree by tree). */
function addLeaf(out: Float64Array, k: number, v: number, float32: boolean): void {
  out[k] = float32 ? Math.fround(out[k]! + v) : out[k]! + v;
}

/** Adds one tree's leaf values for every row of X to out[outOffset + i] (validation margins during training). */
export function addTreeMargins(tree: FlatTree, X: Matrix, out: Float64Array, outOffset: number): void {
  const words = catWordsPerNode(tree);
  const { nRows, nFeatures, values } = X;
  for (let i = 0; i < nRows; i++) {
    out[outOffset + i] = out[outOffset + i]! + tree.value[leafOf(tree, words, values, i * nFeatures, false)]!;
  }
}
