// Builds the lookup tables of tabulated TreeSHAP (shap-table.ts): blocks of a few nodes and their per-mask contributions.
import { catWordsPerNode } from './decide.js';
import { BLOCK_INTS, CATEGORICAL, MISSING_LEFT, SIDE_INTS, SPECIAL_INTS, UPPER_INTS, type ShapTables } from './shap-table.js';
import { buildSides, planSides } from './shap-table-sides.js';
import { leafTable, type PathFeature } from './shap-table-leaf.js';
import type { FlatTree, Forest } from './tree.js';
import type { ShapPrecision } from './types.js';

/*
 * A leaf L with value v and distinct path features U (|U| = d <= 6, cover products z_j) depends on the row
 * only through the set M of path features whose every edge the row takes (Fast TreeSHAP v2, Yang 2021):
 *
 *   phi_i(L) = (o_i - z_i) v integral_0^1 prod_{j in U, j != i} (z_j (1 - t) + o_j t) dt,   o_j = [j in M]
 *
 * a polynomial of degree d - 1 <= 5, integrated exactly by 3-point Gauss-Legendre (as shap-linear.ts).
 * So each leaf has 2^d possible contribution vectors, computed here once. Rather than one lookup per leaf,
 * leaves are grouped in blocks: a subtree of at most MAX_BLOCK_NODES internal nodes whose table is indexed
 * by the mask at its root (which features of the path above it the row still satisfies) and the row's
 * direction at each of its internal nodes, and holds the summed contributions of all its leaves:
 *
 *        upper nodes (walked per row, masks only)
 *            ┌──── n ────┐            block at n: index = mask(n) | right(n) << d | right(a) << d+1 | right(b) << d+2
 *            a           b            entry       = contributions of the 4 leaves, one value per block feature
 *          ┌─┴─┐       ┌─┴─┐
 *          L1  L2      L3  L4
 */

/** Distinct path features a tabulated tree may have (the quadrature is exact up to 6). */
export const TABLE_SHAP_MAX_PATH_FEATURES = 6;
/** Internal nodes per block, and index bits (mask bits + direction bits) per block: 2^7 entries at most. */
const MAX_BLOCK_NODES = 3;
const MAX_INDEX_BITS = 7;


/** One block before layout: slot tree-local, categorical thresholds indexing the tree's own catRange. */
interface BlockPart {
  slot: number;
  pathBits: number;
  decisions: number[];
  thresholds: number[];
  features: number[];
  entries: Float64Array;
}

/** What one tree adds to ShapTables, with tree-local slots, catRange indices and catBits words. */
interface TreeTables {
  upper: number[];
  upperThreshold: number[];
  blocks: BlockPart[];
  catRange: number[];
  catBits: Uint32Array;
  tableLength: number;
}

/**
 * Compiles the listed trees (each with maxPathFeatures <= 6) while their tables fit in budget values;
 * returns the tables and the trees that did not fit (for Linear TreeSHAP). Entries are computed in float64
 * and stored in the precision asked (float32: each rounded to nearest).
 */
export function compileShapTables(
  forest: Forest, trees: readonly number[], budget: number, precision: ShapPrecision = 'float64',
): { tables: ShapTables; rest: number[] } {
  const parts: TreeTables[] = [];
  const rest: number[] = [];
  let used = 0;
  for (const t of trees) {
    const tree = forest.trees[t]!;
    if (tree.feature[0]! < 0) continue; // a single leaf explains nothing: it is all bias
    const part = compileTree(tree, forest.treeClass[t]! * forest.nFeatures);
    if (used + part.tableLength > budget) {
      rest.push(t);
      continue;
    }
    used += part.tableLength;
    parts.push(part);
  }
  return { tables: layout(parts, used, forest.nFeatures, forest.nFeatures * forest.nClasses, precision), rest };
}

/**
 * Lays the trees out in ShapTables' two arrays (see shap-table.ts): slots, thresholds, table offsets and
 * catRange entries become absolute indices, and each phi index gets the list of block values that add to it.
 * Every decision becomes a plain x > threshold on a float slot: numeric nodes read the row (missing values go
 * left: NaN > threshold is false) or its copy with missing values as +Infinity (they go right); special nodes
 * (categorical, or a threshold of +Infinity or NaN with missing values right) read their own slot, which the
 * row's first pass fills with 0 or 1 against the threshold 0.5.
 */
