// The forest packed for prediction (predictor.ts): every tree's nodes in one set of typed arrays, breadth-first.
import { catWordsPerNode } from './decide.js';
import type { FlatTree, Forest } from './tree.js';

/** Copies of each row in a block (see predictor.ts), and the codes of the third copy beyond the categories. */
export const ROW_COPIES = 3;
export const MISSING_CODE = 126;
export const OTHER_CODE = 127;
/** Categories a split may have to be ruled by rbits: whole words of its bitset below MISSING_CODE. */
const MAX_TABLE_CATEGORIES = 96;

/** The arrays of ForestPredictor's layout (see predictor.ts); depth[t] is the number of steps from root to deepest leaf; nFeatures is the row's width before it is copied. */
export interface PackedForest {
  readonly feat: Int32Array;
  readonly thr: Float64Array;
  readonly child: Int32Array;
  readonly missRight: Uint8Array;
  readonly val: Float64Array;
  readonly rOff: Int32Array;
  readonly rbits: Uint32Array;
  readonly catOff: Int32Array;
  readonly catLimit: Int32Array;
  readonly bits: Uint32Array;
  readonly roots: Int32Array;
  readonly depth: Int32Array;
  readonly cls: Int32Array;
  readonly nFeatures: number;
}

export function packForest(forest: Forest): PackedForest {
  let nNodes = 0;
  let nWords = 0;
  let nRuled = 0;
  for (const t of forest.trees) {
    nNodes += t.feature.length;
    nWords += t.catBits.length;
    const words = catWordsPerNode(t);
    for (let i = 0; i < t.feature.length; i++) if (ruledByBits(t, words, i)) nRuled++;
  }
  const p = {
    feat: new Int32Array(nNodes), thr: new Float64Array(nNodes), child: new Int32Array(nNodes), missRight: new Uint8Array(nNodes),
    val: new Float64Array(nNodes), rOff: new Int32Array(nNodes).fill(-1), rbits: new Uint32Array(4 * nRuled),
    catOff: new Int32Array(nNodes), catLimit: new Int32Array(nNodes), bits: new Uint32Array(nWords),
    roots: new Int32Array(forest.trees.length), depth: new Int32Array(forest.trees.length), cls: Int32Array.from(forest.treeClass),
    nFeatures: forest.nFeatures,
  };
  let nodeBase = 0;
  let wordBase = 0;
  const ruled = { next: 0 };
  forest.trees.forEach((t, k) => {
    p.roots[k] = nodeBase;
    p.depth[k] = packTree(p, t, nodeBase, wordBase, ruled);
    p.bits.set(t.catBits, wordBase);
    nodeBase += t.feature.length;
    wordBase += t.catBits.length;
  });
  return p;
}

/**
 * Whether internal node i goes by rbits rather than by x > threshold: a categorical split with at most
 * MAX_TABLE_CATEGORIES categories, or a numeric one that sends missing values right of a threshold that no
 * +Infinity exceeds (+Infinity; NaN is refused when a forest is loaded).
 */
function ruledByBits(t: FlatTree, words: Int32Array, i: number): boolean {
  if (t.feature[i]! < 0) return false;
  if (t.catOffset[i]! >= 0) return words[i]! * 32 <= MAX_TABLE_CATEGORIES;
  return !t.missingLeft[i] && !(t.threshold[i]! < Infinity);
}

/** rbits of node i (4 words from r): bit c = 1 when a row whose third copy holds c goes right. */
function fillRuleBits(p: PackedForest, t: FlatTree, words: Int32Array, i: number, r: number): void {
  const categorical = t.catOffset[i]! >= 0;
  for (let c = 0; c < 128; c++) {
    let right: number;
    if (c === MISSING_CODE) right = t.missingLeft[i] ? 0 : 1;
    else if (!categorical || c === OTHER_CODE) right = categorical ? 1 : 0;
    else right = c < words[i]! * 32 && ((t.catBits[t.catOffset[i]! + (c >>> 5)]! >>> (c & 31)) & 1) === 1 ? 0 : 1;
    if (right) p.rbits[r + (c >>> 5)] = p.rbits[r + (c >>> 5)]! | (1 << (c & 31));
  }
}

/** Copies one tree in breadth-first order (children adjacent) from global node nodeBase; returns its depth. */
function packTree(p: PackedForest, t: FlatTree, nodeBase: number, wordBase: number, ruled: { next: number }): number {
  const words = catWordsPerNode(t);
  const order = [0];
  const position = new Int32Array(t.feature.length);
  const level = new Int32Array(t.feature.length);
  let depth = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    position[i] = k;
    depth = Math.max(depth, level[i]!);
    if (t.feature[i]! >= 0) {
      level[t.left[i]!] = level[i]! + 1;
      level[t.right[i]!] = level[i]! + 1;
      order.push(t.left[i]!, t.right[i]!);
    }
  }
  order.forEach((i, k) => {
    const g = nodeBase + k;
    p.val[g] = t.value[i]!;
    p.catOff[g] = -1;
    if (t.feature[i]! < 0) {
      p.thr[g] = Infinity;
      p.child[g] = g;
      return;
    }
    const categorical = t.catOffset[i]! >= 0;
    const F = p.nFeatures;
    if (ruledByBits(t, words, i)) {
      p.feat[g] = -1 - (2 * F + t.feature[i]!);
      p.rOff[g] = 4 * ruled.next++;
      fillRuleBits(p, t, words, i, p.rOff[g]!);
    } else if (categorical) p.feat[g] = -1 - t.feature[i]!;
    else p.feat[g] = t.missingLeft[i] ? t.feature[i]! : F + t.feature[i]!;
    p.thr[g] = categorical ? NaN : t.threshold[i]!;
    p.child[g] = nodeBase + position[t.left[i]!]!;
    p.missRight[g] = t.missingLeft[i]! ? 0 : 1;
    if (categorical) {
      p.catOff[g] = wordBase + t.catOffset[i]!;
      p.catLimit[g] = words[i]! * 32;
    }
  });
  return depth;
}
