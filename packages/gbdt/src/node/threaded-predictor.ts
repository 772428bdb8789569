// Batch prediction on several threads: a pool bound to one model, the forest and each batch in shared memory.
import { GbdtError, type GbdtModel, type MatrixLike } from '../api.js';
import { checkFeatureCount, ForestModel } from '../model.js';
import { compileForest } from '../predictor.js';
import type { Matrix } from '../types.js';
import { toMatrix } from '../validate.js';
import { shareCompiled } from './predict-messages.js';
import { PREDICTOR_CLOSED, PredictPool } from './predict-pool.js';
import { sharedFloat64 } from './shared.js';
import { resolveThreads } from './threads-param.js';

/**
 * Batches smaller than this many tree walks (rows x trees) are predicted on the calling thread. Handing
 * a batch to the threads costs about 0.05 to 0.3 ms (messages, waking the threads, the copy into shared
 * memory), the time of some 3,000 to 20,000 walks on one thread. Measured with two threads on a busy
 * 2-core machine: a 200-tree model breaks even near 400 rows and gains 1.6 to 1.8x from 1,000 to 2,000;
 * a 20-tree one breaks even near 1,000 rows and gains 1.5x from 8,000. So 1,000 rows for 200 trees.
 */
export const MIN_PARALLEL_TREE_WALKS = 200_000;

export interface ThreadedPredictorOptions {
  /** Threads that predict (default os.availableParallelism()); 1 predicts on the calling thread. */
  readonly nThreads?: number;
  /** Batches with fewer rows are predicted on the calling thread (default MIN_PARALLEL_TREE_WALKS / trees, rounded up). */
  readonly minParallelRows?: number;
}

/**
 * Predicts large batches of one model on nThreads worker threads. The forest is copied once into shared
 * memory; each batch is copied once too (unless its values already are in a SharedArrayBuffer), and every
 * thread takes chunks of contiguous rows and writes their predictions straight into the shared output,
 * which is returned (a Float64Array over a SharedArrayBuffer). Each row is predicted by the core's code,
 * so results are bitwise those of model.predict / model.predictRaw, with the same errors.
 *
 * The threads start at the first large batch and stay until close(); they never keep the process alive
 * on their own. After close() every prediction is rejected with GBDT_PREDICTOR_CLOSED.
 */
export class ThreadedPredictor {
  readonly nThreads: number;
  readonly minParallelRows: number;
  private readonly model: ForestModel;
  private readonly pool: PredictPool | undefined;
  /** The shared copy of the last batch, kept for the next one (largest so far; freed by close()). */
  private spare: SharedArrayBuffer | undefined;
  private closed = false;

  constructor(model: GbdtModel, options: ThreadedPredictorOptions = {}) {
    if (!(model instanceof ForestModel)) {
      throw new GbdtError('GBDT_INVALID_PARAM', 'model must come from GradientBoosting.fit, loadModel or importXGBoost of @shopfloor/gbdt', { param: 'model' });
    }
    this.model = model;
    this.nThreads = resolveThreads(options.nThreads);
    this.minParallelRows = options.minParallelRows ?? Math.ceil(MIN_PARALLEL_TREE_WALKS / Math.max(1, model.forest.trees.length));
    if (!Number.isInteger(this.minParallelRows) || this.minParallelRows < 0) {
      throw new GbdtError('GBDT_INVALID_PARAM', `parameter 'minParallelRows' must be an integer >= 0; got ${String(options.minParallelRows)}`, { param: 'minParallelRows' });
    }
    this.pool = this.nThreads > 1 ? new PredictPool({ compiled: shareCompiled(compileForest(model.forest, model.features)), objective: model.objective }, this.nThreads) : undefined;
  }

  /** Same as model.predict(X): binary P(y = 1), multiclass row-major nRows x nClasses, regression values. */
  predict(X: MatrixLike): Promise<Float64Array> {
    return this.run(X, true);
  }

  /** Same as model.predictRaw(X): raw margins. */
  predictRaw(X: MatrixLike): Promise<Float64Array> {
    return this.run(X, false);
  }

  /** Ends the threads and frees the shared batch copy; predictions still pending are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.spare = undefined;
    await this.pool?.close();
  }

  private async run(X: MatrixLike, transform: boolean): Promise<Float64Array> {
    if (this.closed) throw new GbdtError(PREDICTOR_CLOSED, 'the ThreadedPredictor was closed; create a new one to predict again');
    const m = toMatrix(X);
    checkFeatureCount(this.model.forest.nFeatures, m.nFeatures);
    if (this.pool === undefined || m.nRows < this.minParallelRows) return transform ? this.model.predict(m) : this.model.predictRaw(m);
    const input = this.shareInput(m);
    const out = sharedFloat64(m.nRows * this.model.nClasses);
    try {
      await this.pool.run(input, out, transform);
    } finally {
      this.keepSpare(input.values, m.values);
    }
    return out;
  }

  /** X itself when its values are shared; else a copy, in the spare buffer when no other batch holds it. */
  private shareInput(X: Matrix): Matrix {
    const v = X.values;
    if (v.buffer instanceof SharedArrayBuffer) return X;
    // Float32 stays float32 (as the core reads it); anything else (also a plain array from JavaScript) becomes float64.
    const f32 = v instanceof Float32Array;
    const bytes = v.length * (f32 ? 4 : 8);
    let buffer = this.spare;
    if (buffer !== undefined && buffer.byteLength >= bytes) this.spare = undefined;
    else buffer = new SharedArrayBuffer(Math.max(8, bytes));
    const values = f32 ? new Float32Array(buffer, 0, v.length) : new Float64Array(buffer, 0, v.length);
    values.set(v);
    return { nRows: X.nRows, nFeatures: X.nFeatures, values };
  }

  private keepSpare(shared: Matrix['values'], original: Matrix['values']): void {
    if (shared === original || this.closed) return;
    const b = shared.buffer as SharedArrayBuffer;
    if (this.spare === undefined || b.byteLength > this.spare.byteLength) this.spare = b;
  }
}

/**
 * One batch on nThreads threads: starts a ThreadedPredictor, predicts, closes it. Starting the threads
 * costs tens of milliseconds; to predict many batches, keep a ThreadedPredictor instead.
 */
export async function predictParallel(model: GbdtModel, X: MatrixLike, options: ThreadedPredictorOptions = {}): Promise<Float64Array> {
  const predictor = new ThreadedPredictor(model, options);
  try {
    return await predictor.predict(X);
  } finally {
    await predictor.close();
  }
}

/** A Matrix whose values live in a SharedArrayBuffer: fill it, and ThreadedPredictor reads it without a copy. */
export function sharedMatrix(nRows: number, nFeatures: number): Matrix {
  return { nRows, nFeatures, values: sharedFloat64(nRows * nFeatures) };
}
