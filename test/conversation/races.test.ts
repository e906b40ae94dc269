/**
 * Issue 19, point 8: races and ordering. A confirmation raced by another attempt of itself keeps the
 * record the winning session points to; `delete` removes the record before the session, so a failure
 * in between leaves nothing unreachable; a start-up that fails after the store opened closes it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPuente } from '../../src/app';
import { loadConfig, loadOrgProfile } from '../../src/config';
import { handleTurn, type TurnDeps } from '../../src/conversation/handleTurn';
import { createTexts } from '../../src/i18n';
import { sessionSchema, StoreUnavailableError, type RecordStore, type SessionStore } from '../../src/storage';
import { SqliteBackend } from '../../src/storage/sqliteBackend';
import { memoryStores } from '../support/memoryStores';

const ROOT = path.resolve(__dirname, '../..');
const TO_REVIEW = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'yes', 'no',
  'with a tourist visa', 'expired', 'since 2019', 'no', 'yes', 'prefer not to say', 'no', 'yes', 'Sam', 'email', 'sam@example.org', 'no'];

function depsWith(sessions: SessionStore, records: RecordStore): TurnDeps {
  return {
    sessions,
    records,
    texts: createTexts(),
    profile: loadOrgProfile(path.join(ROOT, 'config/organization.example.json')),
    log: { info: () => undefined, warn: () => undefined },
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
}

async function atReview(id: string) {
  const stores = memoryStores();
  const deps = depsWith(stores.sessions, stores.records);
  await handleTurn({ conversationId: id, kind: 'start', channelLocale: 'en-US' }, deps);
  for (const text of TO_REVIEW) await handleTurn({ conversationId: id, kind: 'message', text }, deps);
  return { stores, deps };
}

const referenceOf = async (sessions: SessionStore, id: string) => {
  const stored = await sessions.load(id);
  return stored ? sessionSchema.parse(stored.value).reference : undefined;
};

describe('two attempts of one confirmation at once', () => {
  it('keep the record the winning session points to (the loser deletes only an unreferenced record)', async () => {
    const id = 'c-race';
    const { stores, deps } = await atReview(id);
    let winner: Promise<unknown> | undefined;
    // The losing attempt: just before its session save, the other attempt of the same confirmation
    // (same session version, same reference) runs to the end and saves first.
    const losing: SessionStore = {
      load: (i) => stores.sessions.load(i),
      delete: (i) => stores.sessions.delete(i),
      save: async (i, session, eTag) => {
        winner ??= handleTurn({ conversationId: id, kind: 'message', text: 'confirm' }, deps);
        await winner;
        return stores.sessions.save(i, session, eTag);
      },
    };
    const out = await handleTurn({ conversationId: id, kind: 'message', text: 'confirm' }, depsWith(losing, stores.records));
    expect(out.replies.length).toBeGreaterThan(0);
    const reference = await referenceOf(stores.sessions, id);
    expect(reference).toMatch(/^PU-/);
    // The session the winner saved points to a record that still exists.
    expect(await stores.records.get(reference!)).not.toBeNull();
  });
});

describe('delete', () => {
  it('removes the record before the session: a store failure in between leaves the session, and delete can be typed again', async () => {
    const id = 'c-delete';
    const { stores, deps } = await atReview(id);
    await handleTurn({ conversationId: id, kind: 'message', text: 'confirm' }, deps);
    const reference = (await referenceOf(stores.sessions, id))!;
    expect(await stores.records.get(reference)).not.toBeNull();
    // The session delete fails once (the store went away between the two deletes).
    let failures = 1;
    const flaky: SessionStore = {
      load: (i) => stores.sessions.load(i),
      save: (i, s, e) => stores.sessions.save(i, s, e),
      delete: async (i) => {
        if (failures-- > 0) throw new StoreUnavailableError(new Error('down'));
        return stores.sessions.delete(i);
      },
    };
    const failed = await handleTurn({ conversationId: id, kind: 'message', text: 'delete' }, depsWith(flaky, stores.records));
    expect(failed.ended).toBeUndefined();
    // Nothing unreachable: the record is gone, and the session (which can still be deleted) remains.
    expect(await stores.records.get(reference)).toBeNull();
    expect(await stores.sessions.load(id)).not.toBeNull();
    const again = await handleTurn({ conversationId: id, kind: 'message', text: 'delete' }, depsWith(flaky, stores.records));
    expect(again.ended).toBe('deleted');
    expect(await stores.sessions.load(id)).toBeNull();
  });
});

describe('a start-up that fails after the store opened', () => {
  it('closes the store (and its checkpoint thread) before it reports the failure', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const close = jest.spyOn(SqliteBackend.prototype, 'close');
    try {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-startup-'));
      const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
      await expect(startPuente(config)).rejects.toThrow(/EADDRINUSE/);
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