function layout(parts: readonly TreeTables[], tableLength: number, nFeatures: number, nPhi: number, precision: ShapPrecision): ShapTables {
  const nUpper = parts.reduce((n, p) => n + p.upperThreshold.length, 0);
  const nBlocks = parts.reduce((n, p) => n + p.blocks.length, 0);
  const nValues = parts.reduce((n, p) => p.blocks.reduce((m, b) => m + b.features.length, n), 0);
  const nRanges = parts.reduce((n, p) => n + p.catRange.length / 2, 0);
  // Special nodes: the categorical ones first (slots planned by shap-table-sides.ts), then the numeric ones.
  let nSpecial = 0;
  const categoricalNodes: { feature: number; words: number }[] = [];
  const count = (p: TreeTables, feature: number, info: number, v: number): void => {
    nSpecial += isSpecial(info, v) ? 1 : 0;
    if (info & CATEGORICAL) categoricalNodes.push({ feature, words: p.catRange[2 * v + 1]! });
  };
  for (const p of parts) {
    p.upperThreshold.forEach((v, k) => count(p, p.upper[k * UPPER_INTS]!, p.upper[k * UPPER_INTS + 1]!, v));
    for (const b of p.blocks) b.thresholds.forEach((v, j) => count(p, b.decisions[2 * j]!, b.decisions[2 * j + 1]!, v));
  }
  const nCategorical = categoricalNodes.length;
  const plan = planSides(categoricalNodes);
  const nextSlot = new Map(plan.next);
  // ints: upper nodes | blocks | gather | gather starts | masks (upper slots, then block slots) | bases | catRange | special nodes | side features
  const blockAt = nUpper * UPPER_INTS;
  const gatherAt = blockAt + nBlocks * BLOCK_INTS;
  const startAt = gatherAt + nValues;
  const maskAt = startAt + nPhi + 1;
  const baseAt = maskAt + nUpper + nBlocks;
  const rangeAt = baseAt + nBlocks;
  const specialAt = rangeAt + 2 * nRanges;
  const sideAt = specialAt + SPECIAL_INTS * nSpecial;
  const ints = new Int32Array(sideAt + SIDE_INTS * plan.tabled.length);
  // floats: row | row, missing = +Infinity | special slots | upper thresholds | block thresholds (3 each) | special thresholds
  const virtualAt = 2 * nFeatures;
  const upperThresholdAt = virtualAt + nSpecial;
  const blockThresholdAt = upperThresholdAt + nUpper;
  const specialThresholdAt = blockThresholdAt + 3 * nBlocks;
  const floats = new Float64Array(specialThresholdAt + nSpecial);
  const values = precision === 'float32' ? new Float32Array(tableLength) : new Float64Array(tableLength);
  const catBits: number[] = [];
  const lists: number[][] = Array.from({ length: nPhi }, () => []);
  let upper = 0;
  let block = 0;
  let range = 0;
  let numeric = nCategorical;
  let table = 0;
  for (const p of parts) {
    const local = p.upperThreshold.length;
    const slot = (s: number): number => maskAt + (s < local ? upper + s : nUpper + block + s - local);
    // The float slot a decision reads and the threshold it compares with (a special node's goes to its own list).
    const decide = (feature: number, info: number, v: number): [number, number] => {
      if (!isSpecial(info, v)) return [(info & MISSING_LEFT ? 0 : nFeatures) + feature, v];
      const k = info & CATEGORICAL ? nextSlot.get(feature)! : numeric++;
      if (info & CATEGORICAL) nextSlot.set(feature, k + 1);
      ints.set([feature, info], specialAt + SPECIAL_INTS * k);
      floats[specialThresholdAt + k] = info & CATEGORICAL ? rangeAt + 2 * (range + v) : v;
      return [virtualAt + k, 0.5];
    };
    for (let k = 0; k < local; k++) {
      const o = k * UPPER_INTS;
      const [at, threshold] = decide(p.upper[o]!, p.upper[o + 1]!, p.upperThreshold[k]!);
      ints.set([at, p.upper[o + 1]! & 31, slot(p.upper[o + 2]!), slot(p.upper[o + 3]!)], (upper + k) * UPPER_INTS);
      floats[upperThresholdAt + upper + k] = threshold;
    }
    p.blocks.forEach((b, k) => {
      const g = block + k;
      const decisions: number[] = [];
      b.thresholds.forEach((v, j) => {
        const [at, threshold] = decide(b.decisions[2 * j]!, b.decisions[2 * j + 1]!, v);
        decisions.push(at, b.decisions[2 * j + 1]! & 31);
        floats[blockThresholdAt + 3 * g + j] = threshold;
      });
      ints.set([slot(b.slot), b.pathBits, table, b.features.length, ...decisions], blockAt + g * BLOCK_INTS);
      b.features.forEach((f, j) => lists[f]!.push((baseAt + g) * 8 + j));
      values.set(b.entries, table);
      table += b.entries.length;
    });
    for (let r = 0; r < p.catRange.length; r += 2) ints.set([p.catRange[r]! + catBits.length, p.catRange[r + 1]!], rangeAt + 2 * range + r);
    for (const w of p.catBits) catBits.push(w);
    upper += local;
    block += p.blocks.length;
    range += p.catRange.length / 2;
  }
  ints.fill(-1, maskAt, maskAt + nUpper + nBlocks);
  let g = gatherAt;
  lists.forEach((list, f) => {
    ints[startAt + f] = g;
    ints.set(list, g);
    g += list.length;
  });
  ints[startAt + nPhi] = g;
  // One word more at the end: categorical sides read a word before they know whether the code is in range.
  const bits = Uint32Array.from([...catBits, 0]);
  const { sides, records } = buildSides(plan, ints, floats, bits, specialAt, specialThresholdAt);
  ints.set(records, sideAt);
  return {
    ints, floats, values, catBits: bits, sides, nFeatures, nUpper, nBlocks, nPhi, nSpecial, nCategorical,
    nTabledCategorical: plan.nTabled, nSideFeatures: plan.tabled.length, sideAt,
    blockAt, startAt, maskAt, baseAt, specialAt, virtualAt, upperThresholdAt, blockThresholdAt, specialThresholdAt,
  };
}

