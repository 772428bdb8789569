// Entry of every training thread: thread 0 coordinates the fit, the others run their share of each task.
import { parentPort, workerData } from 'node:worker_threads';
import { trainForest } from '../booster.js';
import type { PreparedFit } from '../prepare.js';
import type { TrainingProgress } from '../types.js';
import { serializeError } from './errors.js';
import type { FitMessage, WorkerStart } from './messages.js';
import { AbortedFit, helperLoop, recordError, TASK, Team } from './team.js';
import { ThreadBackend } from './thread-backend.js';
import { ThreadShare } from './thread-share.js';

const start = workerData as WorkerStart;
if (start.role === 'helper') runHelper(start);
else runCoordinator(start);

function runHelper(start: WorkerStart): void {
  const share = new ThreadShare(start.shared, start.thread);
  helperLoop(start.shared, (kind) => {
    if (kind === TASK.bin) share.bin();
    else if (kind === TASK.gradients) share.gradients();
    else if (kind === TASK.root) share.root();
    else if (kind === TASK.children) share.children();
    else throw new Error(`gbdt internal error: unknown task ${kind}`);
  });
}

/** Runs the core's boosting loop with the threaded backend and posts the forest (or the first error) to the caller. */
function runCoordinator(start: WorkerStart): void {
  const { shared, fit } = start;
  const post = (m: FitMessage): void => parentPort!.postMessage(m);
  const team = new Team(shared);
  const data: PreparedFit = {
    X: { nRows: shared.nRows, nFeatures: shared.nFeatures, values: shared.values },
    y: shared.y,
    w: shared.w,
    features: fit!.features,
    isCategorical: shared.isCategorical,
    nCategories: shared.nCategories,
    nClasses: shared.nClasses,
    monotonic: shared.monotonic,
    validation: fit!.validation,
  };
  try {
    const onProgress = fit!.reportProgress ? (progress: TrainingProgress) => post({ kind: 'progress', progress }) : undefined;
    const trained = trainForest(data, fit!.params, onProgress, new ThreadBackend(shared, team, new ThreadShare(shared, 0)));
    team.release();
    post({ kind: 'done', trained });
  } catch (err) {
    recordError(shared, err);
    post({ kind: 'error', error: err instanceof AbortedFit ? err.first : serializeError(err) });
  }
}
