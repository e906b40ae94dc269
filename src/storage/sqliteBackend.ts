import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Backend, RecordRow, SessionRow } from './backend';
import { WalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './walCheckpointer';

/**
 * Schema migrations, in order; `PRAGMA user_version` holds how many have run. Append only: a later
 * version adds an entry here, and every database opened by it is brought forward once, at open.
 */
const MIGRATIONS: readonly string[] = [
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
];

/** The schema version this code writes and understands. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/** Below every real `created_at`: lets one prepared statement serve "no `since` filter". */
const NO_SINCE = Number.MIN_SAFE_INTEGER;

interface RecordDbRow {
  reference: string;
  created_at: number;
  urgent: number;
  data: string;
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
 *   copied disk; the modes keep other local users from copying the file — references, dates and
 *   the urgency flag are stored in clear for listing.
 * - better-sqlite3 is synchronous: statements are prepared once, and the async methods run them
 *   inline. That is fine for the short indexed statements here; the one slow thing, the WAL
 *   checkpoint with its disk syncs, runs on a worker thread (walCheckpointer.ts).
 *
 * `SqliteBackend.open(':memory:')` gives a private in-memory database for quick tests.
 */
export class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;

  private readonly stmts: ReturnType<typeof prepare>;

  private constructor(
    private readonly db: Database.Database,
    private readonly checkpointer?: WalCheckpointer,
  ) {
    this.stmts = prepare(db);
  }

  /**
   * Opens (creating if missing) the database at `file`, or a private in-memory one for `':memory:'`,
   * and brings its schema up to date. Throws when the file was written by a newer schema version.
   */
  static open(file: string): SqliteBackend {
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
      return new SqliteBackend(db, WalCheckpointer.start(file));
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async loadSession(key: string, now: number): Promise<SessionRow | null> {
    const row = this.stmts.loadSession.get({ key, now }) as { data: string; etag: string } | undefined;
    return row ? { data: row.data, eTag: row.etag } : null;
  }

  async saveSession(key: string, data: string, eTag: string | null, newETag: string, expiresAt: number, now: number): Promise<boolean> {
    const params = { key, data, newETag, expiresAt, now };
    const result = eTag === null ? this.stmts.insertSession.run(params) : this.stmts.updateSession.run({ ...params, eTag });
    return result.changes === 1;
  }

  async deleteSession(key: string): Promise<void> {
    this.stmts.deleteSession.run({ key });
  }

  async purgeSessions(now: number): Promise<number> {
    return this.stmts.purgeSessions.run({ now }).changes;
  }

  async saveRecord(row: RecordRow): Promise<void> {
    this.stmts.saveRecord.run({ reference: row.reference, createdAt: row.createdAt, urgent: row.urgent ? 1 : 0, data: row.data });
  }

  async getRecord(reference: string): Promise<RecordRow | null> {
    const row = this.stmts.getRecord.get({ reference }) as RecordDbRow | undefined;
    return row ? toRecord(row) : null;
  }

  async listRecords(filter: { since?: number; urgent?: boolean }): Promise<RecordRow[]> {
    const urgent = filter.urgent === undefined ? null : filter.urgent ? 1 : 0;
    const rows = this.stmts.listRecords.all({ since: filter.since ?? NO_SINCE, urgent }) as RecordDbRow[];
    return rows.map(toRecord);
  }

  async deleteRecord(reference: string): Promise<boolean> {
    return this.stmts.deleteRecord.run({ reference }).changes > 0;
  }

  async purgeRecords(olderThan: number): Promise<number> {
    return this.stmts.purgeRecords.run({ olderThan }).changes;
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
    if (version > MIGRATIONS.length) {
      throw new Error(`database schema version ${version} is newer than this Puente understands (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    if (version !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
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
    purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= @now'),
    saveRecord: db.prepare('INSERT OR REPLACE INTO records (reference, created_at, urgent, data) VALUES (@reference, @createdAt, @urgent, @data)'),
    getRecord: db.prepare('SELECT reference, created_at, urgent, data FROM records WHERE reference = @reference'),
    listRecords: db.prepare(
      `SELECT reference, created_at, urgent, data FROM records
       WHERE created_at >= @since AND (@urgent IS NULL OR urgent = @urgent)
       ORDER BY created_at, reference`,
    ),
    deleteRecord: db.prepare('DELETE FROM records WHERE reference = @reference'),
    purgeRecords: db.prepare('DELETE FROM records WHERE created_at < @olderThan'),
    ping: db.prepare('SELECT 1'),
    checkpoint: db.prepare('PRAGMA wal_checkpoint(TRUNCATE)'),
  };
}

function toRecord(row: RecordDbRow): RecordRow {
  return { reference: row.reference, createdAt: row.created_at, urgent: row.urgent === 1, data: row.data };
}