/**
 * A decision that x > threshold on the row or its copy cannot take: categorical, or missing values right of a
 * threshold +Infinity (or NaN), where the copy's +Infinity would not compare greater.
 */
function isSpecial(info: number, threshold: number): boolean {
  return (info & CATEGORICAL) !== 0 || ((info & MISSING_LEFT) === 0 && !(threshold < Infinity));
}

/** Internal nodes in the subtree of each node (0 for leaves). */
function internalCounts(tree: FlatTree): Int32Array {
  const counts = new Int32Array(tree.feature.length);
  const walk = (n: number): number => {
    if (tree.feature[n]! < 0) return 0;
    counts[n] = 1 + walk(tree.left[n]!) + walk(tree.right[n]!);
    return counts[n]!;
  };
  walk(0);
  return counts;
}

/** Share of a node's cover that goes to one child (1/2 when the node has none), as the plain algorithm. */
function coverFraction(tree: FlatTree, node: number, child: number): number {
  const c = tree.cover[node]!;
  return c > 0 ? tree.cover[child]! / c : 0.5;
}

/** The path features after taking the edge from node to child. */
function extend(tree: FlatTree, path: readonly PathFeature[], node: number, child: number): PathFeature[] {
  const f = tree.feature[node]!;
  const next = path.map((p) => ({ ...p }));
  const seen = next.find((p) => p.feature === f);
  const frac = coverFraction(tree, node, child);
  if (seen) seen.z *= frac;
  else next.push({ feature: f, z: frac });
  return next;
}

function compileTree(tree: FlatTree, phiOffset: number): TreeTables {
  const out: TreeTables = { upper: [], upperThreshold: [], blocks: [], catRange: [], catBits: tree.catBits, tableLength: 0 };
  const words = catWordsPerNode(tree);
  const counts = internalCounts(tree);
  // Breadth-first: a node heads a block when its subtree is small enough, else it is an upper node.
  const uppers: { node: number; path: PathFeature[] }[] = [];
  const blocks: { node: number; path: PathFeature[] }[] = [];
  const index = new Map<number, number>();
  const heads = new Set<number>();
  const queue = [{ node: 0, path: [] as PathFeature[] }];
  for (let q = 0; q < queue.length; q++) {
    const item = queue[q]!;
    const { node, path } = item;
    if (counts[node]! <= MAX_BLOCK_NODES && path.length + counts[node]! <= MAX_INDEX_BITS) {
      index.set(node, blocks.push(item) - 1);
      heads.add(node);
      continue;
    }
    index.set(node, uppers.push(item) - 1);
    for (const child of [tree.left[node]!, tree.right[node]!]) queue.push({ node: child, path: extend(tree, path, node, child) });
  }
  // Upper nodes take slots 0.., blocks the slots after them.
  const slot = (node: number): number => (heads.has(node) ? uppers.length : 0) + index.get(node)!;
  const decision = (n: number, position: number): { threshold: number; info: number } => {
    let threshold = tree.threshold[n]!;
    let info = position | (tree.missingLeft[n] ? MISSING_LEFT : 0);
    if (tree.catOffset[n]! >= 0) {
      info |= CATEGORICAL;
      threshold = out.catRange.length / 2;
      out.catRange.push(tree.catOffset[n]!, words[n]!);
    }
    return { threshold, info };
  };
  for (const { node, path } of uppers) {
    const seen = path.findIndex((p) => p.feature === tree.feature[node]!);
    const { threshold, info } = decision(node, seen >= 0 ? seen : path.length);
    out.upper.push(tree.feature[node]!, info, slot(tree.left[node]!), slot(tree.right[node]!));
    out.upperThreshold.push(threshold);
  }
  blocks.forEach(({ node, path }, k) => compileBlock(tree, node, path, uppers.length + k, phiOffset, out, decision));
  return out;
}

