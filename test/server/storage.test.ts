/**
 * The embedded store under the real endpoint: concurrent turns, nothing readable at rest, exit and
 * delete remove data at once, retention, and logs without personal data.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { sessionKey } from '../../src/storage';
import type { SqliteBackend } from '../../src/storage/sqliteBackend';
import { Conversation, questionOf, resultOf, startTestServer } from '../support/harness';

const logged: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logged.push(chunk.toString());
    cb();
  },
});

let puente: RunningPuente;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-store-'));
  puente = await startTestServer({ DATA_DIR: dataDir }, { log: pino({ level: 'info' }, sink) });
});
afterAll(() => puente.close());

const backend = () => puente.backend as SqliteBackend;

/** A full intake with contact details; returns the conversation and its reference. */
async function finishWithContact(name: string, email: string) {
  const c = new Conversation(puente.url);
  await c.start();
  const typed = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'yes', 'no',
    'with a tourist visa', 'expired', 'since 2019', 'no', 'yes', 'prefer not to say', 'no', 'yes', name, 'email', email, 'no'];
  for (const t of typed) await c.say(t);
  const acts = await c.say('confirm');
  return { c, reference: resultOf(acts)!.reference };
}

describe('the embedded store', () => {
  it('uses SQLite in DATA_DIR', () => {
    expect(puente.backend?.kind).toBe('sqlite');
    expect(existsSync(path.join(dataDir, 'puente.db'))).toBe(true);
  });

  it('keeps every answer when several messages of one conversation arrive at once', async () => {
    const c = new Conversation(puente.url);
    await c.start();
    for (const t of ['English', 'yes', 'in the US']) await c.say(t);
    // under_21, detained, proceedings, ice_contact, travel_plans, uscis_interview all accept "no"
    await Promise.all(Array.from({ length: 6 }, () => c.say('no')));
    const acts = await c.say('help');
    expect(questionOf(acts)).toBe('relationship');
  });

  it('stores neither the name nor the contact value nor any answer in readable form', async () => {
    const { reference } = await finishWithContact('Quetzalli Unmistakable', 'quetzalli.unmistakable@example.org');
    expect(await puente.records.get(reference)).toMatchObject({ contact: { name: 'Quetzalli Unmistakable' } });
    backend().checkpoint();
    for (const file of ['puente.db', 'puente.db-wal']) {
      const p = path.join(dataDir, file);
      if (!existsSync(p)) continue;
      const raw = readFileSync(p).toString('latin1');
      for (const secret of ['Quetzalli', 'Unmistakable', 'quetzalli.unmistakable', 'us_citizen', 'MARRIAGE_USC']) expect(raw).not.toContain(secret);
    }
  });

  it('removes the conversation from the store at once on exit', async () => {
    const c = new Conversation(puente.url);
    await c.start();
    await c.say('English');
    expect(await backend().loadSession(sessionKey(c.key), Date.now())).not.toBeNull();
    await c.say('exit');
    expect(await backend().loadSession(sessionKey(c.key), Date.now())).toBeNull();
  });

  it('removes the answers and the record from the store at once on delete', async () => {
    const { c, reference } = await finishWithContact('Sam', 'sam@example.org');
    expect(await backend().getRecord(reference)).not.toBeNull();
    await c.say('borrar');
    expect(await backend().getRecord(reference)).toBeNull();
    expect(await backend().loadSession(sessionKey(c.key), Date.now())).toBeNull();
  });

  it('purges records past their retention period', async () => {
    const old = { reference: 'PU-OLD00-00000', createdAt: Date.now() - 91 * 86_400_000, urgent: false, data: 'v1.x.y.z.w' };
    await backend().saveRecord(old);
    const { records } = await puente.purge();
    expect(records).toBeGreaterThanOrEqual(1);
    expect(await backend().getRecord(old.reference)).toBeNull();
  });

  it('logs a full intake without typed text, sensitive answers, names or contact details', async () => {
    logged.length = 0;
    const { c } = await finishWithContact('Ximena Loggable', 'ximena.loggable@example.org');
    const all = logged.join('');
    expect(all).toContain('intake.finished');
    for (const leak of ['Ximena', 'Loggable', 'ximena.loggable', 'tourist', 'prefer_not', 'prefer not', 'since 2019', 'CRIMINAL_HISTORY', 'us_citizen', c.id, c.user]) {
      expect(all).not.toContain(leak);
    }
  });
});
