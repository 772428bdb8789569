// How a fit uses the machine: its large arrays and the steps threads can share. Serial here; @shopfloor/gbdt/node adds worker threads.
import { binMatrix, fitBinMapper, type BinnedData } from './binning.js';
import type { Loss } from './loss.js';
import type { SplitRules } from './split.js';
import { SerialSplitter, type NodeSplitter } from './splitter.js';
import type { Matrix } from './types.js';

/** The arrays a fit updates in place: raw margins, gradients and hessians (class-major, nOutputs x nRows) and the row partition. */
export interface BoostArrays {
  readonly raw: Float64Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly rows: Int32Array;
}

/**
 * The steps of a fit that a backend may spread over threads. Every implementation must give the same
 * numbers bit for bit: a threaded backend splits work by rows or by features, never by changing the
 * order in which any one sum is added up.
 */
export interface TrainingBackend {
  /** Zeroed arrays for a fit with nOutputs trees per round on nRows rows. */
  arrays(nOutputs: number, nRows: number): BoostArrays;
  /** Bin thresholds of every feature and the binned matrix. */
  bin(X: Matrix, isCategorical: Uint8Array, nCategories: Int32Array, maxBins: number, seed: number): BinnedData;
  /** Gradients and hessians of every row (the arrays are those of arrays()). */
  gradients(loss: Loss, y: Float64Array, raw: Float64Array, w: Float64Array | undefined, grad: Float64Array, hess: Float64Array): void;
  /** The splitter the grower uses on data, reading the partition in rows. */
  splitter(data: BinnedData, rows: Int32Array, rules: SplitRules): NodeSplitter;
}

/** One thread, plain memory. */
export const serialBackend: TrainingBackend = {
  arrays(nOutputs, nRows) {
    return {
      raw: new Float64Array(nOutputs * nRows),
      grad: new Float64Array(nOutputs * nRows),
      hess: new Float64Array(nOutputs * nRows),
      rows: new Int32Array(nRows),
    };
  },
  bin(X, isCategorical, nCategories, maxBins, seed) {
    return binMatrix(X, fitBinMapper(X, isCategorical, nCategories, maxBins, seed));
  },
  gradients(loss, y, raw, w, grad, hess) {
    loss.gradientHessian(y, raw, w, grad, hess);
  },
  splitter(data, rows, rules) {
    return new SerialSplitter(data, rows, rules);
  },
};
