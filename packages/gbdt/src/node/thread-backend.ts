// The coordinator's TrainingBackend: every step the core hands it runs as a task on all threads of the team.
import type { BoostArrays, TrainingBackend } from '../backend.js';
import type { BinnedData } from '../binning.js';
import type { SplitInfo } from '../split.js';
import type { NodeSplitter, SplitTarget } from '../splitter.js';
import { RESULT, THRESHOLDS_PER_FEATURE, type SharedFit } from './shared.js';
import { TASK, type Team } from './team.js';
import { ARG, readResult, writeNode, type ThreadShare } from './thread-share.js';

export class ThreadBackend implements TrainingBackend {
  constructor(
    private readonly shared: SharedFit,
    private readonly team: Team,
    private readonly own: ThreadShare,
  ) {}

  arrays(nOutputs: number, nRows: number): BoostArrays {
    const s = this.shared;
    if (nOutputs !== s.nOutputs || nRows !== s.nRows) throw new Error(`gbdt internal error: shared arrays are for ${s.nOutputs} x ${s.nRows}, fit asks ${nOutputs} x ${nRows}`);
    return { raw: s.raw, grad: s.grad, hess: s.hess, rows: s.rows };
  }

  /** Each thread bins its feature range of the shared copy of X; the thresholds are gathered here. */
  bin(X: { nRows: number; nFeatures: number }, _isCategorical: Uint8Array, _nCategories: Int32Array, maxBins: number, seed: number): BinnedData {
    const s = this.shared;
    if (X.nRows !== s.nRows || X.nFeatures !== s.nFeatures || maxBins !== s.maxBins) throw new Error('gbdt internal error: binning a matrix other than the shared one');
    s.task[ARG.seed] = seed;
    this.team.run(TASK.bin, () => this.own.bin());
    const thresholds = Array.from({ length: s.nFeatures }, (_, j) =>
      Float64Array.from(s.thresholds.subarray(j * THRESHOLDS_PER_FEATURE, j * THRESHOLDS_PER_FEATURE + s.nThresholds[j]!)));
    return { missingBin: s.maxBins, nBins: Int32Array.from(s.nBins), thresholds, isCategorical: s.isCategorical, nRows: s.nRows, nFeatures: s.nFeatures, bins: s.bins };
  }

  /** Rows are split into one range per thread; each thread uses its own copy of the loss. */
  gradients(): void {
    this.team.run(TASK.gradients, () => this.own.gradients());
  }

  splitter(_data: BinnedData, rows: Int32Array): NodeSplitter {
    if (rows !== this.shared.rows) throw new Error('gbdt internal error: the partition must be the shared rows array');
    return new ThreadSplitter(this.shared, this.team, this.own);
  }
}

/**
 * Hands each node to every thread (each builds and searches its own features) and keeps the best of
 * their answers: the highest gain, the lowest thread (= lowest feature) on ties, which is the split a
 * single thread scanning all features in order keeps.
 */
class ThreadSplitter implements NodeSplitter {
  private tree = 0;

  constructor(
    private readonly shared: SharedFit,
    private readonly team: Team,
    private readonly own: ThreadShare,
  ) {}

  beginTree(features: Int32Array, grad: Float64Array, hess: Float64Array): void {
    const s = this.shared;
    if (grad.buffer !== s.grad.buffer || hess.buffer !== s.hess.buffer || grad.byteOffset !== hess.byteOffset) {
      throw new Error('gbdt internal error: gradients must be views of the shared arrays');
    }
    s.features.set(features);
    this.tree++;
    s.task[ARG.tree] = this.tree;
    s.task[ARG.nActive] = features.length;
    s.task[ARG.classOffset] = (grad.byteOffset - s.grad.byteOffset) / Float64Array.BYTES_PER_ELEMENT;
  }

  root(slot: number, node: SplitTarget, out: SplitInfo): boolean {
    const t = this.shared.task;
    t[ARG.parentSlot] = slot;
    writeNode(t, ARG.small, node);
    this.team.run(TASK.root, () => this.own.root());
    return this.best(0, out);
  }

  children(parentSlot: number, smallSlot: number, small: SplitTarget, large: SplitTarget, outSmall: SplitInfo, outLarge: SplitInfo): number {
    const t = this.shared.task;
    t[ARG.parentSlot] = parentSlot;
    t[ARG.smallSlot] = smallSlot;
    writeNode(t, ARG.small, small);
    writeNode(t, ARG.large, large);
    this.team.run(TASK.children, () => this.own.children());
    return (this.best(0, outSmall) ? 1 : 0) | (this.best(1, outLarge) ? 2 : 0);
  }

  private best(which: number, out: SplitInfo): boolean {
    const r = this.shared.results;
    let best = -1;
    let bestGain = -Infinity;
    for (let t = 0; t < this.shared.nThreads; t++) {
      const o = (t * 2 + which) * RESULT.length;
      if (r[o + RESULT.found] !== 1) continue;
      const gain = r[o + RESULT.gain]!;
      if (best < 0 || gain > bestGain) {
        best = t;
        bestGain = gain;
      }
    }
    if (best < 0) return false;
    readResult(r, best, which, out);
    return true;
  }
}
