// The caller's side of a threaded fit: shared memory, the workers, their messages, and their end.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TrainedForest } from '../booster.js';
import { createLoss } from '../loss.js';
import type { PreparedFit } from '../prepare.js';
import type { GbdtParams, TrainingProgress } from '../types.js';
import { toGbdtError } from './errors.js';
import type { FitMessage, WorkerStart } from './messages.js';
import {
  CONTROL, ERROR_BYTES, featureRanges, RESULT, sharedFloat64, sharedInt32, sharedUint8, TASK_LENGTH, THRESHOLDS_PER_FEATURE, toShared, type SharedFit,
} from './shared.js';

/**
 * The worker script. Built, it sits beside this file. When this file runs from TypeScript source (vitest
 * resolves the package's `source` condition) the workers, which run outside vitest, use the built twin
 * in dist/, so `npm run build` (or `npx tsc -b packages/gbdt`) must have run.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/node/worker.js', here) : new URL('./worker.js', here);
}

/** Spin of a thread that has a core to itself (SharedFit.spin): about 100 microseconds of loads. */
const SPIN_LOADS = 100_000;

/** Copies the training data into shared memory and sizes every shared array of the fit. */
export function shareFit(data: PreparedFit, params: GbdtParams, nThreads: number): SharedFit {
  // Sizes as int32, so the workers' copies are small integers too (see trainForest).
  const n = data.X.nRows | 0;
  const p = data.X.nFeatures | 0;
  const nOutputs = createLoss(params.objective, { nClasses: data.nClasses, quantileAlpha: params.quantileAlpha, huberDelta: params.huberDelta }).nOutputs;
  return {
    nThreads: nThreads | 0, spin: nThreads <= availableParallelism() ? Number(process.env['GBDT_SPIN'] ?? SPIN_LOADS) : 0, nRows: n, nFeatures: p, nOutputs: nOutputs | 0,
    featureStart: featureRanges(p, nThreads),
    objective: params.objective, nClasses: data.nClasses, quantileAlpha: params.quantileAlpha, huberDelta: params.huberDelta,
    maxBins: params.maxBins | 0, l2Regularization: params.l2Regularization, minSamplesLeaf: params.minSamplesLeaf, minChildWeight: params.minChildWeight,
    values: toShared(data.X.values),
    y: toShared(data.y),
    w: data.w === undefined ? undefined : toShared(data.w),
    isCategorical: toShared(data.isCategorical),
    nCategories: toShared(data.nCategories),
    monotonic: toShared(data.monotonic),
    bins: sharedUint8(n * p),
    thresholds: sharedFloat64(p * THRESHOLDS_PER_FEATURE),
    nThresholds: sharedInt32(p),
    nBins: sharedInt32(p),
    raw: sharedFloat64(nOutputs * n),
    grad: sharedFloat64(nOutputs * n),
    hess: sharedFloat64(nOutputs * n),
    rows: sharedInt32(n),
    features: sharedInt32(p),
    control: sharedInt32(CONTROL.length),
    task: sharedFloat64(TASK_LENGTH),
    results: sharedFloat64(nThreads * 2 * RESULT.length),
    error: sharedUint8(ERROR_BYTES),
  };
}

/**
 * Trains on nThreads threads (thread 0 coordinates) and resolves with the forest. Rejects with a GbdtError
 * when a thread fails, or with onProgress's own exception. Every worker has exited when it settles.
 */
export function trainInWorkers(data: PreparedFit, params: GbdtParams, nThreads: number, onProgress: ((p: TrainingProgress) => void) | undefined): Promise<TrainedForest> {
  const shared = shareFit(data, params, nThreads);
  const fit = { params, features: data.features, validation: data.validation, reportProgress: onProgress !== undefined };
  return new Promise<TrainedForest>((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      stop(shared);
      void Promise.all(workers.map((w) => w.terminate())).then(outcome, outcome);
    };
    const fail = (err: unknown): void => settle(() => reject(err));
    const onMessage = (m: FitMessage): void => {
      if (settled) return;
      if (m.kind === 'done') settle(() => resolve(m.trained));
      else if (m.kind === 'error') fail(toGbdtError(m.error, 'training failed'));
      else {
        try {
          onProgress?.(m.progress);
        } catch (err) {
          fail(err);
        }
      }
    };
    try {
      for (let t = 0; t < nThreads; t++) {
        const start: WorkerStart = t === 0 ? { role: 'coordinator', thread: 0, shared, fit } : { role: 'helper', thread: t, shared };
        const worker = new Worker(workerUrl(), { workerData: start });
        workers.push(worker);
        if (t === 0) worker.on('message', onMessage);
        worker.on('error', (err) => fail(toGbdtError({ name: err.name, message: err.message }, 'a training thread failed')));
        worker.on('exit', (code) => {
          if (code !== 0) fail(toGbdtError({ name: 'Error', message: `training thread ${t} exited with code ${code}` }, 'a training thread failed'));
          // A clean exit of the coordinator follows its last message; let that message be handled first.
          else if (t === 0) setImmediate(() => fail(toGbdtError(undefined, 'the coordinating thread ended without a result')));
        });
      }
    } catch (err) {
      fail(toGbdtError({ name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) }, 'could not start the training threads'));
    }
  });
}

/** Tells every thread to stop at its next check (a no-op for threads that are done). */
function stop(shared: SharedFit): void {
  Atomics.store(shared.control, CONTROL.abort, 1);
  Atomics.notify(shared.control, CONTROL.epoch);
  Atomics.notify(shared.control, CONTROL.pending);
}
