/**
 * What a storage backend (memory, SQLite, PostgreSQL) implements: opaque sealed strings in rows,
 * optimistic concurrency and expiry. Encryption, id hashing and zod live above, in `sealedStores.ts`,
 * written once for every backend.
 */

export interface SessionRow {
  data: string;
  eTag: string;
}

export interface SessionBackend {
  /** The row, or `null` when absent or expired at `now` (ms since epoch). */
  loadSession(key: string, now: number): Promise<SessionRow | null>;
  /**
   * Writes when the stored eTag equals `eTag` (`null`: no live row, an expired one counts as absent)
   * and returns true; returns false on a conflict. `newETag` and `expiresAt` (ms) come from the caller.
   */
  saveSession(key: string, data: string, eTag: string | null, newETag: string, expiresAt: number, now: number): Promise<boolean>;
  deleteSession(key: string): Promise<void>;
  /** Deletes rows expired at `now`; returns how many. */
  purgeSessions(now: number): Promise<number>;
}

export interface RecordRow {
  reference: string;
  /** ms since epoch */
  createdAt: number;
  urgent: boolean;
  data: string;
}

export interface RecordBackend {
  saveRecord(row: RecordRow): Promise<void>;
  getRecord(reference: string): Promise<RecordRow | null>;
  /** Oldest first. */
  listRecords(filter: { since?: number; urgent?: boolean }): Promise<RecordRow[]>;
  deleteRecord(reference: string): Promise<boolean>;
  purgeRecords(olderThan: number): Promise<number>;
}

export interface Backend extends SessionBackend, RecordBackend {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
