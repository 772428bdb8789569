// Runs shadow predictions after the answer is sent: short slices of the event loop, a bounded queue, a time budget per call.
//
// A shadow is a plain function call into a model. Synchronous code cannot be interrupted, so the budget
// is enforced after the fact: a call that took longer than the budget disables its shadow for good (until
// the deployment changes), and one that returns a promise is raced against the budget and disabled the
// same way when it loses. A call that throws is counted and reported; nothing a shadow does reaches the
// champion's answer, which was computed (and sent) before any shadow ran.

export interface ShadowOutcome<T> {
  output: T | null;
  error: string | null;
  latencyMs: number;
}

export interface ShadowJob<T> {
  /** What gets disabled when a call is too slow: the shadow's model version id (per use case). */
  key: string;
  /** Rows in the call: the budget is per started 1,000 rows (a 10,000-row request is not one slow answer). Default 1. */
  rows?: number;
  run(): T | Promise<T>;
  done(outcome: ShadowOutcome<T>): void;
}

export interface ShadowRunnerStats {
  queued: number;
  ran: number;
  /** Refused because the queue was full. */
  dropped: number;
  /** Not run because their shadow had been disabled. */
  skipped: number;
  failed: number;
  disabled: string[];
}

export interface ShadowRunner {
  /** False when the job was not queued (queue full, or its shadow disabled). */
  schedule<T>(job: ShadowJob<T>): boolean;
  /** Why the shadow with this key is disabled, or null. */
  disabledReason(key: string): string | null;
  /** Lets a disabled shadow run again (a new deployment of it). */
  enable(key: string): void;
  stats(): ShadowRunnerStats;
  /** Resolves once the queue is empty (tests, shutdown). */
  idle(): Promise<void>;
}

export interface ShadowRunnerOptions {
  maxQueue?: number;
  budgetMs?: number;
  /** How long one turn of the event loop runs queued synchronous jobs before it yields to I/O; default 0.5 ms. */
  sliceMs?: number;
  now?: () => number;
  /** Told about every failed or disabled shadow call. */
  warn?: (message: string, detail: Record<string, unknown>) => void;
}

export const DEFAULT_SHADOW_QUEUE = 1000;
export const DEFAULT_SHADOW_BUDGET_MS = 250;
export const DEFAULT_SHADOW_SLICE_MS = 0.5;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

export function createShadowRunner(opts: ShadowRunnerOptions = {}): ShadowRunner {
  const maxQueue = opts.maxQueue ?? DEFAULT_SHADOW_QUEUE;
  const baseBudgetMs = opts.budgetMs ?? DEFAULT_SHADOW_BUDGET_MS;
  const sliceMs = opts.sliceMs ?? DEFAULT_SHADOW_SLICE_MS;
  const now = opts.now ?? (() => performance.now());
  const warn = opts.warn ?? (() => undefined);
  const queue: ShadowJob<unknown>[] = [];
  const disabled = new Map<string, string>();
  const counts = { ran: 0, dropped: 0, skipped: 0, failed: 0 };
  let pumping = false;
  let waiters: (() => void)[] = [];

  const budgetOf = (job: ShadowJob<unknown>): number => baseBudgetMs * Math.max(1, Math.ceil((job.rows ?? 1) / 1000));

  function disable(key: string, reason: string): void {
    disabled.set(key, reason);
    warn(`shadow ${key} disabled: ${reason}`, { key, budgetMs: baseBudgetMs });
  }

  /** Runs one job; returns a promise only when the job answered with one (raced against its budget). */
  function runOne(job: ShadowJob<unknown>): Promise<void> | undefined {
    const budgetMs = budgetOf(job);
    const started = now();
    let result: unknown;
    try {
      result = job.run();
    } catch (e) {
      finish(job, budgetMs, started, null, e instanceof Error ? e.message : String(e), false);
      return undefined;
    }
    if (!isThenable(result)) {
      finish(job, budgetMs, started, result, null, false);
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetMs)));
    return Promise.race([Promise.resolve(result).then((v) => ({ v })), deadline])
      .then(
        (settled) =>
          settled === 'late' ? finish(job, budgetMs, started, null, `no answer within ${budgetMs} ms`, true) : finish(job, budgetMs, started, settled.v, null, false),
        (e: unknown) => finish(job, budgetMs, started, null, e instanceof Error ? e.message : String(e), false),
      )
      .finally(() => clearTimeout(timer));
  }

  function finish(job: ShadowJob<unknown>, budgetMs: number, started: number, output: unknown, error: string | null, late: boolean): void {
    const latencyMs = now() - started;
    counts.ran++;
    if (late) disable(job.key, `a call gave no answer within ${budgetMs} ms`);
    else if (latencyMs > budgetMs) disable(job.key, `a call took ${Math.round(latencyMs)} ms, over the budget of ${budgetMs} ms`);
    if (error !== null) {
      counts.failed++;
      warn(`shadow ${job.key} failed: ${error}`, { key: job.key });
    }
    try {
      job.done({ output: error === null ? output : null, error, latencyMs });
    } catch (e) {
      warn(`shadow ${job.key} result could not be kept: ${e instanceof Error ? e.message : String(e)}`, { key: job.key });
    }
  }

  /**
   * Runs queued jobs back to back for up to `sliceMs`, then yields a turn so requests waiting for I/O are
   * served between slices (a job per turn cost an event-loop turn and a promise chain per shadow call).
   * A job that answers with a promise ends the slice; the next one starts when it settles.
   */
  function pump(): void {
    const until = now() + sliceMs;
    for (;;) {
      const job = queue.shift();
      if (job === undefined) {
        pumping = false;
        const w = waiters;
        waiters = [];
        for (const resolve of w) resolve();
        return;
      }
      if (disabled.has(job.key)) {
        counts.skipped++;
        continue;
      }
      const pending = runOne(job);
      if (pending !== undefined) {
        void pending.finally(() => setImmediate(pump));
        return;
      }
      if (now() >= until) {
        setImmediate(pump);
        return;
      }
    }
  }

  return {
    schedule(job) {
      if (disabled.has(job.key)) {
        counts.skipped++;
        return false;
      }
      if (queue.length >= maxQueue) {
        counts.dropped++;
        return false;
      }
      queue.push(job as ShadowJob<unknown>);
      if (!pumping) {
        pumping = true;
        setImmediate(pump);
      }
      return true;
    },
    disabledReason: (key) => disabled.get(key) ?? null,
    enable(key) {
      disabled.delete(key);
    },
    stats: () => ({ queued: queue.length, ...counts, disabled: [...disabled.keys()] }),
    idle() {
      return pumping ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve();
    },
  };
}
