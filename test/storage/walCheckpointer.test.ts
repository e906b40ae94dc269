/**
 * Checkpoints off the writer's thread: commits reach the database file without any commit of the
 * writer running a checkpoint, and closing stops the worker. The tests wait for the database file to
 * change (fs.watch) rather than poll it, and move the idle timer with Jest's fake clock.
 */
import { mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from '../../src/storage/sqliteBackend';
import { WalCheckpointer } from '../../src/storage/walCheckpointer';

const root = mkdtempSync(join(tmpdir(), 'puente-wal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => jest.useRealTimers());

/** Only the idle timers (setTimeout and performance.now); the workers and their messages run for real. */
const fakeIdleClock = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });

/**
 * Resolves once the database file itself (not its -wal) holds `text`, looking again at each change of
 * the file; rejects after `ms` (a bound for a broken checkpointer, not a wait).
 */
function databaseFileHolds(file: string, text: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(file);
    const timer = setTimeout(() => finish(new Error(`${file} never held ${text}`)), ms);
    function finish(err?: Error) {
      watcher.close();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    }
    const look = () => {
      if (readFileSync(file).includes(text)) finish();
    };
    watcher.on('change', look);
    watcher.on('error', finish);
    look();
  });
}

describe('WAL checkpoints on a worker thread', () => {
  it('copies committed rows into the database file while the writer only commits', async () => {
    const file = join(root, 'a.db');
    const backend = SqliteBackend.open(file);
    try {
      // Far below the writer's own automatic checkpoint: only the worker can have copied this.
      await backend.saveRecord({ reference: 'PU-WALCK-00001', createdAt: 1, urgent: false, data: 'sealed' });
      await databaseFileHolds(file, 'PU-WALCK-00001');
    } finally {
      await backend.close();
    }
  });

  it('stops when asked, and asking again is harmless', async () => {
    const file = join(root, 'b.db');
    const backend = SqliteBackend.open(file);
    await backend.close();
    const checkpointer = WalCheckpointer.start(file, { intervalMs: 10 });
    expect(checkpointer.running).toBe(true);
    await Promise.all([checkpointer.stop(), checkpointer.stop()]);
    expect(checkpointer.running).toBe(false);
    checkpointer.written();
    expect(checkpointer.running).toBe(false);
  });

  it('runs only while the database is written to, and starts again on the next write', async () => {
    const file = join(root, 'c.db');
    const backend = SqliteBackend.open(file, { threadIdleMs: 60_000 });
    await backend.close();
    fakeIdleClock();
    const checkpointer = WalCheckpointer.start(file, { idleMs: 150 });
    try {
      expect(checkpointer.running).toBe(true);
      jest.advanceTimersByTime(149);
      expect(checkpointer.running).toBe(true);
      jest.advanceTimersByTime(1);
      expect(checkpointer.running).toBe(false);
      checkpointer.written();
      expect(checkpointer.running).toBe(true);
    } finally {
      jest.useRealTimers();
      await checkpointer.stop();
    }
  });

  it('gets the writes of a backend whose thread went idle into the database file', async () => {
    const file = join(root, 'd.db');
    fakeIdleClock();
    const idle = SqliteBackend.open(file, { threadIdleMs: 100 });
    try {
      // The thread started with the backend stops, unused, after its idle time.
      jest.advanceTimersByTime(100);
      jest.useRealTimers();
      await idle.saveRecord({ reference: 'PU-WALCK-00002', createdAt: 1, urgent: false, data: 'sealed' });
      await databaseFileHolds(file, 'PU-WALCK-00002');
    } finally {
      jest.useRealTimers();
      await idle.close();
    }
  });
});
