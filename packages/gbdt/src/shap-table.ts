// Exact TreeSHAP by table lookup (Fast TreeSHAP v2 style): per row, masks down the upper nodes, one lookup per block.

/*
 * Tables built by shap-table-compile.ts. A row takes four flat passes over the whole forest:
 *   0. a copy of the row with missing values as +Infinity (nodes that send them right read it; the others
 *      read the row, where NaN > threshold is false), and per special node (categorical, about 7 per tree)
 *      its side as 0 or 1, copied from the side table of the feature's code (shap-table-sides.ts) where it
 *      has one: every decision below is then x > threshold on one float, with no branch (the
 *      missing and categorical branches cost about a fifth of the row's time on the bench's synth model)
 *   1. upper nodes, parents first: the row's side at the node; the child on the other side loses the
 *      mask bit of the node's feature (mask[slot] = the path features whose every edge the row took)
 *   2. blocks: index = (mask at the block root & its path bits) | the row's side at each block node << shift,
 *      base[b] = where the block's entry for that index starts in the table
 *   3. per phi index, the sum of the block values that belong to it: a gather with loads only and no
 *      stores, which V8 compiles best; the loads do not depend on each other, so the CPU overlaps their
 *      cache misses (the table is megabytes: 11 to 16 MB for 200 trees of depth 6 in float64, half in float32)
 * No polynomial work per row: a comparison per node and one add per value of a block entry.
 */

/** Ints per upper node: [float slot read, mask bit, left child slot, right child slot]. */
export const UPPER_INTS = 4;
/** Ints per block: [root slot, path bits, table offset, value count, (float slot read, index bit) x 3]. */
export const BLOCK_INTS = 10;
/** Ints per feature with a side table (shap-table-sides.ts): [feature, first special slot, node count, code limit, offset in sides]. */
export const SIDE_INTS = 5;
/** Ints per special node: [feature, info]. */
export const SPECIAL_INTS = 2;
/** info word (compiler and special nodes): bits 0-4 mask bit (upper node) or index bit (block decision); then these flags. */
export const MISSING_LEFT = 1 << 5;
export const CATEGORICAL = 1 << 6;

/**
 * A compiled set of trees in three arrays (V8 checks each typed array a loop touches on every iteration, so
 * each pass touches two). Slots are the upper nodes' (in order) then the blocks'; a tree's root slot always
 * holds -1 (no feature met yet). Every index stored is absolute: into ints for slots and catRange, into
 * floats for the values decisions read (the row and its copies are at the start) and thresholds, into values
 * for table entries.
 *   ints    upper nodes   UPPER_INTS each, parents before children
 *           blocks        BLOCK_INTS each; an unused decision reads the row's first value against +Infinity
 *           gather        the values that add to each phi index (class offset + feature), from
 *                         ints[startAt + p] to ints[startAt + p + 1], as index of the block's base * 8 + position
 *           starts        nPhi + 1
 *           masks, bases  per row: the mask of every slot, where each block's entry starts in values
 *           catRange      [first word in catBits, word count] per categorical node (its threshold points here)
 *           special       SPECIAL_INTS each, the nCategorical categorical ones first (those with a side table
 *                         first, grouped by feature)
 *           side features SIDE_INTS each
 *   floats  row | row, missing = +Infinity (nFeatures each) | special sides (nSpecial)
 *           | upper thresholds | block thresholds (3 each) | special thresholds
 *   values  the table: per block, 2^bits entries of `value count` contributions each, in float32 (the
 *           default: half the bytes a row pulls from memory) or float64 (see ShapPrecision)
 */
