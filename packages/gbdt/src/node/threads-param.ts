// The nThreads parameter shared by threaded training and threaded prediction.
import { availableParallelism } from 'node:os';
import { GbdtError } from '../api.js';

/** nThreads as given (an integer in [1, 256]) or, when undefined, os.availableParallelism(). */
export function resolveThreads(nThreads: number | undefined): number {
  if (nThreads === undefined) return Math.max(1, availableParallelism());
  if (typeof nThreads !== 'number' || !Number.isInteger(nThreads) || nThreads < 1 || nThreads > 256) {
    throw new GbdtError('GBDT_INVALID_PARAM', `parameter 'nThreads' must be an integer in [1, 256]; got ${String(nThreads)}`, { param: 'nThreads' });
  }
  return nThreads;
}
