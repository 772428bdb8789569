// The memory every thread of a fit shares (SharedArrayBuffer views) and the plain settings they all read.
import type { Objective } from '../types.js';

/** Float64Array or Float32Array over shared memory, as the training matrix may be either. */
export type SharedValues = Float64Array | Float32Array;

/**
 * Settings and shared arrays of one fit, passed to every worker at start (structured clone keeps the
 * SharedArrayBuffers shared). Shapes (n rows, p features, K outputs, T threads):
 *   values  n x p row-major copy of X       bins        p x n column-major bin codes
 *   y, w    n (w absent = all ones)         raw/grad/hess  K x n class-major
 *   rows    n (the grower's partition)      thresholds  p x 255 (thresholds of feature j at j * 255)
 *   nBins, nThresholds  p                   features    p (active features of the current tree, ascending)
 *   control Int32 words of team.ts           task        Float64 arguments of the current task
 *   results T x 2 x RESULT_LENGTH (each thread's best split for the small and the large child)
 *   error   UTF-8 JSON of the first error a thread hit
 */
export interface SharedFit {
  readonly nThreads: number;
  /**
   * Loads of a control word before a thread sleeps in Atomics.wait. Tasks follow each other within tens
   * of microseconds, and waking a sleeping thread costs about that much (more in a VM), so a thread
   * that has a core to itself spins first; with more threads than cores it sleeps at once.
   */
  readonly spin: number;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly nOutputs: number;
  /** Thread t owns features featureStart[t] .. featureStart[t + 1] - 1 (histograms and split search). */
  readonly featureStart: readonly number[];
  readonly objective: Objective;
  readonly nClasses: number;
  readonly quantileAlpha: number;
  readonly huberDelta: number;
  readonly maxBins: number;
  readonly l2Regularization: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly values: SharedValues;
  readonly y: Float64Array;
  readonly w: Float64Array | undefined;
  readonly isCategorical: Uint8Array;
  readonly nCategories: Int32Array;
  readonly monotonic: Int8Array;
  readonly bins: Uint8Array;
  readonly thresholds: Float64Array;
  readonly nThresholds: Int32Array;
  readonly nBins: Int32Array;
  readonly raw: Float64Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly rows: Int32Array;
  readonly features: Int32Array;
  readonly control: Int32Array;
  readonly task: Float64Array;
  readonly results: Float64Array;
  readonly error: Uint8Array;
}

/** Words of SharedFit.control (Int32). */
export const CONTROL = {
  /** Bumped by the coordinator for every task; helpers wait on it. */
  epoch: 0,
  /** Helpers still working on the current task; the coordinator waits on it. */
  pending: 1,
  /** Non-zero: stop; every thread leaves its loop and the coordinator throws. */
  abort: 2,
  /** 1 once error holds the first error (set by compare-and-swap, so the first one stays). */
  errorSet: 3,
  /** Kind of the current task (TASK in team.ts). */
  kind: 4,
  /** Length of the JSON text in error. */
  errorLength: 5,
  length: 8,
} as const;

/** One split in SharedFit.results: found flag, gain, where, children sums, values, categorical bits. */
export const RESULT = { found: 0, gain: 1, feature: 2, binThreshold: 3, missingLeft: 4, categorical: 5, leftG: 6, leftH: 7, leftCount: 8, rightG: 9, rightH: 10, rightCount: 11, leftValue: 12, rightValue: 13, catBits: 14, length: 22 } as const;

export const TASK_LENGTH = 32;
export const ERROR_BYTES = 8192;
/** Thresholds per feature in SharedFit.thresholds: at most maxBins - 1 = 254, rounded up. */
export const THRESHOLDS_PER_FEATURE = 255;

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(8, bytes)));
}

export const sharedFloat64 = (n: number): Float64Array => shared((b) => new Float64Array(b, 0, n), n * 8);
export const sharedInt32 = (n: number): Int32Array => shared((b) => new Int32Array(b, 0, n), n * 4);
export const sharedUint8 = (n: number): Uint8Array => shared((b) => new Uint8Array(b, 0, n), n);

/** A copy of a in shared memory (or a itself when it already is shared). */
export function toShared<T extends Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | Int8Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => T;
  const out = new Ctor(new SharedArrayBuffer(Math.max(8, a.byteLength)), 0, a.length);
  out.set(a as never);
  return out;
}

/** Contiguous feature ranges, as even as possible: range t is featureStart[t] .. featureStart[t + 1] - 1. */
export function featureRanges(nFeatures: number, nThreads: number): number[] {
  return Array.from({ length: nThreads + 1 }, (_, t) => Math.floor((t * nFeatures) / nThreads) | 0);
}

/** Row range of thread t for row-parallel steps (gradients). */
export function rowRange(nRows: number, nThreads: number, t: number): [number, number] {
  return [Math.floor((t * nRows) / nThreads) | 0, Math.floor(((t + 1) * nRows) / nThreads) | 0];
}
