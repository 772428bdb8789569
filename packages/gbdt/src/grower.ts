// Leaf-wise (best-first) tree growth on binned data; training nodes stay here, a FlatTree comes out.
import type { BinnedData } from './binning.js';
import { sumGradHess } from './histogram.js';
import { decisionTable, partitionRows } from './partition.js';
import { nodeValue, SplitInfo, type SplitRules } from './split.js';
import type { NodeSplitter, SplitTarget } from './splitter.js';
import type { FlatTree } from './tree.js';

export interface GrowerOptions {
  /** Stop at this many leaves; undefined = split every splittable node down to maxDepth. */
  readonly maxLeafNodes: number | undefined;
  readonly maxDepth: number | undefined;
  readonly learningRate: number;
  readonly rules: SplitRules;
}

/**
 * Buffers reused across every tree of a fit. rows holds the partition: each node owns one segment.
 * Histogram slots of the splitter are recycled last-in first-out (freeSlots), so a fit needs about as many
 * histograms as a tree has open leaves at once.
 */
export interface GrowerWorkspace {
  readonly rows: Int32Array;
  readonly scratchRows: Int32Array;
  readonly sums: Float64Array;
  readonly freeSlots: number[];
  nSlots: number;
}

/** rows may be supplied (e.g. in memory other threads share); it needs data.nRows entries. */
export function createGrowerWorkspace(data: BinnedData, rows: Int32Array = new Int32Array(data.nRows)): GrowerWorkspace {
  return { rows, scratchRows: new Int32Array(data.nRows), sums: new Float64Array(2), freeSlots: [], nSlots: 0 };
}

/**
 * A grown tree and what the booster needs after growth:
 *   goLeft[node * 256 + bin] = 1 when a row with that bin of the node's feature goes left (binned prediction)
 *   leaves[k]: node id of leaf k, whose training rows are rows[leafStart[k] .. leafStart[k] + leafCount[k])
 *   lower/upper[node]: bounds monotonic constraints put on the (unshrunk) node value
 */
export interface GrownTree {
  readonly tree: FlatTree;
  readonly goLeft: Uint8Array;
  readonly leaves: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafCount: Int32Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Training node; never leaves this file. slot: its histogram in the splitter (-1 = none). */
class TrainNode implements SplitTarget {
  slot = -1;
  split: SplitInfo | null = null;
  goLeft: Uint8Array | null = null;
  left = -1;
  right = -1;
  open = false;
  constructor(
    readonly id: number,
    readonly start: number,
    readonly count: number,
    readonly sumG: number,
    readonly sumH: number,
    readonly depth: number,
    readonly lower: number,
    readonly upper: number,
    readonly value: number,
  ) {}
}

/**
 * Grows one tree on rows ws.rows[0 .. nRows) (the caller fills them, ascending) over the active features.
 * Best-first: the open leaf with the largest gain is split next, until maxLeafNodes leaves or no open leaf.
 * A split builds the histogram of the smaller child and gets the larger one as parent - smaller.
 */
export function growTree(
  data: BinnedData, grad: Float64Array, hess: Float64Array, nRows: number, features: Int32Array,
  opts: GrowerOptions, ws: GrowerWorkspace, splitter: NodeSplitter,
): GrownTree {
  const l2 = opts.rules.l2Regularization;
  sumGradHess(ws.rows, 0, nRows, grad, hess, ws.sums);
  const g0 = ws.sums[0]!;
  const h0 = ws.sums[1]!;
  const root = new TrainNode(0, 0, nRows, g0, h0, 0, -Infinity, Infinity, nodeValue(g0, h0, l2, -Infinity, Infinity));
  const nodes = [root];
  const heap: TrainNode[] = [];
  root.open = canSplit(root, opts);
  if (root.open) {
    splitter.beginTree(features, grad, hess);
    root.slot = takeSlot(ws);
    const split = new SplitInfo();
    settle(root, splitter.root(root.slot, root, split), split, ws, heap);
  }
  let nLeaves = 1;
  while (heap.length > 0 && (opts.maxLeafNodes === undefined || nLeaves < opts.maxLeafNodes)) {
    const node = heapPop(heap);
    splitNode(node, nodes, data, opts, ws, splitter, heap);
    nLeaves++;
  }
  for (const node of heap) {
    releaseSlot(node, ws);
    node.split = null;
  }
  return toGrownTree(nodes, data, opts.learningRate);
}

function canSplit(node: TrainNode, opts: GrowerOptions): boolean {
  return (
    (opts.maxDepth === undefined || node.depth < opts.maxDepth) &&
    node.count >= 2 * opts.rules.minSamplesLeaf &&
    node.sumH >= 2 * opts.rules.minChildWeight
  );
}

function takeSlot(ws: GrowerWorkspace): number {
  return ws.freeSlots.pop() ?? ws.nSlots++;
}

function releaseSlot(node: TrainNode, ws: GrowerWorkspace): void {
  if (node.slot >= 0) ws.freeSlots.push(node.slot);
  node.slot = -1;
}

/** An evaluated node with a split becomes an open leaf on the heap (keeping its histogram); otherwise its histogram goes. */
function settle(node: TrainNode, found: boolean, split: SplitInfo, ws: GrowerWorkspace, heap: TrainNode[]): void {
  if (found) {
    node.split = split;
    heapPush(heap, node);
  } else releaseSlot(node, ws);
}

function splitNode(node: TrainNode, nodes: TrainNode[], data: BinnedData, opts: GrowerOptions, ws: GrowerWorkspace, splitter: NodeSplitter, heap: TrainNode[]): void {
  const s = node.split!;
  node.goLeft = decisionTable(s, data.missingBin);
  const nLeft = partitionRows(ws.rows, ws.scratchRows, node.start, node.count, data.bins, (s.feature * data.nRows) | 0, node.goLeft);
  if (nLeft !== s.leftCount) throw new Error(`gbdt internal error: partition sent ${nLeft} rows left, histogram said ${s.leftCount}`);
  // Monotonic constraint: children values stay on their side of the midpoint of the two child values.
  const c = opts.rules.monotonic[s.feature]!;
  const mid = (s.leftValue + s.rightValue) / 2;
  const left = new TrainNode(nodes.length, node.start, nLeft, s.leftG, s.leftH, node.depth + 1,
    c < 0 ? mid : node.lower, c > 0 ? mid : node.upper, s.leftValue);
  nodes.push(left);
  const right = new TrainNode(nodes.length, node.start + nLeft, node.count - nLeft, s.rightG, s.rightH, node.depth + 1,
    c > 0 ? mid : node.lower, c < 0 ? mid : node.upper, s.rightValue);
  nodes.push(right);
  node.left = left.id;
  node.right = right.id;
  left.open = canSplit(left, opts);
  right.open = canSplit(right, opts);
  if (!left.open && !right.open) {
    releaseSlot(node, ws);
    return;
  }
  const small = left.count <= right.count ? left : right;
  const large = small === left ? right : left;
  small.slot = takeSlot(ws);
  large.slot = node.slot;
  node.slot = -1;
  const smallSplit = new SplitInfo();
  const largeSplit = new SplitInfo();
  const found = splitter.children(large.slot, small.slot, small, large, smallSplit, largeSplit);
  settle(small, (found & 1) !== 0, smallSplit, ws, heap);
  settle(large, (found & 2) !== 0, largeSplit, ws, heap);
}

/** Max-heap on split gain; equal gains pop the older node first, so growth order is deterministic. */
function before(a: TrainNode, b: TrainNode): boolean {
  const ga = a.split!.gain;
  const gb = b.split!.gain;
  return ga > gb || (ga === gb && a.id < b.id);
}

function heapPush(heap: TrainNode[], node: TrainNode): void {
  let i = heap.push(node) - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i]!, heap[p]!)) break;
    [heap[i], heap[p]] = [heap[p]!, heap[i]!];
    i = p;
  }
}

