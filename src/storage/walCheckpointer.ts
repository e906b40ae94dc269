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
 * The thread runs only while the database is being written to (OnDemand): it starts on a write
 * when none runs, and stops, after a last checkpoint, once nothing was written for `idleMs`.
 *
 * The worker's code is small and given inline, with the path of the driver, so it runs the same
 * from `dist/` and under the test runner.
 */
import { Worker } from 'node:worker_threads';
import { OnDemand } from '../threads/onDemand';

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
  try { checkpoint.get(); } catch { /* the writer's own checkpoints cover it */ }
  db.close();
  parentPort.close();
});
`;

/** How often the worker checkpoints (ms). */
export const CHECKPOINT_INTERVAL_MS = 100;
/** The writer's own automatic checkpoint, in pages: a bound on the WAL if the worker falls behind. */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

export class WalCheckpointer {
  private readonly threads: OnDemand<Worker>;

  private constructor(
    private readonly file: string,
    private readonly intervalMs: number,
    idleMs: number,
  ) {
    this.threads = new OnDemand({ spawn: () => this.spawn(), stop: (w) => stopWorker(w), idleMs });
  }

  /**
   * Checkpoints `file` (a database in WAL mode that exists) while it is written to, the thread
   * stopping after `idleMs` without a write (0: once started, it runs until `stop`). Never keeps the
   * process alive.
   */
  static start(file: string, options: { intervalMs?: number; idleMs?: number } = {}): WalCheckpointer {
    const checkpointer = new WalCheckpointer(file, options.intervalMs ?? CHECKPOINT_INTERVAL_MS, options.idleMs ?? 0);
    checkpointer.written();
    return checkpointer;
  }

  /** The database was written to: the thread runs (started if needed) and its idle time starts again. */
  written(): void {
    this.threads.use();
  }

  /** Whether the thread runs now. */
  get running(): boolean {
    return this.threads.current !== undefined;
  }

  /** Stops the thread for good and closes its connection; calling it again is harmless. */
  stop(): Promise<void> {
    return this.threads.close();
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file: this.file, driver: require.resolve('better-sqlite3'), intervalMs: this.intervalMs },
      resourceLimits: { maxYoungGenerationSizeMb: 1 },
    });
    // A failed worker only means the writer's own automatic checkpoints take over until the next start.
    worker.on('error', () => undefined);
    worker.once('exit', () => this.threads.lost(worker));
    worker.unref();
    return worker;
  }
}

/** Asks the worker to checkpoint once more and close; terminates it if it has not within 2 s. */
function stopWorker(worker: Worker): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage('stop');
  });
}
