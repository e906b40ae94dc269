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

  it('stops when asked, once however often it is asked', async () => {
    const file = join(root, 'b.db');
    const backend = SqliteBackend.open(file);
    await backend.close();
    const checkpointer = WalCheckpointer.start(file, 10);
    const first = checkpointer.stop();
    expect(checkpointer.stop()).toBe(first);
    await first;
  });
});
