import { Client } from 'pg';
import { persist, startIntake } from '../../dialogs/intake';
import { SealedRecordStore, SealedSessionStore, SESSION_SCHEMA_VERSION, type IntakeRecord, type Session } from '../../src/storage';
import { POSTGRES_SCHEMA_VERSION, PostgresBackend } from '../../src/storage/postgresBackend';
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
    await sql.query(`TRUNCATE "${schema}".puente_sessions, "${schema}".puente_records, "${schema}".puente_outbox, "${schema}".puente_daily_counts`);
    return b;
  });

  describe('postgres specifics', () => {
    const raceSchema = freshSchema(url, 'race');
    beforeEach(async () => {
      await open();
      await sql.query(`TRUNCATE "${schema}".puente_sessions, "${schema}".puente_records, "${schema}".puente_outbox, "${schema}".puente_daily_counts`);
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