export interface ShapTables {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly values: Float32Array | Float64Array;
  readonly catBits: Uint32Array;
  /** Per categorical feature with a side table, per code, its nodes' sides (shap-table-sides.ts). */
  readonly sides: Uint8Array;
  readonly nFeatures: number;
  readonly nUpper: number;
  readonly nBlocks: number;
  readonly nPhi: number;
  readonly nSpecial: number;
  readonly nCategorical: number;
  /** Categorical nodes decided by side tables: special slots 0 .. nTabledCategorical - 1. */
  readonly nTabledCategorical: number;
  readonly nSideFeatures: number;
  readonly sideAt: number;
  readonly blockAt: number;
  readonly startAt: number;
  readonly maskAt: number;
  readonly baseAt: number;
  readonly specialAt: number;
  readonly virtualAt: number;
  readonly upperThresholdAt: number;
  readonly blockThresholdAt: number;
  readonly specialThresholdAt: number;
}

/** Adds the SHAP values of every tabulated tree to phi for the row the caller wrote to floats[0, nFeatures). */
export function tableShapInto(c: ShapTables, phi: Float64Array): void {
  const { ints, floats } = c;
  rowCopy(floats, c.nFeatures);
  tabledSides(ints, floats, c.sides, c.nSideFeatures, c.sideAt, c.virtualAt);
  categoricalSides(ints, floats, c.catBits, c.nTabledCategorical, c.nCategorical, c.specialAt, c.specialThresholdAt, c.virtualAt);
  numericSides(ints, floats, c.nCategorical, c.nSpecial, c.specialAt, c.specialThresholdAt, c.virtualAt);
  upperMasks(ints, floats, c.nUpper, c.upperThresholdAt, c.maskAt);
  blockEntries(ints, floats, c.nBlocks, c.blockAt, c.blockThresholdAt, c.baseAt);
  if (c.values instanceof Float32Array) gatherValues32(ints, c.values, c.nPhi, c.startAt, phi);
  else gatherValues64(ints, c.values, c.nPhi, c.startAt, phi);
}

function rowCopy(floats: Float64Array, n: number): void {
  for (let j = 0; j < n; j = (j + 1) | 0) {
    const v = floats[j]!;
    floats[n + j] = v === v ? v : Infinity;
  }
}

/**
 * Sides of the categorical nodes of features with a side table: the row of the feature's code, copied. The
 * row: 0 missing, 1 + code for an integer code below the feature's limit (fractions truncate, as below),
 * limit + 1 anything else.
 */
function tabledSides(ints: Int32Array, floats: Float64Array, sides: Uint8Array, n: number, sideAt: number, virtualAt: number): void {
  for (let q = 0; q < n; q = (q + 1) | 0) {
    const o = (sideAt + 5 * q) | 0;
    const v = floats[ints[o]!]!;
    const count = ints[o + 2]!;
    const limit = ints[o + 3]!;
    const row = v !== v ? 0 : v >= 0 && v < limit ? ((v | 0) + 1) | 0 : (limit + 1) | 0;
    const from = (ints[o + 4]! + row * count) | 0;
    const to = (virtualAt + ints[o + 1]!) | 0;
    for (let k = 0; k < count; k = (k + 1) | 0) floats[to + k] = sides[from + k]!;
  }
}

/**
 * Side of each categorical node without a side table, 1 = right: left when the code's bit is set in the node's bitset, right for a
 * code beyond it (or not a code); missing values by the node's default (info & 32 = MISSING_LEFT). Branch-free,
 * as categories come in any order: the word read is word 0 when the code is out of range, and catBits ends
 * with a spare word for nodes without any. Offsets come in as parameters: V8 then keeps the loop free of
 * property loads.
 */
function categoricalSides(ints: Int32Array, floats: Float64Array, catBits: Uint32Array, from: number, to: number, specialAt: number, thresholdAt: number, virtualAt: number): void {
  for (let k = from; k < to; k = (k + 1) | 0) {
    const o = (specialAt + 2 * k) | 0;
    const v = floats[ints[o]!]!;
    const range = floats[thresholdAt + k]!;
    const word = v >>> 5;
    const inRange = ((v >= 0) as unknown as number) & ((word < ints[range + 1]!) as unknown as number);
    const inSet = inRange & (catBits[ints[range]! + (word & -inRange)]! >>> (v & 31));
    const missing = ((v !== v) as unknown as number) | 0;
    const missingRight = ((ints[o + 1]! >> 5) & 1) ^ 1;
    const right = (inSet & 1) ^ 1;
    floats[virtualAt + k] = right ^ ((right ^ missingRight) & -missing);
  }
}

