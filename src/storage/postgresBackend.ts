/**
 * PostgreSQL backend: the store for several Puente instances behind a load balancer.
 *
 * Every instance opens its own pool on the same database and keeps nothing in process memory, so
 * any instance can answer any turn of any conversation. Two instances racing on one conversation are
 * settled by the row's eTag (a conditional UPDATE / INSERT ... ON CONFLICT checked by row count), never
 * by a lock held between turns. Expiry is compared with the caller's `now`, exactly as in
 * `MemoryBackend`, so the clocks of the database and of the instances do not matter.
 *
 * Rows hold only what `sealedStores.ts` gives: hashed keys and sealed (encrypted) strings; the only
 * clear columns are the record reference, its creation time, the urgency flag and its workflow state
 * (status, the assignee's e-mail, when it changed), for listing.
 */
import { Pool, type QueryResult, type QueryResultRow } from 'pg';
import { coalesceIncrements, type Backend } from './backend';
import type * as Rows from './backend';

export interface PostgresBackendOptions {
  /** Most connections this instance opens (default 10). */
  max?: number;
  /**
   * A PostgreSQL schema to use (created when missing) instead of the connection's search_path;
   * tests use one per suite. Lower case letters, digits and `_` only.
   */
  schema?: string;
  /**
   * Told about errors of idle connections (the server restarted, the network dropped). They never
   * crash the process: the pool drops the connection and the next query opens a new one.
   */
  onError?: (err: Error) => void;
  /** Told when the VACUUM after a delete failed (the delete itself stands; autovacuum comes later). */
  onVacuumError?: (err: Error) => void;
}

/**
 * Schema migrations, in order; the version of a migration is its index + 1. Applied at connect in one
 * transaction under an advisory lock, so instances starting together migrate once. Never edit an
 * applied migration: append a new one (test/storage/migrations.test.ts pins each one's text, and the
 * migration test builds older schemas from these very entries).
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS puente_sessions (
     key text PRIMARY KEY,
     data text NOT NULL,
     etag text NOT NULL,
     expires_at bigint NOT NULL
   );
   CREATE INDEX IF NOT EXISTS puente_sessions_expires_at ON puente_sessions (expires_at);
   CREATE TABLE IF NOT EXISTS puente_records (
     reference text PRIMARY KEY,
     created_at bigint NOT NULL,
     urgent boolean NOT NULL,
     data text NOT NULL
   );
   CREATE INDEX IF NOT EXISTS puente_records_created_at ON puente_records (created_at);`,
  // 2: the webhook outbox (rows carry no content: the payload is built from the record when sent).
  `CREATE TABLE IF NOT EXISTS puente_outbox (
     id text PRIMARY KEY,
     reference text NOT NULL,
     created_at bigint NOT NULL,
     urgent boolean NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     next_attempt_at bigint NOT NULL,
     lease_until bigint NOT NULL DEFAULT 0,
     delivered_at bigint,
     last_error text
   );
   CREATE INDEX IF NOT EXISTS puente_outbox_due ON puente_outbox (next_attempt_at) WHERE delivered_at IS NULL;
   CREATE INDEX IF NOT EXISTS puente_outbox_reference ON puente_outbox (reference);
   CREATE INDEX IF NOT EXISTS puente_outbox_created_at ON puente_outbox (created_at);`,
  // 3: daily aggregates for the staff dashboard (codes and counts only; purged after the records' retention).
  `CREATE TABLE IF NOT EXISTS puente_daily_counts (
     day text NOT NULL,
     metric text NOT NULL,
     key text NOT NULL,
     count bigint NOT NULL,
     PRIMARY KEY (day, metric, key)
   );`,
  // 4: web chat conversations ended by exit or delete (hashed key only), refused until their tokens could no longer be valid.
  `CREATE TABLE IF NOT EXISTS puente_revoked (
     key text PRIMARY KEY,
     until bigint NOT NULL
   );`,
  // 5: the staff inbox (issue 21). Outbox rows gain a kind (the rows already there are webhook
  // deliveries) and the due index leads with it, as every claim asks for one kind; records gain
  // their workflow state; signed-in staff get server-side sessions (sealed, keyed by a hash).
  `ALTER TABLE puente_outbox ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'webhook'
     CONSTRAINT puente_outbox_kind CHECK (kind IN ('webhook', 'alert'));
   DROP INDEX IF EXISTS puente_outbox_due;
   CREATE INDEX IF NOT EXISTS puente_outbox_due_by_kind ON puente_outbox (kind, next_attempt_at) WHERE delivered_at IS NULL;
   ALTER TABLE puente_records
     ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'new'
       CONSTRAINT puente_records_status CHECK (status IN ('new', 'assigned', 'contacted', 'closed')),
     ADD COLUMN IF NOT EXISTS assignee text,
     ADD COLUMN IF NOT EXISTS changed_at bigint;
   CREATE TABLE IF NOT EXISTS puente_staff_sessions (
     key text PRIMARY KEY,
     data text NOT NULL,
     expires_at bigint NOT NULL
   );
   CREATE INDEX IF NOT EXISTS puente_staff_sessions_expires_at ON puente_staff_sessions (expires_at);`,
];

/** The schema version this code writes and understands. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/** First key of the migration advisory lock ("PUNT"); the second is a hash of the schema name. */
const LOCK_CLASS = 0x50554e54;

