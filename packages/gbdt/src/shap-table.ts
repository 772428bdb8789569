// Exact TreeSHAP by table lookup (Fast TreeSHAP v2 style): per row, masks down the upper nodes, one lookup per block.

/*
 * Tables built by shap-table-compile.ts. A row takes three flat passes over the whole forest:
 *   1. upper nodes, parents first: the row's side at the node; the child on the other side loses the
 *      mask bit of the node's feature (mask[slot] = the path features whose every edge the row took)
 *   2. blocks: index = (mask at the block root & its path bits) | the row's side at each block node << shift,
 *      base[b] = where the block's entry for that index starts in the table
 *   3. per phi index, the sum of the block values that belong to it: a gather with loads only and no
 *      stores, which V8 compiles best; the loads do not depend on each other, so the CPU overlaps their
 *      cache misses (the table is megabytes: 11 MB for 200 trees of depth 6)
 * No polynomial work per row: a comparison per node and one add per value of a block entry.
 */

/** Ints per upper node: [feature, info, left child slot, right child slot]. */
export const UPPER_INTS = 4;
/** Ints per block: [root slot, path bits, table offset, value count, (feature, info) x 3]. */
export const BLOCK_INTS = 10;
/** info word: bits 0-4 mask bit (upper node) or index bit (block decision); then these flags. */
export const MISSING_LEFT = 1 << 5;
export const CATEGORICAL = 1 << 6;

/**
 * A compiled set of trees in two arrays (V8 checks each typed array a loop touches on every iteration, so
 * each pass touches two). Slots are the upper nodes' (in order) then the blocks'; a tree's root slot always
 * holds -1 (no feature met yet). Every index stored is absolute: into ints for slots and catRange, into
 * floats for features (the row is at the start), thresholds and table entries.
 *   ints    upper nodes   UPPER_INTS each, parents before children
 *           blocks        BLOCK_INTS each; an unused decision reads feature 0 against +Infinity with missing
 *                         values going left, so it never goes right
 *           gather        the values that add to each phi index (class offset + feature), from
 *                         ints[startAt + p] to ints[startAt + p + 1], as index of the block's base * 8 + position
 *           starts        nPhi + 1
 *           masks, bases  per row: the mask of every slot, where each block's entry starts in floats
 *           catRange      [first word in catBits, word count] per categorical node (its threshold points here)
 *   floats  row (nFeatures) | upper thresholds | block thresholds (3 each) | table
 *           table: per block, 2^bits entries of `value count` contributions each
 */
export interface ShapTables {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly catBits: Uint32Array;
  /** Whether any node is categorical (else rows without missing values take the plain passes). */
  readonly categorical: boolean;
  readonly nFeatures: number;
  readonly nUpper: number;
  readonly nBlocks: number;
  readonly nPhi: number;
  readonly blockAt: number;
  readonly startAt: number;
  readonly maskAt: number;
  readonly baseAt: number;
  readonly upperThresholdAt: number;
  readonly blockThresholdAt: number;
}

/** Adds the SHAP values of every tabulated tree to phi for the row the caller wrote to floats[0, nFeatures). */
export function tableShapInto(c: ShapTables, phi: Float64Array): void {
  const { ints, floats, catBits } = c;
  let plain = !c.categorical;
  for (let j = 0; j < c.nFeatures; j++) if (floats[j] !== floats[j]) plain = false;
  if (plain) {
    upperMasksNumeric(ints, floats, c.nUpper, c.upperThresholdAt, c.maskAt);
    blockEntriesNumeric(ints, floats, c.nBlocks, c.blockAt, c.blockThresholdAt, c.baseAt);
  } else {
    upperMasks(ints, floats, catBits, c.nUpper, c.upperThresholdAt, c.maskAt);
    blockEntries(ints, floats, catBits, c.nBlocks, c.blockAt, c.blockThresholdAt, c.baseAt);
  }
  gatherValues(ints, floats, c.nPhi, c.startAt, phi);
}

/**
 * 1 when the row goes right at a node: x > threshold (branch-free), missing values by the node's default,
 * categories by bitset (both rare or fixed per node, so their branches predict well).
 */
function goesRight(ints: Int32Array, catBits: Uint32Array, v: number, threshold: number, bits: number): number {
  let right = ((v > threshold) as unknown as number) | 0;
  if (v !== v) right = bits & 32 ? 0 : 1;
  else if (bits & 64) {
    const word = v >>> 5;
    const inSet = v >= 0 && word < ints[threshold + 1]! && ((catBits[ints[threshold]! + word]! >>> (v & 31)) & 1) === 1;
    right = inSet ? 0 : 1;
  }
  return right;
}