/** Side of each numeric special node (a threshold of +Infinity or NaN, missing values right; rare). */
function numericSides(ints: Int32Array, floats: Float64Array, from: number, to: number, specialAt: number, thresholdAt: number, virtualAt: number): void {
  for (let k = from; k < to; k = (k + 1) | 0) {
    const v = floats[ints[specialAt + 2 * k]!]!;
    floats[virtualAt + k] = v !== v ? 1 : ((v > floats[thresholdAt + k]!) as unknown as number) | 0;
  }
}

function upperMasks(ints: Int32Array, floats: Float64Array, n: number, thresholdAt: number, maskAt: number): void {
  for (let k = 0; k < n; k = (k + 1) | 0) {
    const o = (k << 2) | 0;
    const bit = 1 << ints[o + 1]!;
    const right = ((floats[ints[o]!]! > floats[thresholdAt + k]!) as unknown as number) | 0;
    const m = ints[maskAt + k]!;
    // The side the row does not take loses the bit: left when right = 1, right when right = 0.
    const leftClear = bit & -right;
    ints[ints[o + 2]!] = m & ~leftClear;
    ints[ints[o + 3]!] = m & ~(bit ^ leftClear);
  }
}

function blockEntries(ints: Int32Array, floats: Float64Array, n: number, blockAt: number, thresholdAt: number, baseAt: number): void {
  for (let b = 0; b < n; b = (b + 1) | 0) {
    const o = (blockAt + b * 10) | 0;
    const t = (thresholdAt + b * 3) | 0;
    let index = ints[ints[o]!]! & ints[o + 1]!;
    index |= (((floats[ints[o + 4]!]! > floats[t]!) as unknown as number) | 0) << ints[o + 5]!;
    index |= (((floats[ints[o + 6]!]! > floats[t + 1]!) as unknown as number) | 0) << ints[o + 7]!;
    index |= (((floats[ints[o + 8]!]! > floats[t + 2]!) as unknown as number) | 0) << ints[o + 9]!;
    ints[baseAt + b] = (ints[o + 2]! + index * ints[o + 3]!) | 0;
  }
}

/**
 * phi[p] += the values listed for p; unrolled by four into two sums (shorter chains of dependent adds). One copy
 * per array type, so each stays monomorphic when explainers of both precisions run in one process.
 */
function gatherValues32(ints: Int32Array, values: Float32Array, nPhi: number, startAt: number, phi: Float64Array): void {
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
      a += values[(ints[g0 >> 3]! + (g0 & 7)) | 0]! + values[(ints[g2 >> 3]! + (g2 & 7)) | 0]!;
      b += values[(ints[g1 >> 3]! + (g1 & 7)) | 0]! + values[(ints[g3 >> 3]! + (g3 & 7)) | 0]!;
    }
    for (; i < end; i = (i + 1) | 0) a += values[(ints[ints[i]! >> 3]! + (ints[i]! & 7)) | 0]!;
    phi[p] = phi[p]! + (a + b);
  }
}

/** gatherValues32 over a float64 table. */
function gatherValues64(ints: Int32Array, values: Float64Array, nPhi: number, startAt: number, phi: Float64Array): void {
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
      a += values[(ints[g0 >> 3]! + (g0 & 7)) | 0]! + values[(ints[g2 >> 3]! + (g2 & 7)) | 0]!;
      b += values[(ints[g1 >> 3]! + (g1 & 7)) | 0]! + values[(ints[g3 >> 3]! + (g3 & 7)) | 0]!;
    }
    for (; i < end; i = (i + 1) | 0) a += values[(ints[ints[i]! >> 3]! + (ints[i]! & 7)) | 0]!;
    phi[p] = phi[p]! + (a + b);
  }
}
