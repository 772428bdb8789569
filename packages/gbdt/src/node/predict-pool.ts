// A small pool of prediction threads bound to one compiled forest: each job's rows are shared out in chunks.
import { Worker } from 'node:worker_threads';
import { GbdtError, type GbdtErrorCode } from '../api.js';
import type { Matrix } from '../types.js';
import { toGbdtError, WORKER_FAILED, type SerializedError } from './errors.js';
import { JOB, type PredictJob, type PredictReply, type PredictWorkerStart } from './predict-messages.js';
import { sharedInt32 } from './shared.js';

/** Code of a prediction asked of a ThreadedPredictor after close(), or pending when close() was called. */
export const PREDICTOR_CLOSED = 'GBDT_PREDICTOR_CLOSED' as GbdtErrorCode;

/** The worker script; from TypeScript source (vitest) the built twin in dist/ (see run-workers.ts). */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/node/predict-worker.js', here) : new URL('./predict-worker.js', here);
}

interface PendingJob {
  remaining: number;
  readonly failures: { row: number; error: SerializedError }[];
  readonly control: Int32Array;
  readonly resolve: () => void;
  readonly reject: (err: GbdtError) => void;
}

/**
 * Threads start at the first job and stay for the next ones. They are unref'd while no job is pending, so
 * an idle pool never keeps the process alive, and ref'd while one is, so awaiting a job does. A thread that
 * crashes fails the pending jobs (GBDT_WORKER_FAILED) and the next job starts fresh threads; after close()
 * every job is refused (GBDT_PREDICTOR_CLOSED).
 */
export class PredictPool {
  private workers: Worker[] | undefined;
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly start: PredictWorkerStart,
    readonly nThreads: number,
  ) {}

  /** Fills out (shared, nRows x nClasses) with the predictions of every row of X (values in shared memory). */
  run(X: Matrix, out: Float64Array, transform: boolean): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    let workers: Worker[];
    try {
      workers = this.workers ?? this.spawn();
    } catch (err) {
      return Promise.reject(new GbdtError(WORKER_FAILED, `could not start the prediction threads: ${err instanceof Error ? err.message : String(err)}`));
    }
    const id = this.nextId++;
    const control = sharedInt32(JOB.length);
    const job: PredictJob = { id, X, out, chunkRows: chunkRows(X.nRows, workers.length), transform, control };
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { remaining: workers.length, failures: [], control, resolve, reject });
      if (this.pending.size === 1) for (const w of workers) w.ref();
      for (const w of workers) w.postMessage(job);
    });
  }

  /** Ends the threads; pending and later jobs are rejected with GBDT_PREDICTOR_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop(closedError());
  }

  private spawn(): Worker[] {
    const workers: Worker[] = [];
    this.workers = workers;
    const fail = (message: string): void => {
      if (this.workers === workers) void this.stop(new GbdtError(WORKER_FAILED, message));
    };
    for (let t = 0; t < this.nThreads; t++) {
      const w = new Worker(workerUrl(), { workerData: this.start });
      w.unref();
      workers.push(w);
      w.on('message', (m: PredictReply) => this.onReply(m));
      w.on('error', (err) => fail(`a prediction thread failed: ${err.name}: ${err.message}`));
      w.on('exit', (code) => fail(`prediction thread ${t} exited with code ${code}`));
    }
    return workers;
  }

  private onReply(m: PredictReply): void {
    const job = this.pending.get(m.id);
    if (job === undefined) return;
    if (m.kind === 'error') job.failures.push({ row: m.row, error: m.error });
    if (--job.remaining > 0) return;
    this.forget(m.id);
    // Every thread bumped `finished` after its last write to out: this load orders those writes before ours.
    Atomics.load(job.control, JOB.finished);
    if (job.failures.length === 0) job.resolve();
    else job.reject(firstFailure(job.failures));
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) for (const w of this.workers ?? []) w.unref();
  }

  /** Ends the current threads (if any) and rejects every pending job with err. */
  private async stop(err: GbdtError): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    for (const [id, job] of [...this.pending]) {
      this.forget(id);
      job.reject(err);
    }
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The lowest bad row (what the core reports, as it stops at the first); else the first failure. */
function firstFailure(failures: readonly { row: number; error: SerializedError }[]): GbdtError {
  const rows = failures.filter((f) => f.row >= 0).sort((a, b) => a.row - b.row);
  const { error } = rows[0] ?? failures[0]!;
  if (error.name === 'GbdtError' && error.code !== undefined) return toGbdtError(error, '');
  return new GbdtError(WORKER_FAILED, `a prediction thread failed: ${error.name}: ${error.message}`, { cause: error.message });
}

function closedError(): GbdtError {
  return new GbdtError(PREDICTOR_CLOSED, 'the ThreadedPredictor was closed; create a new one to predict again');
}

/**
 * Rows per chunk: about 16 chunks per thread, so a thread that starts late or is slowed by other work on
 * the machine leaves its remaining chunks to the others; a multiple of 64 (the predictor's block),
 * between 64 and 8,192 rows.
 */
export function chunkRows(nRows: number, nThreads: number): number {
  const even = Math.ceil(nRows / (nThreads * 16) / 64) * 64;
  return Math.min(8192, Math.max(64, even));
}