/** A leaf of a block: its path features, and on the way from the block root the (decision, side, position) of each step. */
interface BlockLeaf {
  value: number;
  path: PathFeature[];
  steps: { decision: number; right: number; position: number }[];
}

function compileBlock(
  tree: FlatTree, root: number, path: PathFeature[], slot: number, phiOffset: number, out: TreeTables,
  decision: (n: number, position: number) => { threshold: number; info: number },
): void {
  const d = path.length;
  const nodes: number[] = [];
  const leaves: BlockLeaf[] = [];
  const walk = (n: number, p: PathFeature[], steps: BlockLeaf['steps']): void => {
    const f = tree.feature[n]!;
    if (f < 0) {
      leaves.push({ value: tree.value[n]!, path: p, steps });
      return;
    }
    const k = nodes.push(n) - 1;
    const seen = p.findIndex((e) => e.feature === f);
    const position = seen >= 0 ? seen : p.length;
    for (const right of [0, 1]) {
      const child = right ? tree.right[n]! : tree.left[n]!;
      walk(child, extend(tree, p, n, child), [...steps, { decision: k, right, position }]);
    }
  };
  walk(root, path, []);
  // Block features: the path's (in path order), then those the block adds.
  const features = path.map((p) => p.feature);
  for (const n of nodes) if (!features.includes(tree.feature[n]!)) features.push(tree.feature[n]!);
  const bits = d + nodes.length;
  const decisions: number[] = [];
  const thresholds: number[] = [];
  for (let k = 0; k < 3; k++) {
    const n = nodes[k];
    const { threshold, info } = n === undefined ? { threshold: Infinity, info: MISSING_LEFT } : decision(n, d + k);
    decisions.push(n === undefined ? 0 : tree.feature[n]!, info);
    thresholds.push(threshold);
  }
  const entries = new Float64Array(features.length << bits);
  const count = features.length;
  for (const leaf of leaves) {
    const table = leafTable(leaf.path, leaf.value);
    const slots = Int32Array.from(leaf.path, (p) => features.indexOf(p.feature));
    // Per step on the way down: the index bit of its decision, the side the leaf needs, the mask bit it clears.
    const steps = Int32Array.from(leaf.steps.flatMap((s) => [d + s.decision, s.right, ~(1 << s.position)]));
    addLeaf(entries, count, bits, d, table, slots, steps);
  }
  out.blocks.push({ slot, pathBits: (1 << d) - 1, decisions, thresholds, features: features.map((f) => phiOffset + f), entries });
  out.tableLength += entries.length;
}

/** Adds one leaf's contributions (its table from leafTable) to every entry of its block. */
function addLeaf(entries: Float64Array, count: number, bits: number, d: number, table: Float64Array, slots: Int32Array, steps: Int32Array): void {
  const dl = slots.length;
  for (let index = 0; index < 1 << bits; index++) {
    // Bits the block root's mask does not cover start set: the row has met no edge on those features yet.
    let mask = index | ~((1 << d) - 1);
    for (let k = 0; k < steps.length; k += 3) if (((index >> steps[k]!) & 1) !== steps[k + 1]) mask &= steps[k + 2]!;
    const at = (mask & ((1 << dl) - 1)) * dl;
    const entry = index * count;
    for (let k = 0; k < dl; k++) entries[entry + slots[k]!]! += table[at + k]!;
  }
}
