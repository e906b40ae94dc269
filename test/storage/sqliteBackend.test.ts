import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { persist, startIntake } from '../../dialogs/intake';
import { ETagConflictError, SealedRecordStore, SealedSessionStore, SESSION_SCHEMA_VERSION, sessionKey, type IntakeRecord, type Session } from '../../src/storage';
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION, SqliteBackend } from '../../src/storage/sqliteBackend';
import { testCipher } from '../support/cipher';
import { backendContract, manualClock } from './contract';

const root = mkdtempSync(join(tmpdir(), 'puente-sqlite-'));
const opened: SqliteBackend[] = [];
let counter = 0;

/** A path no test has used yet. */
const freshFile = (): string => join(root, `db-${++counter}.db`);

function open(file: string): SqliteBackend {
  const backend = SqliteBackend.open(file);
  opened.push(backend);
  return backend;
}

afterAll(async () => {
  for (const b of opened) await b.close();
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string): number => statSync(path).mode & 0o777;

function session(locale: 'en' | 'es' = 'en', answers: Session['intake']['context']['answers'] = {}): Session {
  const intake = persist(startIntake(locale));
  return { schemaVersion: SESSION_SCHEMA_VERSION, intake: { ...intake, context: { ...intake.context, answers } }, updatedAt: new Date().toISOString() };
}

const record = (reference: string, name = 'Ale', email = 'ale@example.org'): IntakeRecord => ({
  reference,
  createdAt: '2026-11-01T10:00:00.000Z',
  language: 'es',
  answers: { location: 'in_us', contact_ok: 'yes' },
  assessment: { findings: [{ code: 'ATTORNEY_REFERRAL', severity: 'info', because: [] }], urgent: false, referral: 'standard' },
  contact: { name, method: 'email', value: email, safeToLeaveMessage: true },
});

backendContract('sqlite', async () => open(freshFile()));

describe('SqliteBackend', () => {
  it('works in memory', async () => {
    const backend = open(':memory:');
    await backend.ping();
    expect(await backend.saveSession('k', 'sealed', null, 'e1', 2000, 1000)).toBe(true);
    expect(await backend.loadSession('k', 1000)).toEqual({ data: 'sealed', eTag: 'e1' });
  });

  it('creates the directory 0700 and the database 0600', async () => {
    const dir = join(root, 'nested', 'data');
    const file = join(dir, 'puente.db');
    const backend = open(file);
    await backend.saveRecord({ reference: 'R1', createdAt: 1, urgent: false, data: 'sealed' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) expect(mode(f)).toBe(0o600);
  });

  it('keeps sessions and records across close and reopen', async () => {
    const file = freshFile();
    const first = open(file);
    expect(await first.saveSession('k', 'sealed-session', null, 'e1', 10_000, 1000)).toBe(true);
    await first.saveRecord({ reference: 'R1', createdAt: 5, urgent: true, data: 'sealed-record' });
    await first.close();
    await first.close(); // idempotent

    const second = open(file);
    expect(await second.loadSession('k', 2000)).toEqual({ data: 'sealed-session', eTag: 'e1' });
    expect(await second.getRecord('R1')).toEqual({ reference: 'R1', createdAt: 5, urgent: true, data: 'sealed-record', status: 'new', assignee: null, changedAt: null });
    expect(await second.saveSession('k', 'next', 'e1', 'e2', 10_000, 2000)).toBe(true);
  });

  it('leaves no contact name, email or conversation id in the file bytes', async () => {
    const file = freshFile();
    const backend = open(file);
    const name = 'Xiomara Quintanilla-Berenstain';
    const email = 'xiomara.quintanilla@example.org';
    const conversationId = 'conversation-3f9a1c77-raw-bytes';
    const sessions = new SealedSessionStore(backend, testCipher(), 60_000);
    await sessions.save(conversationId, session('es', { contact_ok: 'yes', contact_name: name, contact_method: 'email', contact_value: email }), null);
    await new SealedRecordStore(backend, testCipher()).save(record('PU-RAWBY-TES01', name, email));
    expect(await backend.checkpoint()).toBe(true);
    await backend.close();

    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    // The rows are really there (what is meant to be in clear is found)...
    expect(bytes.includes('PU-RAWBY-TES01')).toBe(true);
    expect(bytes.includes(sessionKey(conversationId))).toBe(true);
    // ...and nothing personal is.
    for (const secret of [name, 'Xiomara', email, conversationId]) expect(bytes.includes(secret)).toBe(false);
  });

  it('honours eTags between two connections to one file', async () => {
    const file = freshFile();
    const clock = manualClock();
    const a = new SealedSessionStore(open(file), testCipher(), 60_000, clock.now);
    const b = new SealedSessionStore(open(file), testCipher(), 60_000, clock.now);

    const e1 = await a.save('c1', session('en'), null);
    await expect(b.save('c1', session('es'), null)).rejects.toBeInstanceOf(ETagConflictError);
    expect((await b.load('c1'))?.eTag).toBe(e1);

    const e2 = await a.save('c1', session('es'), e1);
    await expect(b.save('c1', session('en'), e1)).rejects.toBeInstanceOf(ETagConflictError);
    const e3 = await b.save('c1', session('en'), e2);
    expect((await a.load('c1'))?.eTag).toBe(e3);
  });

  it('treats an expired row as absent when saving', async () => {
    const backend = open(':memory:');
    expect(await backend.saveSession('k', 'v1', null, 'e1', 2000, 1000)).toBe(true);
    expect(await backend.saveSession('k', 'v2', 'e1', 'e2', 4000, 2000)).toBe(false); // expired at 2000
    expect(await backend.saveSession('k', 'v2', null, 'e2', 4000, 2000)).toBe(true);
    expect(await backend.loadSession('k', 3999)).toEqual({ data: 'v2', eTag: 'e2' });
    expect(await backend.loadSession('k', 4000)).toBeNull();
  });

  it('records its schema version and refuses a database from a newer version', async () => {
    const file = freshFile();
    await open(file).close();
    const raw = new Database(file);
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
      raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    } finally {
      raw.close();
    }
    expect(() => open(file)).toThrow(/newer/);
  });

  it('brings a version 4 database forward: its outbox row is a webhook delivery and its record is new', async () => {
    const file = freshFile();
    const raw = new Database(file);
    try {
      // Version 4 as Puente built it: the first four migrations (their text is pinned in migrations.test.ts).
      for (const migration of SQLITE_MIGRATIONS.slice(0, 4)) raw.exec(migration);
      raw.pragma('user_version = 4');
      raw.prepare("INSERT INTO records (reference, created_at, urgent, data) VALUES ('OLD', 5, 1, 'sealed-old')").run();
      raw.prepare("INSERT INTO outbox (id, reference, created_at, urgent, next_attempt_at) VALUES ('d-old', 'OLD', 5, 1, 5)").run();
    } finally {
      raw.close();
    }
    const backend = open(file);
    expect(await backend.getRecord('OLD')).toEqual({ reference: 'OLD', createdAt: 5, urgent: true, data: 'sealed-old', status: 'new', assignee: null, changedAt: null });
    expect(await backend.outboxStats('webhook')).toEqual({ pending: 1, oldestPendingAt: 5 });
    expect(await backend.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
    expect(await backend.claimDeliveries('webhook', 10, 100, 10)).toEqual([{ id: 'd-old', kind: 'webhook', reference: 'OLD', createdAt: 5, urgent: true, attempts: 0 }]);
    expect(await backend.setRecordState('OLD', { status: 'assigned', assignee: 'ana@example.org' }, 20, ['new'])).toBe(true);
    await backend.saveStaffSession('s', 'sealed', 100);
    expect(await backend.loadStaffSession('s', 10)).toBe('sealed');
    await backend.close();
    const check = new Database(file);
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    } finally {
      check.close();
    }
  });

  it('refuses a status or a delivery kind outside the known ones', () => {
    const file = freshFile();
    open(file);
    const raw = new Database(file);
    try {
      raw.prepare("INSERT INTO records (reference, created_at, urgent, data) VALUES ('R', 1, 0, 'x')").run();
      expect(() => raw.prepare("UPDATE records SET status = 'lost' WHERE reference = 'R'").run()).toThrow(/CHECK/);
      expect(() => raw.prepare("INSERT INTO outbox (id, kind, reference, created_at, urgent, next_attempt_at) VALUES ('d', 'sms', 'R', 1, 0, 1)").run()).toThrow(/CHECK/);
    } finally {
      raw.close();
    }
  });
});
