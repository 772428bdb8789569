// The prediction log writer: group commit per event-loop turn for predictions, a bounded best-effort queue for shadow answers.
import { ShopfloorError } from '@shopfloor/contracts';
import type { NewPrediction, NewShadow, PruneCounts, Store } from '../../store/index.js';

/**
 * One answered row as the log stores it (the store's row type): `id` is also returned to the client as
 * Prediction.predictionId; `modelVersionId` is the version that answered (the champion's on the rule and
 * abstain paths); `at` is ISO 8601 UTC.
 */
export type LoggedPrediction = NewPrediction;

/** A shadow's or mirror's answer to a logged prediction (output null when it failed). */
export type ShadowResult = NewShadow;

export interface PredictionLogStats {
  /** Prediction rows committed. */
  committed: number;
  shadowWritten: number;
  /** Shadow rows lost: refused by the full queue, or in a batch the database refused. */
  shadowDropped: number;
  /** Transactions committed for predictions (one per group). */
  transactions: number;
  /** Prediction rows whose transaction failed (their callers got PREDICTION_LOG_FAILED). */
  failed: number;
}

export interface PredictionLog {
  /** Resolves only after the transaction holding the rows committed; rejects (PREDICTION_LOG_FAILED) when it did not. */
  append(rows: readonly LoggedPrediction[]): Promise<void>;
  /** Best effort and bounded: rows beyond the queue's room are dropped and counted. */
  appendShadow(rows: readonly ShadowResult[]): void;
  stats(): PredictionLogStats;
  /** Deletes predictions, their feedback and shadow rows answered before `before`, in one transaction. */
  prune(before: Date): Promise<PruneCounts>;
  /** Writes everything queued, then refuses further appends. */
  close(): Promise<void>;
}

export interface PredictionLogOptions {
  /** Most shadow rows waiting to be written; default 10,000. */
  shadowQueueLimit?: number;
  /**
   * Most shadow rows in one transaction; default 256. better-sqlite3 writes on the event loop, so a batch
   * holds every request for its length: about 3.5 us a row (256 rows under 1 ms), while smaller batches
   * write more WAL per row (measured: 1.18 KB a row in batches of 64, 0.78 KB in batches of 160), and
   * the WAL is copied back on the event loop too. At 8,000 shadowed requests/s a 20 ms gathering is one
   * transaction of ~160 rows.
   */
  shadowBatch?: number;
  /**
   * How long shadow rows gather before they are written, unless a full batch is waiting; default 20 ms.
   * One shadow answer per request written in its own transaction would cost about as much as the request.
   */
  shadowFlushMs?: number;
  /** Told of a failed shadow batch (the rows are counted as dropped). */
  onShadowError?: (err: unknown, rows: number) => void;
}

interface Group {
  rows: LoggedPrediction[];
  done: Promise<void>;
  settle: (err?: unknown) => void;
}

function newGroup(): Group {
  let settle!: (err?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (err) => (err === undefined ? resolve() : reject(err));
  });
  // A group nobody awaits (every caller's rows were empty) must not surface as an unhandled rejection.
  done.catch(() => undefined);
  return { rows: [], done, settle };
}

/*
 * Group commit:
 *
 *   turn n:   append(a) append(b) append(c) --setImmediate--> flush: BEGIN; INSERT a,b,c; COMMIT -> a,b,c resolve
 *   meanwhile append(d) append(e) gather in the next group; it flushes as soon as the commit before it ends
 *
 * At most one prediction transaction is in flight, so a burst costs one commit per round trip instead of
 * one per request, and no row waits longer than the commit ahead of it plus one turn.
 */
export function createPredictionLog(store: Store, options: PredictionLogOptions = {}): PredictionLog {
  const shadowLimit = options.shadowQueueLimit ?? 10_000;
  const shadowBatch = options.shadowBatch ?? 256;
  const shadowFlushMs = options.shadowFlushMs ?? 20;
  const counts: PredictionLogStats = { committed: 0, shadowWritten: 0, shadowDropped: 0, transactions: 0, failed: 0 };
  let open: Group | null = null;
  let flushing: Promise<void> | null = null;
  let scheduled = false;
  let closed = false;
  const shadows: ShadowResult[] = [];
  let shadowFlush: Promise<void> | null = null;
  let shadowScheduled = false;
  let shadowTimer: NodeJS.Timeout | undefined;

  function scheduleShadows(): void {
    if (shadowFlush !== null || shadows.length === 0) return;
    const now = shadows.length >= shadowBatch || shadowFlushMs <= 0;
    if (shadowScheduled && !(now && shadowTimer !== undefined)) return; // a full batch does not wait for the timer
    clearTimeout(shadowTimer);
    shadowTimer = undefined;
    shadowScheduled = true;
    if (now) setImmediate(writeShadows);
    else shadowTimer = setTimeout(writeShadows, shadowFlushMs).unref();
  }

  async function commit(group: Group): Promise<void> {
    try {
      await store.transaction((tx) => tx.predictions.insertMany(group.rows));
      counts.committed += group.rows.length;
      counts.transactions += 1;
      group.settle();
    } catch (cause) {
      counts.failed += group.rows.length;
      // The database's own message stays in `cause` (logged by the server), not in the answer.
      group.settle(new ShopfloorError('PREDICTION_LOG_FAILED', `the prediction log could not store ${group.rows.length} prediction(s); none of them is answered, retry`, { rows: group.rows.length }, { cause }));
    }
  }

  function flush(): void {
    scheduled = false;
    if (flushing !== null || open === null) return; // the running commit flushes the open group when it ends
    const group = open;
    open = null;
    flushing = commit(group).finally(() => {
      flushing = null;
      if (open !== null) flush();
    });
  }

  function writeShadows(): void {
    shadowScheduled = false;
    clearTimeout(shadowTimer);
    shadowTimer = undefined;
    if (shadowFlush !== null || shadows.length === 0) return;
    const batch = shadows.splice(0, shadowBatch);
    shadowFlush = store
      .transaction((tx) => tx.predictions.insertShadows(batch))
      .then(
        () => {
          counts.shadowWritten += batch.length;
        },
        (err: unknown) => {
          counts.shadowDropped += batch.length;
          options.onShadowError?.(err, batch.length);
        },
      )
      .finally(() => {
        shadowFlush = null;
        scheduleShadows();
      });
  }

  return {
    append(rows) {
      if (closed) return Promise.reject(new ShopfloorError('PREDICTION_LOG_FAILED', 'the prediction log is closed', { rows: rows.length }));
      if (rows.length === 0) return Promise.resolve();
      open ??= newGroup();
      open.rows.push(...rows);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return open.done;
    },
    appendShadow(rows) {
      if (closed) {
        counts.shadowDropped += rows.length;
        return;
      }
      const room = Math.max(0, shadowLimit - shadows.length);
      shadows.push(...rows.slice(0, room));
      counts.shadowDropped += Math.max(0, rows.length - room);
      scheduleShadows();
    },
    stats: () => ({ ...counts }),
    prune: (before) => store.transaction((tx) => tx.predictions.prune(before.toISOString())),
    async close() {
      closed = true;
      while (open !== null || flushing !== null || scheduled) {
        if (flushing === null) flush();
        await flushing?.catch(() => undefined);
      }
      while (shadows.length > 0 || shadowFlush !== null) {
        writeShadows();
        await shadowFlush;
      }
    },
  };
}
