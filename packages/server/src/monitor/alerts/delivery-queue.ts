// A bounded queue in front of one sink: sends in order, retries with backoff, drops the oldest when full, counts everything.
import type { AlertMessage, AlertSink } from './alert-message.js';

/*
 * The prediction path only ever calls push(), which never waits and never throws: a broker or webhook
 * that is down fills this queue, not the request's latency. When the queue is full the OLDEST waiting
 * message is dropped (the newest alert about the line is the one an operator needs). A message whose
 * send keeps failing is given up after `attempts` tries, waiting backoffMs, 2x, 4x ... (capped) between them.
 *
 *   push ──► [ m5 m4 m3 m2 ] ──► worker: send(m1) ──fail──► wait ──► send(m1) ... ──► delivered | failed
 *             bound = capacity       one message in flight per sink, so order is kept
 */

export interface DeliveryOptions {
  /** Most messages waiting (the one in flight not counted); default 1,000. */
  capacity?: number;
  /** Tries per message, the first included; default 5. */
  attempts?: number;
  /** Wait before the first retry; default 200 ms, doubling up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Told of each failed try (for the log). */
  onError?: (err: unknown, message: AlertMessage, attempt: number) => void;
}

export interface DeliveryStats {
  sink: string;
  queued: number;
  delivered: number;
  /** Given up after every try failed. */
  failed: number;
  /** Pushed out of a full queue, never tried (or not tried again). */
  dropped: number;
  retries: number;
}

export interface DeliveryQueue {
  push(message: AlertMessage): void;
  stats(): DeliveryStats;
  /** Resolves when the queue is empty and nothing is in flight, or after timeoutMs (false then). */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops retrying, waits up to timeoutMs for the queue to drain, then closes the sink. */
  close(timeoutMs?: number): Promise<void>;
}

export function createDeliveryQueue(sink: AlertSink, opts: DeliveryOptions = {}): DeliveryQueue {
  const capacity = opts.capacity ?? 1000;
  const attempts = opts.attempts ?? 5;
  const backoffMs = opts.backoffMs ?? 200;
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000;
  const waiting: AlertMessage[] = [];
  const counts = { delivered: 0, failed: 0, dropped: 0, retries: 0 };
  let running = false;
  let closing = false;
  let idle: (() => void)[] = [];
  /** Ends the current backoff wait early (close() does, so a stopping server does not wait out a long backoff). */
  let wake: (() => void) | null = null;

  function backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function deliver(message: AlertMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await sink.send(message);
        counts.delivered++;
        return;
      } catch (err) {
        opts.onError?.(err, message, attempt);
        if (attempt >= attempts || closing) {
          counts.failed++;
          return;
        }
        counts.retries++;
        await backoff(Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  async function run(): Promise<void> {
    running = true;
    try {
      for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) await deliver(next);
    } finally {
      running = false;
      const waiters = idle;
      idle = [];
      for (const w of waiters) w();
    }
  }

  function drain(timeoutMs: number): Promise<boolean> {
    if (!running && waiting.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  return {
    push(message) {
      if (closing) {
        counts.dropped++;
        return;
      }
      waiting.push(message);
      if (waiting.length > capacity) {
        waiting.shift();
        counts.dropped++;
      }
      if (!running) void run();
    },
    stats: () => ({ sink: sink.name, queued: waiting.length, ...counts }),
    drain,
    async close(timeoutMs = 2000) {
      closing = true;
      wake?.();
      await drain(timeoutMs);
      counts.dropped += waiting.length;
      waiting.length = 0;
      await sink.close();
    },
  };
}