const SQL = {
  lock: 'SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))',
  versionTable: `CREATE TABLE IF NOT EXISTS puente_schema_version (
     version integer PRIMARY KEY,
     applied_at timestamptz NOT NULL DEFAULT now()
   )`,
  version: 'SELECT coalesce(max(version), 0) AS version FROM puente_schema_version',
  setVersion: 'INSERT INTO puente_schema_version (version) VALUES ($1)',
  loadSession: 'SELECT data, etag FROM puente_sessions WHERE key = $1 AND expires_at > $2',
  // A first save (eTag null) may replace only an expired row: an expired session counts as absent.
  insertSession: `INSERT INTO puente_sessions AS s (key, data, etag, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, expires_at = EXCLUDED.expires_at
     WHERE s.expires_at <= $5`,
  updateSession: `UPDATE puente_sessions SET data = $3, etag = $4, expires_at = $5
     WHERE key = $1 AND etag = $2 AND expires_at > $6`,
  deleteSession: 'DELETE FROM puente_sessions WHERE key = $1',
  revoke: `WITH gone AS (DELETE FROM puente_revoked WHERE until <= $3)
     INSERT INTO puente_revoked (key, until) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET until = GREATEST(puente_revoked.until, EXCLUDED.until)`,
  isRevoked: 'SELECT 1 FROM puente_revoked WHERE key = $1 AND until > $2',
  // Not in a transaction (VACUUM cannot be): removes the dead tuples a delete left (README, Privacy model).
  vacuum: 'VACUUM puente_sessions, puente_records, puente_outbox',
  // SKIP LOCKED: instances purging at the same moment each take other rows, so each is counted once.
  takeExpiredSessions: `DELETE FROM puente_sessions
     WHERE key IN (SELECT key FROM puente_sessions WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
       AND expires_at <= $1
     RETURNING key, data, expires_at`,
  // Insert if absent: two attempts of one confirmation never replace the record the other's session points to.
  saveRecord: `INSERT INTO puente_records (reference, created_at, urgent, data) VALUES ($1, $2, $3, $4)
     ON CONFLICT (reference) DO NOTHING`,
  getRecord: 'SELECT reference, created_at, urgent, data, status, assignee, changed_at FROM puente_records WHERE reference = $1',
  listRecords: `SELECT reference, created_at, urgent, data, status, assignee, changed_at FROM puente_records
     WHERE ($1::bigint IS NULL OR created_at >= $1) AND ($2::boolean IS NULL OR urgent = $2) AND ($3::text IS NULL OR status = $3)
     ORDER BY created_at, reference COLLATE "C"`,
  // One statement: the row lock it takes makes a second writer re-check `expected` ($5, NULL for any
  // status) against the first one's result, so two staff members acting at once cannot both win.
  setRecordState: `UPDATE puente_records SET status = $2, assignee = $3, changed_at = $4
     WHERE reference = $1 AND ($5::text[] IS NULL OR status = ANY ($5::text[]))`,
  // Multi-table changes are single statements (data-modifying CTEs), so each is atomic on its own.
  saveRecordWithDeliveries: `WITH r AS (
       INSERT INTO puente_records (reference, created_at, urgent, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (reference) DO NOTHING
       RETURNING reference)
     INSERT INTO puente_outbox (id, kind, reference, created_at, urgent, next_attempt_at)
     SELECT d.id, d.kind, r.reference, $2, $3, d.not_before
     FROM r, unnest($5::text[], $6::text[], $7::bigint[]) AS d(id, kind, not_before)
     ON CONFLICT (id) DO NOTHING`,
  deleteRecord: `WITH o AS (DELETE FROM puente_outbox WHERE reference = $1)
     DELETE FROM puente_records WHERE reference = $1`,
  purgeRecords: `WITH o AS (DELETE FROM puente_outbox WHERE created_at < $1)
     DELETE FROM puente_records WHERE created_at < $1`,
  // SKIP LOCKED: instances claiming at the same moment each get other rows.
  claimDeliveries: `UPDATE puente_outbox SET lease_until = $2
     WHERE id IN (
       SELECT id FROM puente_outbox
       WHERE kind = $4 AND delivered_at IS NULL AND next_attempt_at <= $1 AND lease_until <= $1
       ORDER BY urgent DESC, next_attempt_at, id COLLATE "C" LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, reference, created_at, urgent, attempts, next_attempt_at`,
  releaseDeliveries: `UPDATE puente_outbox SET next_attempt_at = LEAST(next_attempt_at, $2)
     WHERE reference = $1 AND delivered_at IS NULL AND lease_until <= $2`,
  returnDelivery: 'UPDATE puente_outbox SET lease_until = 0 WHERE id = $1 AND delivered_at IS NULL',
  deliverySucceeded: 'UPDATE puente_outbox SET delivered_at = $2, lease_until = 0, last_error = NULL WHERE id = $1',
  deliveryFailed: `UPDATE puente_outbox SET attempts = attempts + 1, next_attempt_at = $2, lease_until = 0, last_error = $3
     WHERE id = $1 AND delivered_at IS NULL`,
  outboxStats: 'SELECT count(*)::int AS pending, min(created_at) AS oldest FROM puente_outbox WHERE kind = $1 AND delivered_at IS NULL',
  // Only a webhook delivery put a copy of the record in the organization's system.
  wasDelivered: `SELECT 1 FROM puente_outbox WHERE reference = $1 AND kind = 'webhook' AND delivered_at IS NOT NULL LIMIT 1`,
  addDailyCounts: `INSERT INTO puente_daily_counts AS c (day, metric, key, count)
     SELECT $1, t.metric, t.key, t.n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(metric, key, n)
     ON CONFLICT (day, metric, key) DO UPDATE SET count = c.count + EXCLUDED.count`,
  purgeDailyCounts: 'DELETE FROM puente_daily_counts WHERE day < $1',
  dailyCounts: `SELECT day, metric, key, count FROM puente_daily_counts WHERE day >= $1 AND day <= $2
     ORDER BY day COLLATE "C", metric COLLATE "C", key COLLATE "C"`,
  saveStaffSession: `INSERT INTO puente_staff_sessions (key, data, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
  loadStaffSession: 'SELECT data FROM puente_staff_sessions WHERE key = $1 AND expires_at > $2',
  deleteStaffSession: 'DELETE FROM puente_staff_sessions WHERE key = $1',
  purgeStaffSessions: 'DELETE FROM puente_staff_sessions WHERE expires_at <= $1',
  ping: 'SELECT 1',
} as const;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

interface RecordDbRow {
  reference: string;
  /** bigint: pg returns it as a string */
  created_at: string;
  urgent: boolean;
  data: string;
  status: Rows.IntakeStatus;
  assignee: string | null;
  changed_at: string | null;
}

const toRecord = (r: RecordDbRow): Rows.StoredRecordRow => ({
  reference: r.reference,
  createdAt: Number(r.created_at),
  urgent: r.urgent,
  data: r.data,
  status: r.status,
  assignee: r.assignee,
  changedAt: r.changed_at === null ? null : Number(r.changed_at),
});

/** Errors of a connection the server closed (admin shutdown, crash, network reset). */
const DROPPED = new Set(['57P01', '57P02', '57P03', '08003', '08006', 'ECONNRESET', 'EPIPE']);
function isDroppedConnection(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (e.code !== undefined && DROPPED.has(e.code)) || /Connection terminated/i.test(e.message ?? '');
}

export class PostgresBackend implements Backend {
  readonly kind = 'postgres' as const;
  private ended: Promise<void> | null = null;
  private vacuuming: Promise<void> | null = null;
  private vacuumAgain = false;

  private constructor(
    private readonly pool: Pool,
    private readonly onVacuumError?: (err: Error) => void,
  ) {}

  /**
   * Runs a query, once more if the connection it got had been dropped by the server (a PostgreSQL
   * restart or failover leaves stale connections in the pool). Only for statements that are safe to
   * run twice: reads, deletes, purges and the record upsert. A session save is never repeated here:
   * if it had committed before the connection broke, a second run could apply one answer twice; it
   * fails instead, and the person is asked to try again.
   */
  private async query<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[], repeatable = true): Promise<QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      if (!repeatable || !isDroppedConnection(err)) throw err;
      return this.pool.query<R>(text, values);
    }
  }

  /**
   * Opens a pool on `url` (a `postgresql://` URL), creates or migrates the tables, and resolves when
   * the database answered. Rejects (and closes the pool) when it cannot.
   */
  static async connect(url: string, opts: PostgresBackendOptions = {}): Promise<PostgresBackend> {
    const { schema } = opts;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);
    const pool = new Pool({
      connectionString: url,
      max: opts.max ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // Server side: no statement or forgotten transaction holds a connection for long.
      statement_timeout: 10_000,
      idle_in_transaction_session_timeout: 30_000,
      keepAlive: true,
      application_name: 'puente',
      // Runs (and is awaited) on every new connection before it is used. The name is validated above.
      onConnect: schema
        ? async (client) => {
            await client.query(`SET search_path TO "${schema}"`);
          }
        : undefined,
    });
    // An idle connection that dies (server restart, network) emits 'error' on the pool; without a
    // listener Node would crash the process. The pool already discards that connection.
    pool.on('error', (err) => opts.onError?.(err));
    try {
      await PostgresBackend.migrate(pool, schema);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return new PostgresBackend(pool, opts.onVacuumError);
  }

  private static async migrate(pool: Pool, schema: string | undefined): Promise<void> {
    const client = await pool.connect();
    let failed: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(SQL.lock, [LOCK_CLASS, schema ?? '']);
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(SQL.versionTable);
      const { rows } = await client.query<{ version: number }>(SQL.version);
      for (let v = (rows[0]?.version ?? 0) + 1; v <= POSTGRES_MIGRATIONS.length; v++) {
        await client.query(POSTGRES_MIGRATIONS[v - 1]!);
        await client.query(SQL.setVersion, [v]);
      }
      await client.query('COMMIT');
    } catch (err) {
      failed = err instanceof Error ? err : new Error(String(err));
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      // A connection that failed mid-transaction is destroyed rather than reused.
      client.release(failed);
    }
  }

  async loadSession(key: string, now: number): Promise<Rows.SessionRow | null> {
    const { rows } = await this.query<{ data: string; etag: string }>(SQL.loadSession, [key, now]);
    const row = rows[0];
    return row ? { data: row.data, eTag: row.etag } : null;
  }

  async saveSession(key: string, data: string, eTag: string | null, newETag: string, expiresAt: number, now: number): Promise<boolean> {
    const res =
      eTag === null
        ? await this.query(SQL.insertSession, [key, data, newETag, expiresAt, now], false)
        : await this.query(SQL.updateSession, [key, eTag, data, newETag, expiresAt, now], false);
    return res.rowCount === 1;
  }

  async deleteSession(key: string): Promise<void> {
    await this.query(SQL.deleteSession, [key]);
    this.vacuumSoon();
  }

  async revokeConversation(key: string, until: number, now: number): Promise<void> {
    await this.query(SQL.revoke, [key, until, now]);
  }

  async isRevoked(key: string, now: number): Promise<boolean> {
    return ((await this.query(SQL.isRevoked, [key, now])).rowCount ?? 0) > 0;
  }

  /**
   * After a delete: VACUUM the tables that held the conversation, so its dead tuples are removed now
   * rather than whenever autovacuum comes by. One at a time (VACUUMs of one table queue behind each
   * other): a delete while one runs asks for one more run after it. Best effort, not awaited: the
   * delete itself is done; what PostgreSQL may still hold (WAL, backups, freed space not yet
   * overwritten) is listed in the README.
   */
  private vacuumSoon(): void {
    if (this.vacuuming) {
      this.vacuumAgain = true;
      return;
    }
    this.vacuuming = this.pool
      .query(SQL.vacuum)
      .then(
        () => undefined,
        (err: unknown) => this.onVacuumError?.(err instanceof Error ? err : new Error(String(err))),
      )
      .finally(() => {
        this.vacuuming = null;
        if (this.vacuumAgain && !this.ended) {
          this.vacuumAgain = false;
          this.vacuumSoon();
        }
      });
  }

  /** Resolves once no VACUUM started by a delete is running (tests, close). */
  async vacuumed(): Promise<void> {
    while (this.vacuuming) await this.vacuuming;
  }

  async takeExpiredSessions(now: number, limit: number): Promise<Rows.ExpiredSessionRow[]> {
    const { rows } = await this.query<{ key: string; data: string; expires_at: string }>(SQL.takeExpiredSessions, [now, limit]);
    return rows.map((r) => ({ key: r.key, data: r.data, expiresAt: Number(r.expires_at) }));
  }

  async saveRecord(row: Rows.RecordRow, deliveries: readonly Rows.NewDelivery[] = []): Promise<void> {
    const record = [row.reference, row.createdAt, row.urgent, row.data];
    if (deliveries.length > 0) {
      await this.query(SQL.saveRecordWithDeliveries, [...record, deliveries.map((d) => d.id), deliveries.map((d) => d.kind), deliveries.map((d) => d.notBefore)]);
    } else {
      await this.query(SQL.saveRecord, record);
    }
  }

  async getRecord(reference: string): Promise<Rows.StoredRecordRow | null> {
    const { rows } = await this.query<RecordDbRow>(SQL.getRecord, [reference]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listRecords(filter: { since?: number; urgent?: boolean; status?: Rows.IntakeStatus }): Promise<Rows.StoredRecordRow[]> {
    const { rows } = await this.query<RecordDbRow>(SQL.listRecords, [filter.since ?? null, filter.urgent ?? null, filter.status ?? null]);
    return rows.map(toRecord);
  }

  /**
   * Never repeated on a dropped connection: had it committed before the connection broke, a second
   * run with `expected` would find its own change and report a conflict.
   */
  async setRecordState(reference: string, state: { status: Rows.IntakeStatus; assignee: string | null }, now: number, expected?: readonly Rows.IntakeStatus[]): Promise<boolean> {
    const res = await this.query(SQL.setRecordState, [reference, state.status, state.assignee, now, expected ?? null], false);
    return (res.rowCount ?? 0) > 0;
  }

  async deleteRecord(reference: string): Promise<boolean> {
    const deleted = ((await this.query(SQL.deleteRecord, [reference])).rowCount ?? 0) > 0;
    this.vacuumSoon();
    return deleted;
  }

  async purgeRecords(olderThan: number): Promise<number> {
    return (await this.query(SQL.purgeRecords, [olderThan])).rowCount ?? 0;
  }

  async claimDeliveries(kind: Rows.DeliveryKind, now: number, leaseUntil: number, limit: number): Promise<Rows.DeliveryRow[]> {
    const { rows } = await this.query<{ id: string; kind: Rows.DeliveryKind; reference: string; created_at: string; urgent: boolean; attempts: number; next_attempt_at: string }>(
      SQL.claimDeliveries,
      [now, leaseUntil, limit, kind],
      false,
    );
    return rows
      .sort((a, b) => Number(b.urgent) - Number(a.urgent) || Number(a.next_attempt_at) - Number(b.next_attempt_at) || (a.id < b.id ? -1 : 1))
      .map((r) => ({ id: r.id, kind: r.kind, reference: r.reference, createdAt: Number(r.created_at), urgent: r.urgent, attempts: r.attempts }));
  }

  async releaseDeliveries(reference: string, now: number): Promise<void> {
    await this.query(SQL.releaseDeliveries, [reference, now]);
  }

  async returnDelivery(id: string): Promise<void> {
    await this.query(SQL.returnDelivery, [id]);
  }

  async deliverySucceeded(id: string, now: number): Promise<void> {
    await this.query(SQL.deliverySucceeded, [id, now]);
  }

  async deliveryFailed(id: string, nextAttemptAt: number, error: string): Promise<void> {
    await this.query(SQL.deliveryFailed, [id, nextAttemptAt, error], false);
  }

  async outboxStats(kind: Rows.DeliveryKind): Promise<Rows.OutboxStats> {
    const { rows } = await this.query<{ pending: number; oldest: string | null }>(SQL.outboxStats, [kind]);
    const r = rows[0];
    return { pending: r?.pending ?? 0, oldestPendingAt: r?.oldest == null ? null : Number(r.oldest) };
  }

  async wasDelivered(reference: string): Promise<boolean> {
    return ((await this.query(SQL.wasDelivered, [reference])).rowCount ?? 0) > 0;
  }

  async addDailyCounts(day: string, increments: readonly Rows.CountIncrement[]): Promise<void> {
    const rows = coalesceIncrements(increments);
    if (rows.length === 0) return;
    // Never repeated on a dropped connection: a committed increment run twice would count twice.
    await this.query(SQL.addDailyCounts, [day, rows.map((r) => r.metric), rows.map((r) => r.key), rows.map((r) => r.n)], false);
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<Rows.DailyCountRow[]> {
    const { rows } = await this.query<{ day: string; metric: string; key: string; count: string }>(SQL.dailyCounts, [fromDay, toDay]);
    return rows.map((r) => ({ day: r.day, metric: r.metric, key: r.key, count: Number(r.count) }));
  }

  async purgeDailyCounts(beforeDay: string): Promise<number> {
    return (await this.query(SQL.purgeDailyCounts, [beforeDay])).rowCount ?? 0;
  }

  async saveStaffSession(key: string, data: string, expiresAt: number): Promise<void> {
    await this.query(SQL.saveStaffSession, [key, data, expiresAt]);
  }

  async loadStaffSession(key: string, now: number): Promise<string | null> {
    const { rows } = await this.query<{ data: string }>(SQL.loadStaffSession, [key, now]);
    return rows[0]?.data ?? null;
  }

  /**
   * A staff sign-out: no VACUUM follows (unlike a person's delete), as the row holds a sealed staff
   * sign-in, nothing an intake said; autovacuum removes it.
   */
  async deleteStaffSession(key: string): Promise<void> {
    await this.query(SQL.deleteStaffSession, [key]);
  }

  async purgeStaffSessions(now: number): Promise<number> {
    return (await this.query(SQL.purgeStaffSessions, [now])).rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.query(SQL.ping, []);
  }

  /** Ends the pool; calling it again returns the same promise. */
  close(): Promise<void> {
    this.ended ??= this.vacuumed().then(() => this.pool.end());
    return this.ended;
  }
}
