// Entry of a prediction thread: takes chunks of rows of each job in turn and writes their predictions to shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { GbdtError } from '../api.js';
import { applyInverseLink } from '../link.js';
import { ForestPredictor } from '../predictor.js';
import { serializeError } from './errors.js';
import { JOB, type PredictJob, type PredictReply, type PredictWorkerStart } from './predict-messages.js';

const start = workerData as PredictWorkerStart;
const predictor = new ForestPredictor(start.compiled);
const K = start.compiled.nClasses;

parentPort!.on('message', (job: PredictJob) => parentPort!.postMessage(run(job)));

/**
 * Chunks are taken in increasing order, and a failing thread stops the others from taking more, so every
 * chunk before a failing one is still predicted: the caller can report the lowest bad row, as the core does.
 */
function run(job: PredictJob): PredictReply {
  const { X, out, chunkRows, transform, control } = job;
  const nChunks = Math.ceil(X.nRows / chunkRows);
  try {
    for (;;) {
      if (Atomics.load(control, JOB.abort) !== 0) break;
      const chunk = Atomics.add(control, JOB.nextChunk, 1);
      if (chunk >= nChunks) break;
      const first = chunk * chunkRows;
      const end = Math.min(X.nRows, first + chunkRows);
      predictor.predictRawRows(X, first, end, out);
      if (transform) applyInverseLink(start.objective, out, K, out, first * K, end - first);
    }
    Atomics.add(control, JOB.finished, 1);
    return { kind: 'done', id: job.id };
  } catch (err) {
    Atomics.store(control, JOB.abort, 1);
    Atomics.add(control, JOB.finished, 1);
    const row = err instanceof GbdtError && typeof err.details.row === 'number' ? err.details.row : -1;
    return { kind: 'error', id: job.id, row, error: serializeError(err) };
  }
}
