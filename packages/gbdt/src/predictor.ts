// Prediction over a Forest: all trees packed into one set of typed arrays, walked without allocation.
import { GbdtError } from './api.js';
import { catWordsPerNode, leafOf } from './decide.js';
import type { Forest, FlatTree } from './tree.js';
import type { FeatureInfo, Matrix } from './types.js';

/**
 * The forest compiled for speed. Every tree is renumbered breadth-first into one set of arrays, with the
 * two children of node n at child[n] (left) and child[n] + 1 (right), so one loop walks every tree:
 *
 *   feat[n] >= 0       numeric split on feature feat[n]: right when x > thr[n], missing -> miss[n]
 *   feat[n] === -1     leaf, value val[n]
 *   feat[n] <= -2      categorical split on feature -2 - feat[n]: left when bit x of bits[catOff[n] ...] is set
 *
 * The numeric step is branch-free (n = child[n] + (x > thr[n])): the comparison is data-dependent and
 * would be mispredicted half the time as a branch. Missing values and categorical nodes take a
 * predictable side branch.
 */
export class ForestPredictor {
  readonly nClasses: number;
  readonly nFeatures: number;
  readonly float32: boolean;
  private readonly feat: Int32Array;
  private readonly thr: Float64Array;
  private readonly child: Int32Array;
  private readonly miss: Uint8Array;
  private readonly val: Float64Array;
  private readonly catOff: Int32Array;
  private readonly catLimit: Int32Array;
  private readonly bits: Uint32Array;
  private readonly roots: Int32Array;
  private readonly cls: Int32Array;
  private readonly base: Float64Array;
  /** Categorical features, their category counts (-1 = unknown: only integer >= 0 is checked) and names. */
  private readonly catFeatures: Int32Array;
  private readonly catCounts: Int32Array;
  private readonly names: readonly string[];

  constructor(forest: Forest, features: readonly FeatureInfo[]) {
    this.nClasses = forest.nClasses;
    this.nFeatures = forest.nFeatures;
    this.float32 = forest.float32;
    let nNodes = 0;
    let nWords = 0;
    for (const t of forest.trees) {
      nNodes += t.feature.length;
      nWords += t.catBits.length;
    }
    this.feat = new Int32Array(nNodes);
    this.thr = new Float64Array(nNodes);
    this.child = new Int32Array(nNodes);
    this.miss = new Uint8Array(nNodes);
    this.val = new Float64Array(nNodes);
    this.catOff = new Int32Array(nNodes);
    this.catLimit = new Int32Array(nNodes);
    this.bits = new Uint32Array(nWords);
    this.roots = new Int32Array(forest.trees.length);
    this.cls = Int32Array.from(forest.treeClass);
    this.base = Float64Array.from(forest.baseScore, (b) => (forest.float32 ? Math.fround(b) : b));
    let nodeBase = 0;
    let wordBase = 0;
    forest.trees.forEach((t, k) => {
      this.pack(t, nodeBase, wordBase);
      this.roots[k] = nodeBase;
      nodeBase += t.feature.length;
      wordBase += t.catBits.length;
    });
    const cats = features.flatMap((f, j) => (f.type === 'categorical' ? [j] : []));
    this.catFeatures = Int32Array.from(cats);
    this.catCounts = Int32Array.from(cats, (j) => features[j]!.categories?.length ?? -1);
    this.names = features.map((f) => f.name);
  }

  /** Copies one tree in breadth-first order (children adjacent) starting at global node nodeBase. */
  private pack(t: FlatTree, nodeBase: number, wordBase: number): void {
    const words = catWordsPerNode(t);
    const order = [0];
    const position = new Int32Array(t.feature.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      position[i] = k;
      if (t.feature[i]! >= 0) order.push(t.left[i]!, t.right[i]!);
    }
    order.forEach((i, k) => {
      const g = nodeBase + k;
      const isLeaf = t.feature[i]! < 0;
      const categorical = !isLeaf && t.catOffset[i]! >= 0;
      this.feat[g] = categorical ? -2 - t.feature[i]! : t.feature[i]!;
      this.thr[g] = categorical ? NaN : t.threshold[i]!;
      this.child[g] = isLeaf ? -1 : nodeBase + position[t.left[i]!]!;
      this.miss[g] = t.missingLeft[i]!;
      this.val[g] = t.value[i]!;
      this.catOff[g] = categorical ? wordBase + t.catOffset[i]! : -1;
      this.catLimit[g] = words[i]! * 32;
    });
    this.bits.set(t.catBits, wordBase);
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
    if (this.nClasses === 1) {
      out[outOff] = this.float32 ? this.sum32(x, off) : this.sum(x, off);
      return;
    }
    const nTrees = this.roots.length;
    const val = this.val;
    const cls = this.cls;
    for (let c = 0; c < this.nClasses; c++) out[outOff + c] = this.base[c]!;
    for (let t = 0; t < nTrees; t++) {
      const o = outOff + cls[t]!;
      if (this.float32) out[o] = Math.fround(out[o]! + val[this.leaf(this.roots[t]!, x, off, true)]!);
      else out[o] = out[o]! + val[this.leaf(this.roots[t]!, x, off, false)]!;
    }
  }

