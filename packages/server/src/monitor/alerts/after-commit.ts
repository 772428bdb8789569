// The prediction path's hook: a prediction log that tells the alert dispatcher about rows once their transaction committed.
import type { PredictionLog } from '../../serve/index.js';
import type { AlertDispatcher } from './dispatcher.js';

/** Same log; append() resolves as before, then the dispatcher sees the committed rows (it never waits or throws). */
export function alertingLog(log: PredictionLog, dispatcher: Pick<AlertDispatcher, 'onPredictions'>): PredictionLog {
  return {
    ...log,
    async append(rows) {
      await log.append(rows);
      dispatcher.onPredictions(rows);
    },
  };
}
