// Errors that cross threads: a plain record in a worker, a GbdtError again on the caller's side.
import { GbdtError, type GbdtErrorCode } from '../api.js';

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Code of a failure of the threads themselves (a worker that cannot start, crashes or runs out of memory),
 * as opposed to bad input, which keeps its own code.
 */
export const WORKER_FAILED = 'GBDT_WORKER_FAILED' as GbdtErrorCode;

export function serializeError(err: unknown): SerializedError {
  if (err instanceof GbdtError) return { name: err.name, message: err.message, code: err.code, details: plainDetails(err.details) };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** A GbdtError for the caller: a learner error keeps its code; anything else becomes GBDT_WORKER_FAILED. */
export function toGbdtError(e: SerializedError | undefined, fallback: string): GbdtError {
  if (e === undefined) return new GbdtError(WORKER_FAILED, fallback);
  if (e.name === 'GbdtError' && e.code !== undefined) return new GbdtError(e.code as GbdtErrorCode, e.message, e.details ?? {});
  return new GbdtError(WORKER_FAILED, `a training thread failed: ${e.name}: ${e.message}`, { cause: e.message });
}

function plainDetails(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
