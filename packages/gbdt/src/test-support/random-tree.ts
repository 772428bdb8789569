// Random FlatTrees and rows for the naive-twin tests of the predictor and the explainers.
import type { Rng } from '../random.js';
import type { FlatTree } from '../tree.js';

/**
 * A random tree over p features (feature 0 categorical with 40 codes when cat): features repeat along paths,
 * some children have zero cover, missing values go either way; depth up to maxDepth.
 */
export function randomTree(rng: Rng, p: number, maxDepth: number, cat: boolean): FlatTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const catOffset: number[] = [];
  const catBits: number[] = [];
  const grow = (depth: number, c: number): number => {
    const i = feature.length;
    const leaf = depth >= maxDepth || (depth > 0 && rng.nextFloat() < 0.2);
    const f = leaf ? -1 : rng.nextInt(p);
    feature.push(f);
    threshold.push(leaf ? 0 : rng.nextFloat());
    missingLeft.push(rng.nextInt(2));
    left.push(-1);
    right.push(-1);
    value.push(leaf ? rng.nextFloat() * 4 - 2 : 0);
    cover.push(c);
    catOffset.push(-1);
    if (leaf) return i;
    if (cat && f === 0) {
      catOffset[i] = catBits.length;
      catBits.push(rng.nextInt(2 ** 31), rng.nextInt(256));
    }
    const share = rng.nextFloat() < 0.1 ? 0 : rng.nextFloat();
    left[i] = grow(depth + 1, c * share);
    right[i] = grow(depth + 1, c * (1 - share));
    return i;
  };
  grow(0, 10 + rng.nextFloat() * 100);
  const n = feature.length;
  return {
    feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), missingLeft: Uint8Array.from(missingLeft),
    left: Int32Array.from(left), right: Int32Array.from(right), value: Float64Array.from(value), cover: Float64Array.from(cover),
    gain: new Float64Array(n), catOffset: Int32Array.from(catOffset), catBits: Uint32Array.from(catBits),
  };
}

export function randomRow(rng: Rng, p: number, cat: boolean): Float64Array {
  return Float64Array.from({ length: p }, (_, j) => (rng.nextFloat() < 0.15 ? NaN : cat && j === 0 ? rng.nextInt(45) : rng.nextFloat()));
}


/** The tree with about a third of its numeric thresholds set to +Infinity or -Infinity (in place). */
export function infiniteThresholds(rng: Rng, tree: FlatTree): FlatTree {
  for (let i = 0; i < tree.feature.length; i++) {
    if (tree.feature[i]! >= 0 && tree.catOffset[i]! < 0 && rng.nextFloat() < 0.35) tree.threshold[i] = rng.nextInt(2) ? Infinity : -Infinity;
  }
  return tree;
}

/** The row with about a fifth of its numeric values set to +Infinity or -Infinity (in place; feature 0 kept when cat). */
export function infiniteValues(rng: Rng, row: Float64Array, cat: boolean): Float64Array {
  for (let j = cat ? 1 : 0; j < row.length; j++) if (rng.nextFloat() < 0.2) row[j] = rng.nextInt(2) ? Infinity : -Infinity;
  return row;
}

/** The tree with each categorical split given `words` random bitset words (32 categories each). */
export function widenCategories(rng: Rng, tree: FlatTree, words: number): FlatTree {
  const catOffset = Int32Array.from(tree.catOffset);
  const catBits: number[] = [];
  for (let i = 0; i < catOffset.length; i++) {
    if (catOffset[i]! < 0) continue;
    catOffset[i] = catBits.length;
    for (let w = 0; w < words; w++) catBits.push(rng.nextInt(2 ** 31) * 2 + rng.nextInt(2));
  }
  return { ...tree, catOffset, catBits: Uint32Array.from(catBits) };
}