// Offsets come in as parameters and flags as literals (32 = MISSING_LEFT, 64 = CATEGORICAL): V8 then keeps the
// loops free of property loads and of the hole checks an imported constant costs.
function upperMasks(ints: Int32Array, floats: Float64Array, catBits: Uint32Array, n: number, thresholdAt: number, maskAt: number): void {
  for (let k = 0; k < n; k = (k + 1) | 0) {
    const o = (k << 2) | 0;
    const bits = ints[o + 1]!;
    const right = goesRight(ints, catBits, floats[ints[o]!]!, floats[thresholdAt + k]!, bits);
    const m = ints[maskAt + k]!;
    const bit = 1 << (bits & 31);
    // The side the row does not take loses the bit: left when right = 1, right when right = 0.
    const leftClear = bit & -right;
    ints[ints[o + 2]!] = m & ~leftClear;
    ints[ints[o + 3]!] = m & ~(bit ^ leftClear);
  }
}

function blockEntries(ints: Int32Array, floats: Float64Array, catBits: Uint32Array, n: number, blockAt: number, thresholdAt: number, baseAt: number): void {
  for (let b = 0; b < n; b = (b + 1) | 0) {
    const o = (blockAt + b * 10) | 0;
    const t = (thresholdAt + b * 3) | 0;
    const i0 = ints[o + 5]!;
    const i1 = ints[o + 7]!;
    const i2 = ints[o + 9]!;
    let index = ints[ints[o]!]! & ints[o + 1]!;
    index |= goesRight(ints, catBits, floats[ints[o + 4]!]!, floats[t]!, i0) << (i0 & 31);
    index |= goesRight(ints, catBits, floats[ints[o + 6]!]!, floats[t + 1]!, i1) << (i1 & 31);
    index |= goesRight(ints, catBits, floats[ints[o + 8]!]!, floats[t + 2]!, i2) << (i2 & 31);
    ints[baseAt + b] = (ints[o + 2]! + index * ints[o + 3]!) | 0;
  }
}

// The same two passes for a row without missing values through numeric nodes only: x > threshold is the
// whole rule, and dropping its two side branches saves about a tenth of the row's time.
function upperMasksNumeric(ints: Int32Array, floats: Float64Array, n: number, thresholdAt: number, maskAt: number): void {
  for (let k = 0; k < n; k = (k + 1) | 0) {
    const o = (k << 2) | 0;
    const bit = 1 << (ints[o + 1]! & 31);
    const right = ((floats[ints[o]!]! > floats[thresholdAt + k]!) as unknown as number) | 0;
    const m = ints[maskAt + k]!;
    const leftClear = bit & -right;
    ints[ints[o + 2]!] = m & ~leftClear;
    ints[ints[o + 3]!] = m & ~(bit ^ leftClear);
  }
}

function blockEntriesNumeric(ints: Int32Array, floats: Float64Array, n: number, blockAt: number, thresholdAt: number, baseAt: number): void {
  for (let b = 0; b < n; b = (b + 1) | 0) {
    const o = (blockAt + b * 10) | 0;
    const t = (thresholdAt + b * 3) | 0;
    let index = ints[ints[o]!]! & ints[o + 1]!;
    index |= (((floats[ints[o + 4]!]! > floats[t]!) as unknown as number) | 0) << (ints[o + 5]! & 31);
    index |= (((floats[ints[o + 6]!]! > floats[t + 1]!) as unknown as number) | 0) << (ints[o + 7]! & 31);
    index |= (((floats[ints[o + 8]!]! > floats[t + 2]!) as unknown as number) | 0) << (ints[o + 9]! & 31);
    ints[baseAt + b] = (ints[o + 2]! + index * ints[o + 3]!) | 0;
  }
}

/** phi[p] += the values listed for p; unrolled by four into two sums (shorter chains of dependent adds). */
function gatherValues(ints: Int32Array, floats: Float64Array, nPhi: number, startAt: number, phi: Float64Array): void {
  for (let p = 0; p < nPhi; p = (p + 1) | 0) {
    const end = ints[startAt + p + 1]!;
    let a = 0;
    let b = 0;
    let i = ints[startAt + p]!;
    for (; ((i + 3) | 0) < end; i = (i + 4) | 0) {
      const g0 = ints[i]!;
      const g1 = ints[i + 1]!;
      const g2 = ints[i + 2]!;
      const g3 = ints[i + 3]!;
      a += floats[(ints[g0 >> 3]! + (g0 & 7)) | 0]! + floats[(ints[g2 >> 3]! + (g2 & 7)) | 0]!;
      b += floats[(ints[g1 >> 3]! + (g1 & 7)) | 0]! + floats[(ints[g3 >> 3]! + (g3 & 7)) | 0]!;
    }
    for (; i < end; i = (i + 1) | 0) a += floats[(ints[ints[i]! >> 3]! + (ints[i]! & 7)) | 0]!;
    phi[p] = phi[p]! + (a + b);
  }
}
