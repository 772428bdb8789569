// The split rule of a FlatTree node, shared by every traversal that is not the compiled predictor's loop.
import type { FlatTree } from './tree.js';

/**
 * How many catBits words each categorical node owns (0 for numeric nodes): from its offset to the next
 * larger offset in the tree, or to the end of catBits. A category code beyond them goes right.
 */
export function catWordsPerNode(tree: FlatTree): Int32Array {
  const n = tree.feature.length;
  const words = new Int32Array(n);
  const offsets = Array.from(new Set(Array.from(tree.catOffset).filter((o) => o >= 0))).sort((a, b) => a - b);
  const end = new Map<number, number>();
  offsets.forEach((o, k) => end.set(o, k + 1 < offsets.length ? offsets[k + 1]! : tree.catBits.length));
  for (let i = 0; i < n; i++) {
    const o = tree.catOffset[i]!;
    if (o >= 0 && tree.feature[i]! >= 0) words[i] = end.get(o)! - o;
  }
  return words;
}

/**
 * Child of internal node i for feature value v (callers pass Math.fround(v) for float32 forests).
 *   numeric:     v <= threshold -> left; NaN -> missingLeft
 *   categorical: bit v of the node's bitset set -> left; NaN -> missingLeft; code beyond the bitset -> right
 */
export function nextNode(tree: FlatTree, catWords: Int32Array, i: number, v: number): number {
  if (v !== v) return tree.missingLeft[i] ? tree.left[i]! : tree.right[i]!;
  const o = tree.catOffset[i]!;
  if (o < 0) return v <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!;
  const word = v >>> 5;
  const inSet = v >= 0 && word < catWords[i]! && ((tree.catBits[o + word]! >>> (v & 31)) & 1) === 1;
  return inSet ? tree.left[i]! : tree.right[i]!;
}

/** Leaf reached by the row starting at values[offset]. */
export function leafOf(tree: FlatTree, catWords: Int32Array, values: ArrayLike<number>, offset: number, float32: boolean): number {
  let i = 0;
  for (;;) {
    const f = tree.feature[i]!;
    if (f < 0) return i;
    const v = values[offset + f]!;
    i = nextNode(tree, catWords, i, float32 ? Math.fround(v) : v);
  }
}
