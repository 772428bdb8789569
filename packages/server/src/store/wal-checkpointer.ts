// Checkpoints a SQLite write-ahead log from a worker thread, so copying it back into the database file (and its fsyncs) never stalls a commit on the event loop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * SQLite's default: the commit that grows the WAL past 1000 pages copies it into the database file, on
 * the thread that committed. Under the prediction log that is every few hundred milliseconds, costs as
 * much CPU as all the commits in between, and holds the event loop for several ms (a p99 spike). Here
 * the main connection turns that off (wal_autocheckpoint = 0) and a second connection in a worker runs
 * a PASSIVE checkpoint every `everyMs`: it never blocks a writer or reader, and what committed is synced
 * to the database file as often as before (more often when the server is quiet). Closing runs a last
 * checkpoint; the worker's connection, closed last, removes the WAL as SQLite does on a clean close.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Another process checkpointing the same file at that moment is no failure: the next turn catches up.
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    if (e.code !== 'SQLITE_BUSY' && e.code !== 'SQLITE_LOCKED') throw e;
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export const CHECKPOINT_EVERY_MS = 250;

export interface WalCheckpointer {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

/** `onFailure`: the worker died (it could not open the file, a checkpoint threw); the caller turns SQLite's own checkpoints back on. */
export function startWalCheckpointer(file: string, onFailure: (err: unknown) => void, everyMs = CHECKPOINT_EVERY_MS): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref(); // a CLI command that forgets to close still exits
  let stopping = false;
  let failed = false;
  const fail = (err: unknown) => {
    if (stopping || failed) return;
    failed = true;
    onFailure(err);
  };
  const exited = new Promise<void>((resolve) => {
    worker.once('error', fail);
    worker.once('exit', (code) => {
      fail(new Error(`the WAL checkpoint worker exited with code ${code}`));
      resolve();
    });
  });
  return {
    async stop() {
      stopping = true;
      worker.ref(); // waiting for its exit must keep the process alive (an unref'd worker would let it end mid-await)
      worker.postMessage('stop');
      await exited;
    },
  };
}