  /** Raw margins of every row, row-major (nRows x nClasses). */
  predictRawMatrix(X: Matrix): Float64Array {
    const { nRows, nFeatures, values } = X;
    const K = this.nClasses;
    const out = new Float64Array(nRows * K);
    const checkCats = this.catFeatures.length > 0;
    for (let i = 0; i < nRows; i++) {
      if (checkCats) this.checkCategories(values, i * nFeatures, i);
      this.marginsInto(values, i * nFeatures, out, i * K);
    }
    return out;
  }

  /** Single-output margin: every tree walked in one loop (the hot path of predictRow). */
  private sum(x: ArrayLike<number>, off: number): number {
    const feat = this.feat;
    const thr = this.thr;
    const child = this.child;
    const roots = this.roots;
    let s = this.base[0]!;
    for (let t = 0; t < roots.length; t++) {
      let n = roots[t]!;
      let f = feat[n]!;
      for (;;) {
        if (f >= 0) {
          const v = x[off + f]!;
          n = v === v ? child[n]! + (((v > thr[n]!) as unknown as number) | 0) : child[n]! + 1 - this.miss[n]!;
        } else if (f === -1) break;
        else n = this.categoricalNext(n, x[off - 2 - f]!);
        f = feat[n]!;
      }
      s += this.val[n]!;
    }
    return s;
  }

  /** As sum(), with inputs rounded to float32 and the margin summed in float32 (XGBoost semantics). */
  private sum32(x: ArrayLike<number>, off: number): number {
    const roots = this.roots;
    let s = this.base[0]!;
    for (let t = 0; t < roots.length; t++) s = Math.fround(s + this.val[this.leaf(roots[t]!, x, off, true)]!);
    return s;
  }

  /** Leaf of the tree rooted at global node `root` (float32: inputs rounded to float32 first). */
  private leaf(root: number, x: ArrayLike<number>, off: number, float32: boolean): number {
    const feat = this.feat;
    const thr = this.thr;
    const child = this.child;
    let n = root;
    let f = feat[n]!;
    for (;;) {
      if (f >= 0) {
        const v = float32 ? Math.fround(x[off + f]!) : x[off + f]!;
        n = v === v ? child[n]! + (((v > thr[n]!) as unknown as number) | 0) : child[n]! + 1 - this.miss[n]!;
      } else if (f === -1) return n;
      else n = this.categoricalNext(n, float32 ? Math.fround(x[off - 2 - f]!) : x[off - 2 - f]!);
      f = feat[n]!;
    }
  }

  /** Child of categorical node n for category code v (NaN: the learned missing side; unknown code: right). */
  private categoricalNext(n: number, v: number): number {
    const left = this.child[n]!;
    if (v !== v) return this.miss[n] ? left : left + 1;
    const co = this.catOff[n]!;
    return v < this.catLimit[n]! && (this.bits[co + (v >>> 5)]! >>> (v & 31)) & 1 ? left : left + 1;
  }
}

/** Adds one tree's leaf values for every row of X to out[outOffset + i] (validation margins during training). */
export function addTreeMargins(tree: FlatTree, X: Matrix, out: Float64Array, outOffset: number): void {
  const words = catWordsPerNode(tree);
  const { nRows, nFeatures, values } = X;
  for (let i = 0; i < nRows; i++) {
    out[outOffset + i] = out[outOffset + i]! + tree.value[leafOf(tree, words, values, i * nFeatures, false)]!;
  }
}
