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

/** A new webhook delivery, saved with its record in one transaction (the durable outbox). */
export interface NewDelivery {
  /** The idempotency key the receiver sees on every attempt. */
  id: string;
  /** ms since epoch: no attempt before this (the turn that saved the record releases it sooner). */
  notBefore: number;
}

/** A pending delivery handed to one sender, leased until it reports back. */
export interface DeliveryRow {
  id: string;
  reference: string;
  /** ms since epoch: when the record was created. */
  createdAt: number;
  urgent: boolean;
  /** Attempts made before this one. */
  attempts: number;
}

export interface OutboxStats {
  pending: number;
  /** ms since epoch of the oldest undelivered entry's record, `null` when none is pending. */
  oldestPendingAt: number | null;
}

/**
 * The webhook outbox: one row per record to deliver, kept after delivery (without content) until the
 * record is purged, so a person's `delete` can say whether a copy already reached staff.
 */
export interface OutboxBackend {
  /**
   * Up to `limit` undelivered rows due at `now` and not leased by another sender, urgent ones first, then oldest,
   * leased until `leaseUntil` (ms). Several instances may claim at once; a row goes to one of them.
   */
  claimDeliveries(now: number, leaseUntil: number, limit: number): Promise<DeliveryRow[]>;
  /** Makes the record's pending rows due at `now` (claimable at once), unless delivered or leased. */
  releaseDeliveries(reference: string, now: number): Promise<void>;
  /** The receiver accepted it: marked delivered at `now`, never sent again. */
  deliverySucceeded(id: string, now: number): Promise<void>;
  /** The attempt failed: one more attempt counted, the lease dropped, next try at `nextAttemptAt`. */
  deliveryFailed(id: string, nextAttemptAt: number, error: string): Promise<void>;
  outboxStats(): Promise<OutboxStats>;
  /** True when a delivery of this record was accepted by the receiver. */
  wasDelivered(reference: string): Promise<boolean>;
}

export interface RecordBackend {
  /** Saves the record; with `delivery`, also its outbox row, in the same transaction. */
  saveRecord(row: RecordRow, delivery?: NewDelivery): Promise<void>;
  getRecord(reference: string): Promise<RecordRow | null>;
  /** Oldest first. */
  listRecords(filter: { since?: number; urgent?: boolean }): Promise<RecordRow[]>;
  /** Deletes the record and its outbox rows (delivered or not); true when a record was there. */
  deleteRecord(reference: string): Promise<boolean>;
  /** Deletes records created before `olderThan`, with their outbox rows; returns how many records. */
  purgeRecords(olderThan: number): Promise<number>;
}

export interface Backend extends SessionBackend, RecordBackend, OutboxBackend {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
