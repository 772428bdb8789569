// Histograms plus split finding for the grower's nodes: the interface, and the single-thread splitter.
import type { BinnedData } from './binning.js';
import { buildHistogram, createHistogramScratch, histogramLength, subtractHistogram, type HistogramScratch } from './histogram.js';
import { createSplitScratch, findBestSplit, type NodeStats, type SplitInfo, type SplitRules, type SplitScratch } from './split.js';

/** A node about to be evaluated: its rows are rows[start .. start+count) of the partition; open = may split. */
export interface SplitTarget extends NodeStats {
  readonly start: number;
  readonly count: number;
  readonly open: boolean;
}

/**
 * What the grower asks for each node. Histograms stay inside the splitter, under slot numbers the grower
 * hands out and recycles, so a threaded splitter can keep each thread's part of every histogram local.
 * rows is the grower's partition array, read when a histogram is built.
 */
export interface NodeSplitter {
  /** Starts a tree: the features it may split on (ascending) and this class's gradients and hessians. */
  beginTree(features: Int32Array, grad: Float64Array, hess: Float64Array): void;
  /** Builds the root's histogram into slot and finds its best split; false when no split is valid. */
  root(slot: number, node: SplitTarget, out: SplitInfo): boolean;
  /**
   * Builds the smaller child's histogram into smallSlot from its rows; the parent's histogram (parentSlot)
   * becomes the larger child's by subtraction. Finds the best split of each open child.
   * Returns bit 0 set when small has a split (in outSmall), bit 1 when large has one (in outLarge).
   */
  children(parentSlot: number, smallSlot: number, small: SplitTarget, large: SplitTarget, outSmall: SplitInfo, outLarge: SplitInfo): number;
}

/** The splitter of one thread: histograms of all active features, built and scanned here. */
export class SerialSplitter implements NodeSplitter {
  private readonly hists: Float64Array[] = [];
  private readonly histScratch: HistogramScratch;
  private readonly splitScratch: SplitScratch = createSplitScratch();
  private features: Int32Array = new Int32Array(0);
  private grad: Float64Array = new Float64Array(0);
  private hess: Float64Array = new Float64Array(0);

  constructor(
    private readonly data: BinnedData,
    private readonly rows: Int32Array,
    private readonly rules: SplitRules,
  ) {
    this.histScratch = createHistogramScratch(data.nFeatures, data.missingBin);
  }

  beginTree(features: Int32Array, grad: Float64Array, hess: Float64Array): void {
    this.features = features;
    this.grad = grad;
    this.hess = hess;
  }

  root(slot: number, node: SplitTarget, out: SplitInfo): boolean {
    const hist = this.hist(slot);
    buildHistogram(this.data, this.rows, node.start, node.count, this.grad, this.hess, this.features, this.histScratch, hist);
    return findBestSplit(hist, this.data, this.features, node, this.rules, this.splitScratch, out);
  }

  children(parentSlot: number, smallSlot: number, small: SplitTarget, large: SplitTarget, outSmall: SplitInfo, outLarge: SplitInfo): number {
    const { data, features } = this;
    const smallHist = this.hist(smallSlot);
    const largeHist = this.hist(parentSlot);
    buildHistogram(data, this.rows, small.start, small.count, this.grad, this.hess, features, this.histScratch, smallHist);
    subtractHistogram(largeHist, smallHist, features, data.missingBin + 1, largeHist, data.nBins);
    let found = 0;
    if (small.open && findBestSplit(smallHist, data, features, small, this.rules, this.splitScratch, outSmall)) found |= 1;
    if (large.open && findBestSplit(largeHist, data, features, large, this.rules, this.splitScratch, outLarge)) found |= 2;
    return found;
  }

  private hist(slot: number): Float64Array {
    let h = this.hists[slot];
    if (h === undefined) {
      h = new Float64Array(histogramLength(this.data.nFeatures, this.data.missingBin));
      this.hists[slot] = h;
    }
    return h;
  }
}