function heapPop(heap: TrainNode[]): TrainNode {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}

/** Training nodes -> FlatTree (ids unchanged: root 0, children in creation order). */
function toGrownTree(nodes: TrainNode[], data: BinnedData, learningRate: number): GrownTree {
  const n = nodes.length;
  const feature = new Int32Array(n).fill(-1);
  const threshold = new Float64Array(n);
  const missingLeft = new Uint8Array(n);
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const value = new Float64Array(n);
  const cover = new Float64Array(n);
  const gain = new Float64Array(n);
  const catOffset = new Int32Array(n).fill(-1);
  const goLeft = new Uint8Array(n * 256);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const catWords: number[] = [];
  const leafIds: number[] = [];
  for (const node of nodes) {
    const i = node.id;
    value[i] = node.value * learningRate;
    cover[i] = node.sumH;
    lower[i] = node.lower;
    upper[i] = node.upper;
    const s = node.split;
    if (node.left < 0 || s === null) {
      leafIds.push(i);
      continue;
    }
    feature[i] = s.feature;
    left[i] = node.left;
    right[i] = node.right;
    gain[i] = s.gain;
    missingLeft[i] = s.missingLeft ? 1 : 0;
    goLeft.set(node.goLeft!, i * 256);
    if (s.categorical) {
      catOffset[i] = catWords.length;
      const words = Math.max(1, Math.ceil(data.nBins[s.feature]! / 32));
      for (let w = 0; w < words; w++) catWords.push(s.catBits[w]!);
    } else {
      const t = data.thresholds[s.feature]!;
      // The last value bin has no upper threshold: the split is "every value left, missing right".
      threshold[i] = s.binThreshold < t.length ? t[s.binThreshold]! : Infinity;
    }
  }
  const leaves = Int32Array.from(leafIds);
  const leafStart = new Int32Array(leaves.length);
  const leafCount = new Int32Array(leaves.length);
  leaves.forEach((id, k) => {
    leafStart[k] = nodes[id]!.start;
    leafCount[k] = nodes[id]!.count;
  });
  const tree: FlatTree = { feature, threshold, missingLeft, left, right, value, cover, gain, catOffset, catBits: Uint32Array.from(catWords) };
  return { tree, goLeft, leaves, leafStart, leafCount, lower, upper };
}

/** Leaf reached by training row `row` (binned), for rows that were not in the tree's sample. */
export function binnedLeaf(grown: GrownTree, data: BinnedData, row: number): number {
  const { feature, left, right } = grown.tree;
  let node = 0;
  for (;;) {
    const f = feature[node]!;
    if (f < 0) return node;
    node = grown.goLeft[node * 256 + data.bins[f * data.nRows + row]!] ? left[node]! : right[node]!;
  }
}
