import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { coalesceIncrements, type Backend } from './backend';
import type * as Rows from './backend';
import { WalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './walCheckpointer';

/**
 * Schema migrations, in order; `PRAGMA user_version` holds how many have run. Append only: a later
 * version adds an entry here, and every database opened by it is brought forward once, at open.
 * test/storage/migrations.test.ts pins each entry's text, and the migration test builds older
 * databases from these very entries.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     key TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     etag TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_expires_at ON sessions (expires_at);
   CREATE TABLE records (
     reference TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     urgent INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX records_created_at ON records (created_at, reference);`,
  // 2: the webhook outbox (rows carry no content: the payload is built from the record when sent).
  `CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     reference TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     urgent INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_until INTEGER NOT NULL DEFAULT 0,
     delivered_at INTEGER,
     last_error TEXT
   );
   CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
   CREATE INDEX outbox_reference ON outbox (reference);
   CREATE INDEX outbox_created_at ON outbox (created_at);`,
  // 3: daily aggregates for the staff dashboard (codes and counts only; purged after the records' retention).
  `CREATE TABLE daily_counts (
     day TEXT NOT NULL,
     metric TEXT NOT NULL,
     key TEXT NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (day, metric, key)
   ) WITHOUT ROWID;`,
  // 4: web chat conversations ended by exit or delete (hashed key only), refused until their tokens could no longer be valid.
  `CREATE TABLE revoked (
     key TEXT PRIMARY KEY,
     until INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // 5: the staff inbox (issue 21). Outbox rows gain a kind (the rows already there are webhook
  // deliveries) and the due index leads with it, as every claim asks for one kind; records gain
  // their workflow state; signed-in staff get server-side sessions (sealed, keyed by a hash).
  `ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'webhook' CHECK (kind IN ('webhook', 'alert'));
   DROP INDEX outbox_due;
   CREATE INDEX outbox_due_by_kind ON outbox (kind, next_attempt_at) WHERE delivered_at IS NULL;
   ALTER TABLE records ADD COLUMN status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'contacted', 'closed'));
   ALTER TABLE records ADD COLUMN assignee TEXT;
   ALTER TABLE records ADD COLUMN changed_at INTEGER;
   CREATE TABLE staff_sessions (
     key TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);`,
];

/** The schema version this code writes and understands. */
export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/** Truncating checkpoints tried after a delete before it is reported as failed. */
const ERASE_ATTEMPTS = 5;

/** Below every real `created_at`: lets one prepared statement serve "no `since` filter". */
const NO_SINCE = Number.MIN_SAFE_INTEGER;

interface RecordDbRow {
  reference: string;
  created_at: number;
  urgent: number;
  data: string;
  status: Rows.IntakeStatus;
  assignee: string | null;
  changed_at: number | null;
}

/**
 * SQLite backend, the default for a single host: one file, no server to run, back up or secure,
 * and it survives restarts (unlike `MemoryBackend`). Rows are already sealed and keys hashed
 * by the stores above (`sealedStores.ts`), so this class only moves opaque strings.
 *
 * - **WAL** (`journal_mode = WAL`, `synchronous = NORMAL`): readers never block the writer, and a
 *   crash of the process loses nothing committed (a power cut may lose the last commits, never
 *   corrupt the file). `busy_timeout` lets a second process on the host wait for the write lock
 *   instead of failing; the eTag checks below are single statements, so two processes on one file
 *   still honour each other's eTags.
 * - **File modes**: the directory is created 0700 and the database 0600 (created so before SQLite
 *   opens it; its `-wal`/`-shm` files inherit the mode, and are chmod-ed too). Sealing protects a
 *   copied disk; the modes keep other local users from copying the file — references, dates, the
 *   urgency flag and the workflow state (status, the assignee's e-mail) are stored in clear for listing.
 * - better-sqlite3 is synchronous: statements are prepared once, and the async methods run them
 *   inline. That is fine for the short indexed statements here; the one slow thing, the WAL
 *   checkpoint with its disk syncs, runs on a worker thread (walCheckpointer.ts).
 *
 * `SqliteBackend.open(':memory:')` gives a private in-memory database for quick tests.
 */
export class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;

  private readonly stmts: ReturnType<typeof prepare>;
  private readonly tx: ReturnType<typeof transactions>;

  private constructor(
    private readonly db: Database.Database,
    private readonly checkpointer?: WalCheckpointer,
  ) {
    this.stmts = prepare(db);
    this.tx = transactions(db, this.stmts);
  }

  /**
   * Opens (creating if missing) the database at `file`, or a private in-memory one for `':memory:'`,
   * and brings its schema up to date. Throws when the file was written by a newer schema version.
   */
  static open(file: string, options: { threadIdleMs?: number } = {}): SqliteBackend {
    const onDisk = file !== ':memory:' && file !== '';
    if (onDisk) createPrivately(file);
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Deleted and purged rows are overwritten with zeros, so `exit` and `delete` leave no sealed copy behind.
      db.pragma('secure_delete = ON');
      migrate(db);
      if (onDisk) for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
      if (!onDisk) return new SqliteBackend(db);
      db.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
      return new SqliteBackend(db, WalCheckpointer.start(file, { idleMs: options.threadIdleMs }));
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async loadSession(key: string, now: number): Promise<Rows.SessionRow | null> {
    const row = this.stmts.loadSession.get({ key, now }) as { data: string; etag: string } | undefined;
    return row ? { data: row.data, eTag: row.etag } : null;
  }

  async saveSession(key: string, data: string, eTag: string | null, newETag: string, expiresAt: number, now: number): Promise<boolean> {
    const params = { key, data, newETag, expiresAt, now };
    const result = eTag === null ? this.stmts.insertSession.run(params) : this.stmts.updateSession.run({ ...params, eTag });
    this.checkpointer?.written();
    return result.changes === 1;
  }

  async deleteSession(key: string): Promise<void> {
    this.stmts.deleteSession.run({ key });
    await this.erase();
  }

  async revokeConversation(key: string, until: number, now: number): Promise<void> {
    this.tx.revoke(key, until, now);
    this.checkpointer?.written();
  }

  async isRevoked(key: string, now: number): Promise<boolean> {
    return this.stmts.isRevoked.get({ key, now }) !== undefined;
  }

  /**
   * Makes a delete final on disk. `secure_delete` has already overwritten the deleted rows with zeros
   * in the pages written by the delete; the earlier versions of those pages still sit in the WAL
   * (every save appended one), so the WAL is checkpointed into the database file and truncated to
   * zero bytes. The checkpoint waits (busy_timeout) for a reader such as the checkpoint thread; if
   * one still holds the WAL, it is tried again, and the caller hears of a failure rather than a
   * delete that only looks done.
   */
  private async erase(): Promise<void> {
    if (!this.checkpointer) return; // in memory: nothing on disk
    for (let attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
      if (await this.checkpoint()) return;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
    throw new Error('the WAL could not be truncated after a delete (another connection holds it)');
  }

  async takeExpiredSessions(now: number, limit: number): Promise<Rows.ExpiredSessionRow[]> {
    const rows = this.stmts.takeExpiredSessions.all({ now, limit }) as { key: string; data: string; expires_at: number }[];
    if (rows.length > 0) await this.erase();
    return rows.map((r) => ({ key: r.key, data: r.data, expiresAt: r.expires_at }));
  }

  async saveRecord(row: Rows.RecordRow, deliveries: readonly Rows.NewDelivery[] = []): Promise<void> {
    const params = { reference: row.reference, createdAt: row.createdAt, urgent: row.urgent ? 1 : 0, data: row.data };
    if (deliveries.length > 0) this.tx.saveWithDeliveries(params, deliveries);
    else this.stmts.saveRecord.run(params);
    this.checkpointer?.written();
  }

  async getRecord(reference: string): Promise<Rows.StoredRecordRow | null> {
    const row = this.stmts.getRecord.get({ reference }) as RecordDbRow | undefined;
    return row ? toRecord(row) : null;
  }

  async listRecords(filter: { since?: number; urgent?: boolean; status?: Rows.IntakeStatus }): Promise<Rows.StoredRecordRow[]> {
    const urgent = filter.urgent === undefined ? null : filter.urgent ? 1 : 0;
    const rows = this.stmts.listRecords.all({ since: filter.since ?? NO_SINCE, urgent, status: filter.status ?? null }) as RecordDbRow[];
    return rows.map(toRecord);
  }

  async setRecordState(reference: string, state: { status: Rows.IntakeStatus; assignee: string | null }, now: number, expected?: readonly Rows.IntakeStatus[]): Promise<boolean> {
    const changed = this.stmts.setRecordState.run({
      reference,
      status: state.status,
      assignee: state.assignee,
      now,
      expected: expected === undefined ? null : JSON.stringify(expected),
    }).changes;
    if (changed > 0) this.checkpointer?.written();
    return changed > 0;
  }

  async deleteRecord(reference: string): Promise<boolean> {
    const deleted = this.tx.deleteRecord(reference);
    await this.erase();
    return deleted;
  }

  async purgeRecords(olderThan: number): Promise<number> {
    const n = this.tx.purgeRecords(olderThan);
    if (n > 0) await this.erase();
    return n;
  }

  async claimDeliveries(kind: Rows.DeliveryKind, now: number, leaseUntil: number, limit: number): Promise<Rows.DeliveryRow[]> {
    return this.tx.claim(kind, now, leaseUntil, limit);
  }

  async releaseDeliveries(reference: string, now: number): Promise<void> {
    this.stmts.releaseDeliveries.run({ reference, now });
  }

  async returnDelivery(id: string): Promise<void> {
    this.stmts.returnDelivery.run({ id });
  }

  async deliverySucceeded(id: string, now: number): Promise<void> {
    this.stmts.deliverySucceeded.run({ id, now });
  }

  async deliveryFailed(id: string, nextAttemptAt: number, error: string): Promise<void> {
    this.stmts.deliveryFailed.run({ id, nextAttemptAt, error });
  }

  async outboxStats(kind: Rows.DeliveryKind): Promise<Rows.OutboxStats> {
    const r = this.stmts.outboxStats.get({ kind }) as { pending: number; oldest: number | null };
    return { pending: r.pending, oldestPendingAt: r.oldest };
  }

  async wasDelivered(reference: string): Promise<boolean> {
    return this.stmts.wasDelivered.get({ reference }) !== undefined;
  }

  async addDailyCounts(day: string, increments: readonly Rows.CountIncrement[]): Promise<void> {
    const rows = coalesceIncrements(increments);
    if (rows.length > 0) this.tx.addCounts(day, rows);
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<Rows.DailyCountRow[]> {
    return this.stmts.dailyCounts.all({ fromDay, toDay }) as Rows.DailyCountRow[];
  }

  async purgeDailyCounts(beforeDay: string): Promise<number> {
    const n = this.stmts.purgeDailyCounts.run({ beforeDay }).changes;
    if (n > 0) this.checkpointer?.written();
    return n;
  }

  async saveStaffSession(key: string, data: string, expiresAt: number): Promise<void> {
    this.stmts.saveStaffSession.run({ key, data, expiresAt });
    this.checkpointer?.written();
  }

  async loadStaffSession(key: string, now: number): Promise<string | null> {
    const row = this.stmts.loadStaffSession.get({ key, now }) as { data: string } | undefined;
    return row?.data ?? null;
  }

  /**
   * A staff sign-out. `secure_delete` zeroes the row in the database file; unlike a person's delete,
   * the WAL is not truncated at once: the row holds a sealed staff sign-in, nothing an intake said.
   */
  async deleteStaffSession(key: string): Promise<void> {
    if (this.stmts.deleteStaffSession.run({ key }).changes > 0) this.checkpointer?.written();
  }

  async purgeStaffSessions(now: number): Promise<number> {
    const n = this.stmts.purgeStaffSessions.run({ now }).changes;
    if (n > 0) this.checkpointer?.written();
    return n;
  }

  async ping(): Promise<void> {
    this.stmts.ping.get();
  }

  /**
   * Copies the WAL into the database file and truncates the WAL (`wal_checkpoint(TRUNCATE)`).
   * Returns false when another connection kept it from completing.
   */
  async checkpoint(): Promise<boolean> {
    const r = this.stmts.checkpoint.get() as { busy: number } | undefined;
    return r?.busy === 0;
  }

  /** Closes the connection (and the checkpoint worker's); closing twice is fine. */
  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }
}

/** Creates the directory (0700) and an empty file (0600) before SQLite opens it, so no moment is world-readable. */
function createPrivately(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // mkdir's mode is filtered by the umask
  }
  closeSync(openSync(file, 'a', 0o600));
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a new file at once must not both run the same migration.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SQLITE_MIGRATIONS.length) {
      throw new Error(`database schema version ${version} is newer than this Puente understands (${SQLITE_MIGRATIONS.length})`);
    }
    for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v] as string);
    if (version !== SQLITE_MIGRATIONS.length) db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
  }).immediate();
}

