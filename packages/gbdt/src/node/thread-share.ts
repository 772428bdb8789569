// One thread's share of each task: its feature range for binning, histograms and split search; its row range for gradients.
import { binColumns, binningSample, fitFeatureBins, type BinnedData } from '../binning.js';
import { createLoss, type Loss } from '../loss.js';
import { SplitInfo, type SplitRules } from '../split.js';
import { SerialSplitter, type SplitTarget } from '../splitter.js';
import type { Matrix } from '../types.js';
import { RESULT, rowRange, THRESHOLDS_PER_FEATURE, type SharedFit } from './shared.js';

/** Where the arguments of a tree-node task sit in SharedFit.task. */
export const ARG = { seed: 0, tree: 0, classOffset: 1, nActive: 2, parentSlot: 3, smallSlot: 4, small: 5, large: 12 } as const;
/** A node in SharedFit.task: start, count, sumG, sumH, lower, upper, open (7 numbers). */
export const NODE_LENGTH = 7;

/**
 * Thread t's state. Its features are lo .. hi-1: it bins them, and keeps their part of every node
 * histogram in a private SerialSplitter that sees them as features 0 .. hi-lo-1 of a view of the
 * shared bins. A histogram cell is summed by exactly one thread in the same row order as on one
 * thread, so the splits found, and the model, do not depend on the number of threads.
 */
export class ThreadShare {
  readonly lo: number;
  readonly hi: number;
  private readonly loss: Loss;
  private splitter: SerialSplitter | undefined;
  private tree = -1;
  private hasFeatures = false;
  private readonly outs = [new SplitInfo(), new SplitInfo()];

  constructor(
    private readonly shared: SharedFit,
    readonly thread: number,
  ) {
    this.lo = shared.featureStart[thread]! | 0;
    this.hi = shared.featureStart[thread + 1]! | 0;
    this.loss = createLoss(shared.objective, { nClasses: shared.nClasses, quantileAlpha: shared.quantileAlpha, huberDelta: shared.huberDelta });
  }

  /** Thresholds of this thread's features (into shared thresholds / nBins) and their bin codes. */
  bin(): void {
    const s = this.shared;
    const X: Matrix = { nRows: s.nRows, nFeatures: s.nFeatures, values: s.values };
    const thresholds: Float64Array[] = [];
    fitFeatureBins(X, s.isCategorical, s.nCategories, s.maxBins, binningSample(s.nRows, s.task[ARG.seed]!), this.lo, this.hi, thresholds, s.nBins);
    for (let j = this.lo; j < this.hi; j++) {
      s.thresholds.set(thresholds[j]!, j * THRESHOLDS_PER_FEATURE);
      s.nThresholds[j] = thresholds[j]!.length;
    }
    binColumns(X, { missingBin: s.maxBins, nBins: s.nBins, thresholds, isCategorical: s.isCategorical }, this.lo, this.hi, s.bins);
    this.splitter = new SerialSplitter(this.view(thresholds), s.rows, this.rules());
    this.tree = -1;
  }

  gradients(): void {
    const s = this.shared;
    const [a, b] = rowRange(s.nRows, s.nThreads, this.thread);
    this.loss.gradientHessian(s.y, s.raw, s.w, s.grad, s.hess, a, b);
  }

  /** The root's histogram (this thread's features) and best split, into results[thread][0]. */
  root(): void {
    const s = this.shared;
    const found = this.beginTree() && this.splitter!.root(s.task[ARG.parentSlot]! | 0, readNode(s.task, ARG.small), this.outs[0]!);
    this.write(0, found);
    this.write(1, false);
  }

  /** Smaller child built, larger by subtraction, best splits of the open ones into results[thread][0 / 1]. */
  children(): void {
    const s = this.shared;
    let found = 0;
    if (this.beginTree()) {
      const small = readNode(s.task, ARG.small);
      const large = readNode(s.task, ARG.large);
      found = this.splitter!.children(s.task[ARG.parentSlot]! | 0, s.task[ARG.smallSlot]! | 0, small, large, this.outs[0]!, this.outs[1]!);
    }
    this.write(0, (found & 1) !== 0);
    this.write(1, (found & 2) !== 0);
  }

