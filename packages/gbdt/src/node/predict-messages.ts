// What the caller's thread and the prediction threads say to each other, and the forest in shared memory.
import type { CompiledForest } from '../predictor.js';
import type { Matrix, Objective } from '../types.js';
import type { SerializedError } from './errors.js';
import { toShared } from './shared.js';

/** workerData of a prediction thread: the compiled forest (its arrays in SharedArrayBuffers) and the link. */
export interface PredictWorkerStart {
  readonly compiled: CompiledForest;
  readonly objective: Objective;
}

/** Words of PredictJob.control (Int32, shared by the threads of one job). */
export const JOB = {
  /** Next chunk to take: each thread takes chunks with Atomics.add until none is left. */
  nextChunk: 0,
  /** Non-zero once a thread failed: the others take no further chunk. */
  abort: 1,
  /** Threads done with the job; bumped after the last write to out, read by the caller (memory order). */
  finished: 2,
  length: 4,
} as const;

/**
 * Caller -> every thread: predict rows chunk * chunkRows .. of X (values in shared memory) into out
 * (shared, row-major nRows x nClasses); transform applies the inverse link (predict), else raw margins.
 */
export interface PredictJob {
  readonly id: number;
  readonly X: Matrix;
  readonly out: Float64Array;
  readonly chunkRows: number;
  readonly transform: boolean;
  readonly control: Int32Array;
}

/** Thread -> caller, once per job: done, or the error of the first bad row it met (row -1: not a row's fault). */
export type PredictReply =
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'error'; readonly id: number; readonly row: number; readonly error: SerializedError };

/** The compiled forest with every array copied once into shared memory, to be posted to every thread. */
export function shareCompiled(c: CompiledForest): CompiledForest {
  const p = c.packed;
  return {
    ...c,
    base: toShared(c.base),
    catFeatures: toShared(c.catFeatures),
    catCounts: toShared(c.catCounts),
    packed: {
      ...p,
      feat: toShared(p.feat), thr: toShared(p.thr), child: toShared(p.child), missRight: toShared(p.missRight), val: toShared(p.val),
      rOff: toShared(p.rOff), rbits: toShared(p.rbits),
      catOff: toShared(p.catOff), catLimit: toShared(p.catLimit), bits: toShared(p.bits), roots: toShared(p.roots), depth: toShared(p.depth), cls: toShared(p.cls),
    },
  };
}