function prepare(db: Database.Database) {
  return {
    loadSession: db.prepare('SELECT data, etag FROM sessions WHERE key = @key AND expires_at > @now'),
    // First save: a new row, or replacing one that has expired; a live row is a conflict (0 changes).
    insertSession: db.prepare(
      `INSERT INTO sessions (key, data, etag, expires_at) VALUES (@key, @data, @newETag, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires_at = excluded.expires_at
       WHERE sessions.expires_at <= @now`,
    ),
    updateSession: db.prepare(
      `UPDATE sessions SET data = @data, etag = @newETag, expires_at = @expiresAt
       WHERE key = @key AND etag = @eTag AND expires_at > @now`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE key = @key'),
    // One statement: a row is deleted and returned once, even with another process purging the same file.
    takeExpiredSessions: db.prepare(
      `DELETE FROM sessions WHERE key IN (SELECT key FROM sessions WHERE expires_at <= @now LIMIT @limit)
       RETURNING key, data, expires_at`,
    ),
    // Insert if absent: two attempts of one confirmation never replace the record the other's session points to.
    saveRecord: db.prepare('INSERT INTO records (reference, created_at, urgent, data) VALUES (@reference, @createdAt, @urgent, @data) ON CONFLICT (reference) DO NOTHING'),
    getRecord: db.prepare('SELECT reference, created_at, urgent, data, status, assignee, changed_at FROM records WHERE reference = @reference'),
    listRecords: db.prepare(
      `SELECT reference, created_at, urgent, data, status, assignee, changed_at FROM records
       WHERE created_at >= @since AND (@urgent IS NULL OR urgent = @urgent) AND (@status IS NULL OR status = @status)
       ORDER BY created_at, reference`,
    ),
    // One statement, so checking `expected` and writing cannot be split by another writer.
    // `expected` is a JSON array of statuses, or NULL for "whatever the status".
    setRecordState: db.prepare(
      `UPDATE records SET status = @status, assignee = @assignee, changed_at = @now
       WHERE reference = @reference AND (@expected IS NULL OR status IN (SELECT value FROM json_each(@expected)))`,
    ),
    deleteRecord: db.prepare('DELETE FROM records WHERE reference = @reference'),
    purgeRecords: db.prepare('DELETE FROM records WHERE created_at < @olderThan'),
    ping: db.prepare('SELECT 1'),
    insertDelivery: db.prepare(
      `INSERT INTO outbox (id, kind, reference, created_at, urgent, next_attempt_at)
       VALUES (@id, @kind, @reference, @createdAt, @urgent, @notBefore)`,
    ),
    deleteDeliveriesOf: db.prepare('DELETE FROM outbox WHERE reference = @reference'),
    purgeDeliveries: db.prepare('DELETE FROM outbox WHERE created_at < @olderThan'),
    dueDeliveries: db.prepare(
      `SELECT id, kind, reference, created_at, urgent, attempts FROM outbox
       WHERE kind = @kind AND delivered_at IS NULL AND next_attempt_at <= @now AND lease_until <= @now
       ORDER BY urgent DESC, next_attempt_at, id LIMIT @limit`,
    ),
    leaseDelivery: db.prepare('UPDATE outbox SET lease_until = @leaseUntil WHERE id = @id'),
    returnDelivery: db.prepare('UPDATE outbox SET lease_until = 0 WHERE id = @id AND delivered_at IS NULL'),
    releaseDeliveries: db.prepare(
      `UPDATE outbox SET next_attempt_at = MIN(next_attempt_at, @now)
       WHERE reference = @reference AND delivered_at IS NULL AND lease_until <= @now`,
    ),
    deliverySucceeded: db.prepare('UPDATE outbox SET delivered_at = @now, lease_until = 0, last_error = NULL WHERE id = @id'),
    deliveryFailed: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @nextAttemptAt, lease_until = 0, last_error = @error
       WHERE id = @id AND delivered_at IS NULL`,
    ),
    outboxStats: db.prepare('SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox WHERE kind = @kind AND delivered_at IS NULL'),
    // Only a webhook delivery put a copy of the record in the organization's system.
    wasDelivered: db.prepare("SELECT 1 FROM outbox WHERE reference = @reference AND kind = 'webhook' AND delivered_at IS NOT NULL LIMIT 1"),
    addCount: db.prepare(
      `INSERT INTO daily_counts (day, metric, key, count) VALUES (@day, @metric, @key, @n)
       ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count`,
    ),
    dailyCounts: db.prepare(
      'SELECT day, metric, key, count FROM daily_counts WHERE day >= @fromDay AND day <= @toDay ORDER BY day, metric, key',
    ),
    checkpoint: db.prepare('PRAGMA wal_checkpoint(TRUNCATE)'),
    purgeDailyCounts: db.prepare('DELETE FROM daily_counts WHERE day < @beforeDay'),
    revoke: db.prepare('INSERT INTO revoked (key, until) VALUES (@key, @until) ON CONFLICT (key) DO UPDATE SET until = MAX(until, excluded.until)'),
    forgetRevoked: db.prepare('DELETE FROM revoked WHERE until <= @now'),
    isRevoked: db.prepare('SELECT 1 FROM revoked WHERE key = @key AND until > @now'),
    saveStaffSession: db.prepare(
      `INSERT INTO staff_sessions (key, data, expires_at) VALUES (@key, @data, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
    ),
    loadStaffSession: db.prepare('SELECT data FROM staff_sessions WHERE key = @key AND expires_at > @now'),
    deleteStaffSession: db.prepare('DELETE FROM staff_sessions WHERE key = @key'),
    purgeStaffSessions: db.prepare('DELETE FROM staff_sessions WHERE expires_at <= @now'),
  };
}

/** The multi-statement operations, each one transaction. */
function transactions(db: Database.Database, stmts: ReturnType<typeof prepare>) {
  return {
    saveWithDeliveries: db.transaction((record: { reference: string; createdAt: number; urgent: number; data: string }, deliveries: readonly Rows.NewDelivery[]) => {
      if (stmts.saveRecord.run(record).changes !== 1) return;
      for (const d of deliveries) {
        stmts.insertDelivery.run({ id: d.id, kind: d.kind, reference: record.reference, createdAt: record.createdAt, urgent: record.urgent, notBefore: d.notBefore });
      }
    }),
    deleteRecord: db.transaction((reference: string): boolean => {
      stmts.deleteDeliveriesOf.run({ reference });
      return stmts.deleteRecord.run({ reference }).changes > 0;
    }),
    revoke: db.transaction((key: string, until: number, now: number) => {
      stmts.forgetRevoked.run({ now });
      stmts.revoke.run({ key, until });
    }),
    addCounts: db.transaction((day: string, rows: readonly Rows.CountIncrement[]) => {
      for (const r of rows) stmts.addCount.run({ day, metric: r.metric, key: r.key, n: r.n });
    }),
    purgeRecords: db.transaction((olderThan: number): number => {
      stmts.purgeDeliveries.run({ olderThan });
      return stmts.purgeRecords.run({ olderThan }).changes;
    }),
    // IMMEDIATE (see claim below): takes the write lock before reading, so two processes on one file
    // cannot both lease the same row.
    claim: (kind: Rows.DeliveryKind, now: number, leaseUntil: number, limit: number): Rows.DeliveryRow[] =>
      db
        .transaction(() => {
          const rows = stmts.dueDeliveries.all({ kind, now, limit }) as { id: string; kind: Rows.DeliveryKind; reference: string; created_at: number; urgent: number; attempts: number }[];
          for (const r of rows) stmts.leaseDelivery.run({ id: r.id, leaseUntil });
          return rows.map((r) => ({ id: r.id, kind: r.kind, reference: r.reference, createdAt: r.created_at, urgent: r.urgent === 1, attempts: r.attempts }));
        })
        .immediate(),
  };
}

function toRecord(row: RecordDbRow): Rows.StoredRecordRow {
  return {
    reference: row.reference,
    createdAt: row.created_at,
    urgent: row.urgent === 1,
    data: row.data,
    status: row.status,
    assignee: row.assignee,
    changedAt: row.changed_at,
  };
}
