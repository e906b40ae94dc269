/**
 * Checkpoints off the writer's thread: commits reach the database file without any commit of the
 * writer running a checkpoint, and closing stops the worker.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteBackend } from '../../src/storage/sqliteBackend';
import { CHECKPOINT_INTERVAL_MS, WalCheckpointer } from '../../src/storage/walCheckpointer';

const root = mkdtempSync(join(tmpdir(), 'puente-wal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('WAL checkpoints on a worker thread', () => {
  it('copies committed rows into the database file while the writer only commits', async () => {
    const file = join(root, 'a.db');
    const backend = SqliteBackend.open(file);
    try {
      // Far below the writer's own automatic checkpoint: only the worker can have copied this.
      await backend.saveRecord({ reference: 'PU-WALCK-00001', createdAt: 1, urgent: false, data: 'sealed' });
      let copied = false;
      for (let i = 0; i < 50 && !copied; i++) {
        await sleep(CHECKPOINT_INTERVAL_MS);
        copied = readFileSync(file).includes('PU-WALCK-00001');
      }
      expect(copied).toBe(true);
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

  it('runs only while the database is written to, and checkpoints again after a pause', async () => {
    const file = join(root, 'c.db');
    const backend = SqliteBackend.open(file, { threadIdleMs: 60_000 });
    await backend.close();
    const checkpointer = WalCheckpointer.start(file, { idleMs: 150 });
    try {
      expect(checkpointer.running).toBe(true);
      for (let i = 0; i < 50 && checkpointer.running; i++) await sleep(50);
      expect(checkpointer.running).toBe(false);
      checkpointer.written();
      expect(checkpointer.running).toBe(true);
    } finally {
      await checkpointer.stop();
    }
    // A backend whose thread went idle still gets its writes into the database file.
    const idle = SqliteBackend.open(join(root, 'd.db'), { threadIdleMs: 100 });
    try {
      await sleep(400);
      await idle.saveRecord({ reference: 'PU-WALCK-00002', createdAt: 1, urgent: false, data: 'sealed' });
      let copied = false;
      for (let i = 0; i < 50 && !copied; i++) {
        await sleep(CHECKPOINT_INTERVAL_MS);
        copied = readFileSync(join(root, 'd.db')).includes('PU-WALCK-00002');
      }
      expect(copied).toBe(true);
    } finally {
      await idle.close();
    }
  });
});
