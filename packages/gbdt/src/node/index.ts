// @shopfloor/gbdt/node: the estimator and batch prediction on worker threads (shared memory); everything else as in the core entry.
import type { GbdtModel } from '../api.js';
import { modelFromForest, trainForest } from '../booster.js';
import { resolveParams } from '../params.js';
import { prepareFit } from '../prepare.js';
import type { FitInput, GbdtParams, Objective } from '../types.js';
import { trainInWorkers } from './run-workers.js';
import { resolveThreads } from './threads-param.js';

export * from '../index.js';

/** Core parameters plus nThreads: threads that train (default: os.availableParallelism()). */
export type NodeGbdtParams = Partial<GbdtParams> & { objective: Objective; nThreads?: number };

/** Tuning of when threads are worth starting (the defaults suit real data; tests lower them). */
export interface ThreadOptions {
  /** Fits on fewer rows x features than this stay on the calling thread (default MIN_PARALLEL_CELLS). */
  readonly minParallelCells?: number;
}

/**
 * Below about this many rows x features, starting workers and copying the data costs more than the
 * threads save (AI4I, 8,000 x 6, trains in ~0.15 s on one thread).
 */
export const MIN_PARALLEL_CELLS = 200_000;

/**
 * GradientBoosting with worker threads. Same parameters as the core one, plus nThreads; fit returns a
 * Promise and, on data large enough to use threads, trains off the calling thread, so the event loop
 * stays free. The model is bitwise the same as the core's for any nThreads: each thread owns a fixed
 * range of features, and every histogram cell is summed by one thread in the core's row order.
 */
export class GradientBoosting {
  readonly params: Readonly<NodeGbdtParams>;
  private readonly options: ThreadOptions;

  constructor(params: NodeGbdtParams, options: ThreadOptions = {}) {
    this.params = Object.freeze({ ...params });
    this.options = Object.freeze({ ...options });
  }

  /** Trains on input; rejects with GbdtError on bad parameters or data, or when a thread fails. */
  async fit(input: FitInput): Promise<GbdtModel> {
    const { nThreads, ...core } = this.params;
    const threads = resolveThreads(nThreads);
    const params = resolveParams(core);
    const data = prepareFit(input, params);
    const usable = Math.min(threads, data.X.nFeatures);
    const cells = data.X.nRows * data.X.nFeatures;
    if (usable <= 1 || cells < (this.options.minParallelCells ?? MIN_PARALLEL_CELLS)) {
      const { forest, meta } = trainForest(data, params, input.onProgress);
      return modelFromForest(forest, meta);
    }
    const { forest, meta } = await trainInWorkers(data, params, usable, input.onProgress);
    return modelFromForest(forest, meta);
  }
}

export { MIN_PARALLEL_TREE_WALKS, predictParallel, sharedMatrix, ThreadedPredictor, type ThreadedPredictorOptions } from './threaded-predictor.js';
export { PREDICTOR_CLOSED } from './predict-pool.js';
