// The threads of one fit: the coordinator hands out a task, every thread does its share, the coordinator waits for all.
import { CONTROL, ERROR_BYTES, type SharedFit } from './shared.js';
import { serializeError, type SerializedError } from './errors.js';

/** Kinds of task (CONTROL.kind). */
export const TASK = { exit: 1, bin: 2, gradients: 3, root: 4, children: 5 } as const;

/** The coordinator re-checks the abort word this often (ms) while it waits, even without a notify. */
const WAIT_SLICE_MS = 100;

/**
 * Coordinator side. A task:
 *
 *   coordinator: write arguments -> pending = T-1 -> epoch++ (notify) -> own share -> wait pending == 0
 *   helper t:    wait epoch change -> read arguments -> its share -> pending-- (notify when 0)
 *
 * Plain reads and writes of the shared arrays are ordered by the Atomics operations on epoch and
 * pending (sequentially consistent), so a helper sees everything written before the task started, and
 * the coordinator sees every helper's results once pending is 0.
 */
export class Team {
  private readonly control: Int32Array;

  constructor(private readonly shared: SharedFit) {
    this.control = shared.control;
  }

  /** Runs a task: helpers start it, the coordinator does its own share meanwhile, then waits for all. */
  run(kind: number, own: () => void): void {
    const c = this.control;
    this.checkAbort();
    Atomics.store(c, CONTROL.pending, this.shared.nThreads - 1);
    Atomics.store(c, CONTROL.kind, kind);
    Atomics.add(c, CONTROL.epoch, 1);
    Atomics.notify(c, CONTROL.epoch);
    try {
      own();
    } catch (err) {
      recordError(this.shared, err);
      throw err;
    }
    this.awaitHelpers();
  }

  /** Tells the helpers to leave their loops (the workers then end on their own). */
  release(): void {
    const c = this.control;
    Atomics.store(c, CONTROL.kind, TASK.exit);
    Atomics.add(c, CONTROL.epoch, 1);
    Atomics.notify(c, CONTROL.epoch);
  }

  private awaitHelpers(): void {
    const c = this.control;
    let v = Atomics.load(c, CONTROL.pending);
    for (let i = 0; v !== 0 && i < this.shared.spin; i++) v = Atomics.load(c, CONTROL.pending);
    while (v !== 0) {
      this.checkAbort();
      Atomics.wait(c, CONTROL.pending, v, WAIT_SLICE_MS);
      v = Atomics.load(c, CONTROL.pending);
    }
    this.checkAbort();
  }

  private checkAbort(): void {
    if (Atomics.load(this.control, CONTROL.abort) === 0) return;
    throw new AbortedFit(readError(this.shared));
  }
}

/** Thrown in the coordinator when another thread (or the main thread) stopped the fit; carries the first error. */
export class AbortedFit extends Error {
  constructor(readonly first: SerializedError | undefined) {
    super(first?.message ?? 'training was stopped');
  }
}

/**
 * Helper side: runs tasks until told to exit or to stop. An exception is recorded for the coordinator
 * (first error wins) and ends the loop.
 */
export function helperLoop(shared: SharedFit, runTask: (kind: number) => void): void {
  const c = shared.control;
  let seen = 0;
  for (;;) {
    let e = Atomics.load(c, CONTROL.epoch);
    for (let i = 0; e === seen && i < shared.spin; i++) e = Atomics.load(c, CONTROL.epoch);
    while (e === seen) {
      if (Atomics.load(c, CONTROL.abort) !== 0) return;
      Atomics.wait(c, CONTROL.epoch, seen, WAIT_SLICE_MS);
      e = Atomics.load(c, CONTROL.epoch);
    }
    seen = e;
    const kind = Atomics.load(c, CONTROL.kind);
    if (kind === TASK.exit || Atomics.load(c, CONTROL.abort) !== 0) return;
    try {
      runTask(kind);
    } catch (err) {
      recordError(shared, err);
      return;
    }
    if (Atomics.sub(c, CONTROL.pending, 1) === 1) Atomics.notify(c, CONTROL.pending);
  }
}

/** Keeps err as the fit's first error (unless one is already kept), then stops every thread. */
export function recordError(shared: SharedFit, err: unknown): void {
  const c = shared.control;
  if (!(err instanceof AbortedFit) && Atomics.compareExchange(c, CONTROL.errorSet, 0, 1) === 0) {
    const bytes = new TextEncoder().encode(JSON.stringify(serializeError(err)));
    const n = Math.min(bytes.length, ERROR_BYTES);
    shared.error.set(bytes.subarray(0, n));
    Atomics.store(c, CONTROL.errorLength, n);
  }
  Atomics.store(c, CONTROL.abort, 1);
  Atomics.notify(c, CONTROL.epoch);
  Atomics.notify(c, CONTROL.pending);
}

/** The first error kept by recordError, if any. */
export function readError(shared: SharedFit): SerializedError | undefined {
  const n = Atomics.load(shared.control, CONTROL.errorLength);
  if (Atomics.load(shared.control, CONTROL.errorSet) === 0 || n === 0) return undefined;
  try {
    // TextDecoder refuses views of shared memory: decode a private copy.
    return JSON.parse(new TextDecoder().decode(shared.error.slice(0, n))) as SerializedError;
  } catch {
    return { name: 'Error', message: 'a training thread failed (its error could not be read)' };
  }
}
