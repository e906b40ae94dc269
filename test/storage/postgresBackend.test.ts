import { Client } from 'pg';
import { persist, startIntake } from '../../dialogs/intake';
import { SealedRecordStore, SealedSessionStore, SESSION_SCHEMA_VERSION, type IntakeRecord, type Session } from '../../src/storage';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, PostgresBackend } from '../../src/storage/postgresBackend';
import { testCipher } from '../support/cipher';
import { describeWithPostgres, freshSchema } from '../support/postgres';
import { backendContract } from './contract';

describeWithPostgres('PostgresBackend', (url) => {
  const schema = freshSchema(url);
  const opened: PostgresBackend[] = [];
  /** A backend on this file's schema; closed in afterAll. */
  const open = async (s = schema) => {
    const b = await PostgresBackend.connect(url, { schema: s, max: 3 });
    opened.push(b);
    return b;
  };
  let sql: Client;
  beforeAll(async () => {
    sql = new Client({ connectionString: url });
    await sql.connect();
  });
  afterAll(async () => {
    await Promise.all(opened.map((b) => b.close()));
    await sql.end();
  });

  // Every contract test gets a new pool on the same schema, emptied first.
  backendContract('postgres', async () => {
    const b = await open();
    await sql.query(`TRUNCATE "${schema}".puente_sessions, "${schema}".puente_records, "${schema}".puente_outbox, "${schema}".puente_daily_counts, "${schema}".puente_staff_sessions`);
    return b;
  });

  describe('postgres specifics', () => {
    const raceSchema = freshSchema(url, 'race');
    const v4Schema = freshSchema(url, 'v4');
    beforeEach(async () => {
      await open();
      await sql.query(`TRUNCATE "${schema}".puente_sessions, "${schema}".puente_records, "${schema}".puente_outbox, "${schema}".puente_daily_counts, "${schema}".puente_staff_sessions`);
    });

    it('stores no contact name or email in the table rows', async () => {
      const name = 'Zacarías Quintanilla';
      const email = 'zacarias.quintanilla@example.org';
      const backend = await open();
      const record: IntakeRecord = {
        reference: 'PU-SEALD-ROWS1',
        createdAt: '2026-11-01T00:00:00.000Z',
        language: 'es',
        answers: { location: 'in_us', contact_name: name, contact_method: 'email', contact_value: email },
        assessment: { findings: [{ code: 'ATTORNEY_REFERRAL', severity: 'info', because: [] }], urgent: false, referral: 'standard' },
        contact: { name, method: 'email', value: email, safeToLeaveMessage: true },
      };
      await new SealedRecordStore(backend, testCipher()).save(record);
      const intake = persist(startIntake('es'));
      const session: Session = {
        schemaVersion: SESSION_SCHEMA_VERSION,
        intake: { ...intake, context: { ...intake.context, answers: { ...intake.context.answers, contact_name: name, contact_method: 'email', contact_value: email } } },
        updatedAt: new Date().toISOString(),
      };
      const sessions = new SealedSessionStore(backend, testCipher(), 60_000);
      await sessions.save('conversation-sealed-rows', session, null);
      expect((await sessions.load('conversation-sealed-rows'))?.value).toEqual(session);

      const rows = [
        ...(await sql.query(`SELECT * FROM "${schema}".puente_records`)).rows,
        ...(await sql.query(`SELECT * FROM "${schema}".puente_sessions`)).rows,
      ];
      expect(rows).toHaveLength(2);
      const raw = JSON.stringify(rows);
      for (const secret of [name, 'Zacar', 'Quintanilla', email, 'example.org', 'conversation-sealed-rows', 'contact_']) expect(raw).not.toContain(secret);
    });

    it('honours eTags between two instances on the same database', async () => {
      const a = await open();
      const b = await open();
      const now = Date.now();
      expect(await a.saveSession('k', 'A1', null, 'e1', now + 60_000, now)).toBe(true);
      expect(await b.saveSession('k', 'B1', null, 'x1', now + 60_000, now)).toBe(false);
      expect(await b.loadSession('k', now)).toEqual({ data: 'A1', eTag: 'e1' });
      expect(await b.saveSession('k', 'B2', 'e1', 'e2', now + 60_000, now)).toBe(true);
      expect(await a.saveSession('k', 'A2', 'e1', 'e3', now + 60_000, now)).toBe(false);
      expect(await a.loadSession('k', now)).toEqual({ data: 'B2', eTag: 'e2' });

      // Racing writers with the same eTag: exactly one wins.
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).saveSession('k', `R${i}`, 'e2', `r${i}`, now + 60_000, now)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await a.loadSession('k', now)).toEqual({ data: `R${winner}`, eTag: `r${winner}` });

      // Racing first saves: exactly one creates the session.
      const firsts = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).saveSession('new', `N${i}`, null, `n${i}`, now + 60_000, now)));
      expect(firsts.filter(Boolean)).toHaveLength(1);
    });

    it('treats an expired row as absent for a first save, and refuses an eTag save on it', async () => {
      const a = await open();
      const now = Date.now();
      expect(await a.saveSession('k', 'old', null, 'e1', now + 1000, now)).toBe(true);
      const later = now + 1000;
      expect(await a.loadSession('k', later)).toBeNull();
      expect(await a.saveSession('k', 'stale', 'e1', 'e2', later + 1000, later)).toBe(false);
      expect(await a.saveSession('k', 'fresh', null, 'e3', later + 1000, later)).toBe(true);
      expect(await a.loadSession('k', later)).toEqual({ data: 'fresh', eTag: 'e3' });
    });

    it('migrates once when several instances connect to a fresh schema at the same time', async () => {
      const s = raceSchema;
      const backends = await Promise.all([open(s), open(s), open(s)]);
      await Promise.all(backends.map((b) => b.ping()));
      const { rows } = await sql.query(`SELECT version FROM "${s}".puente_schema_version ORDER BY version`);
      expect(rows).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
      const now = Date.now();
      expect(await backends[0]!.saveSession('k', 'd', null, 'e', now + 1000, now)).toBe(true);
      expect(await backends[2]!.loadSession('k', now)).toEqual({ data: 'd', eTag: 'e' });
    });

    it('brings a version 4 schema forward: its outbox row is a webhook delivery and its record is new', async () => {
      const s = v4Schema;
      // Version 4 as Puente built it: the first four migrations (their text is pinned in migrations.test.ts),
      // recorded in the version table as migrate() records them.
      await sql.query(`CREATE SCHEMA "${s}"; SET search_path TO "${s}"; ${POSTGRES_MIGRATIONS.slice(0, 4).join('\n')}
        CREATE TABLE puente_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO puente_schema_version (version) VALUES (1), (2), (3), (4);
        INSERT INTO puente_records (reference, created_at, urgent, data) VALUES ('OLD', 5, true, 'sealed-old');
        INSERT INTO puente_outbox (id, reference, created_at, urgent, next_attempt_at) VALUES ('d-old', 'OLD', 5, true, 5);
        RESET search_path;`);
      const backend = await open(s);
      expect(await backend.getRecord('OLD')).toEqual({ reference: 'OLD', createdAt: 5, urgent: true, data: 'sealed-old', status: 'new', assignee: null, changedAt: null });
      expect(await backend.outboxStats('webhook')).toEqual({ pending: 1, oldestPendingAt: 5 });
      expect(await backend.outboxStats('alert')).toEqual({ pending: 0, oldestPendingAt: null });
      expect(await backend.claimDeliveries('webhook', 10, 100, 10)).toEqual([{ id: 'd-old', kind: 'webhook', reference: 'OLD', createdAt: 5, urgent: true, attempts: 0 }]);
      expect(await backend.setRecordState('OLD', { status: 'assigned', assignee: 'ana@example.org' }, 20, ['new'])).toBe(true);
      await backend.saveStaffSession('s', 'sealed', 100);
      expect(await backend.loadStaffSession('s', 10)).toBe('sealed');
      const { rows } = await sql.query(`SELECT max(version) AS version FROM "${s}".puente_schema_version`);
      expect(rows[0].version).toBe(POSTGRES_SCHEMA_VERSION);
    });

    it('refuses a status or a delivery kind outside the known ones', async () => {
      await open();
      await sql.query(`INSERT INTO "${schema}".puente_records (reference, created_at, urgent, data) VALUES ('R', 1, false, 'x')`);
      await expect(sql.query(`UPDATE "${schema}".puente_records SET status = 'lost' WHERE reference = 'R'`)).rejects.toThrow(/puente_records_status/);
      await expect(
        sql.query(`INSERT INTO "${schema}".puente_outbox (id, kind, reference, created_at, urgent, next_attempt_at) VALUES ('d', 'sms', 'R', 1, false, 1)`),
      ).rejects.toThrow(/puente_outbox_kind/);
    });

    it('rejects a bad schema name and an unreachable server', async () => {
      await expect(PostgresBackend.connect(url, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/schema name/);
      const down = new URL(url);
      down.port = '1';
      await expect(PostgresBackend.connect(down.toString())).rejects.toThrow();
    });

    it('closes idempotently', async () => {
      const b = await PostgresBackend.connect(url, { schema });
      await b.close();
      await expect(b.close()).resolves.toBeUndefined();
    });
  });
});
