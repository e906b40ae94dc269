/**
 * SQLite WAL checkpoints on a thread of their own.
 *
 * In WAL mode every commit appends to the `-wal` file, and a checkpoint copies those pages back into
 * the database file. With `synchronous = NORMAL` the checkpoint is also where the disk is synced
 * (the WAL before copying, the database after). SQLite runs it automatically inside the commit that
 * pushes the WAL past `wal_autocheckpoint` pages (1000 by default), so on a busy bot one turn in a
 * few hundred waited for two fsyncs, and since better-sqlite3 is synchronous, so did every other
 * turn in flight: stalls of tens of milliseconds on a busy disk.
 *
 * Here a worker thread with its own connection to the same file runs passive checkpoints every
 * `intervalMs`: they copy what has been committed without waiting for, or blocking, the writer.
 * The main connection keeps an automatic checkpoint at a higher threshold as a bound on the WAL's
 * size (a passive checkpoint copies pages but only the writer itself can restart the WAL from its
 * beginning, after a checkpoint that completed with no commit in between); by then nearly every
 * page has been copied already. Durability is unchanged: the same commits, the same syncs, only on
 * another thread.
 *
 * The worker's code is small and given inline, with the path of the driver, so it runs the same
 * from `dist/` and under the test runner.
 */
import { Worker } from 'node:worker_threads';

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try { checkpoint.get(); } catch { /* busy or closing: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** How often the worker checkpoints (ms). */
export const CHECKPOINT_INTERVAL_MS = 100;
/** The writer's own automatic checkpoint, in pages: a bound on the WAL if the worker falls behind. */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

export class WalCheckpointer {
  private stopped: Promise<void> | undefined;

  private constructor(private readonly worker: Worker) {}

  /** Starts checkpointing `file` (a database in WAL mode that exists). Never keeps the process alive. */
  static start(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs }, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    // A failed worker only means the writer's own automatic checkpoints take over.
    worker.on('error', () => undefined);
    worker.unref();
    return new WalCheckpointer(worker);
  }

  /** Stops the worker and closes its connection; calling it again returns the same promise. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