  /** Picks up a new tree's features and class; false when none of this thread's features is active. */
  private beginTree(): boolean {
    const s = this.shared;
    const tree = s.task[ARG.tree]!;
    if (tree !== this.tree) {
      this.tree = tree;
      const nActive = s.task[ARG.nActive]! | 0;
      const local: number[] = [];
      for (let k = 0; k < nActive; k++) {
        const j = s.features[k]!;
        if (j >= this.lo && j < this.hi) local.push(j - this.lo);
      }
      const offset = s.task[ARG.classOffset]! | 0;
      this.splitter!.beginTree(Int32Array.from(local), s.grad.subarray(offset, offset + s.nRows), s.hess.subarray(offset, offset + s.nRows));
      this.hasFeatures = local.length > 0;
    }
    return this.hasFeatures;
  }

  private write(which: number, found: boolean): void {
    const r = this.shared.results;
    const o = (this.thread * 2 + which) * RESULT.length;
    r[o + RESULT.found] = found ? 1 : 0;
    if (!found) return;
    const x = this.outs[which]!;
    r[o + RESULT.gain] = x.gain;
    r[o + RESULT.feature] = x.feature + this.lo;
    r[o + RESULT.binThreshold] = x.binThreshold;
    r[o + RESULT.missingLeft] = x.missingLeft ? 1 : 0;
    r[o + RESULT.categorical] = x.categorical ? 1 : 0;
    r[o + RESULT.leftG] = x.leftG;
    r[o + RESULT.leftH] = x.leftH;
    r[o + RESULT.leftCount] = x.leftCount;
    r[o + RESULT.rightG] = x.rightG;
    r[o + RESULT.rightH] = x.rightH;
    r[o + RESULT.rightCount] = x.rightCount;
    r[o + RESULT.leftValue] = x.leftValue;
    r[o + RESULT.rightValue] = x.rightValue;
    for (let b = 0; b < 8; b++) r[o + RESULT.catBits + b] = x.catBits[b]!;
  }

  /** This thread's features as a BinnedData of their own (feature lo is feature 0), over the shared bins. */
  private view(thresholds: Float64Array[]): BinnedData {
    const s = this.shared;
    return {
      missingBin: s.maxBins,
      nBins: s.nBins.subarray(this.lo, this.hi),
      thresholds: thresholds.slice(this.lo, this.hi),
      isCategorical: s.isCategorical.subarray(this.lo, this.hi),
      nRows: s.nRows,
      nFeatures: this.hi - this.lo,
      bins: s.bins.subarray(this.lo * s.nRows, this.hi * s.nRows),
    };
  }

  private rules(): SplitRules {
    const s = this.shared;
    return { l2Regularization: s.l2Regularization, minSamplesLeaf: s.minSamplesLeaf, minChildWeight: s.minChildWeight, monotonic: s.monotonic.subarray(this.lo, this.hi) };
  }
}

/** Writes a node into task at offset (see NODE_LENGTH). */
export function writeNode(task: Float64Array, offset: number, node: SplitTarget): void {
  task[offset] = node.start;
  task[offset + 1] = node.count;
  task[offset + 2] = node.sumG;
  task[offset + 3] = node.sumH;
  task[offset + 4] = node.lower;
  task[offset + 5] = node.upper;
  task[offset + 6] = node.open ? 1 : 0;
}

function readNode(task: Float64Array, offset: number): SplitTarget {
  // Positions and counts travel as doubles; int32 keeps the kernels on integer index arithmetic.
  return {
    start: task[offset]! | 0,
    count: task[offset + 1]! | 0,
    sumG: task[offset + 2]!,
    sumH: task[offset + 3]!,
    lower: task[offset + 4]!,
    upper: task[offset + 5]!,
    open: task[offset + 6] === 1,
  };
}

/** Reads results[thread][which] into out. */
export function readResult(results: Float64Array, thread: number, which: number, out: SplitInfo): void {
  const o = (thread * 2 + which) * RESULT.length;
  out.gain = results[o + RESULT.gain]!;
  out.feature = results[o + RESULT.feature]!;
  out.binThreshold = results[o + RESULT.binThreshold]!;
  out.missingLeft = results[o + RESULT.missingLeft] === 1;
  out.categorical = results[o + RESULT.categorical] === 1;
  out.leftG = results[o + RESULT.leftG]!;
  out.leftH = results[o + RESULT.leftH]!;
  out.leftCount = results[o + RESULT.leftCount]!;
  out.rightG = results[o + RESULT.rightG]!;
  out.rightH = results[o + RESULT.rightH]!;
  out.rightCount = results[o + RESULT.rightCount]!;
  out.leftValue = results[o + RESULT.leftValue]!;
  out.rightValue = results[o + RESULT.rightValue]!;
  for (let b = 0; b < 8; b++) out.catBits[b] = results[o + RESULT.catBits + b]!;
}
