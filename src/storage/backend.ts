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
  /**
   * Deletes the row, and on a backend with files makes the delete final on disk before resolving
   * (SQLite: no earlier version left in the WAL; PostgreSQL: see README, Privacy model).
   */
  deleteSession(key: string): Promise<void>;
  /**
   * Marks a conversation as ended until `until` (ms): its web chat tokens are refused from now on.
   * Entries past their `until` at `now` are forgotten on the way.
   */
  revokeConversation(key: string, until: number, now: number): Promise<void>;
  isRevoked(key: string, now: number): Promise<boolean>;
  /**
   * Deletes up to `limit` rows expired at `now` and returns them, so the caller can tell where each
   * unfinished intake stopped. When several instances purge at once, each row goes to one of them.
   */
  takeExpiredSessions(now: number, limit: number): Promise<ExpiredSessionRow[]>;
}

/** A session row removed by the retention purge. */
export interface ExpiredSessionRow {
  key: string;
  data: string;
  /** ms since epoch */
  expiresAt: number;
}

export interface RecordRow {
  reference: string;
  /** ms since epoch */
  createdAt: number;
  urgent: boolean;
  data: string;
}

/** Where staff are in working an intake (the inbox, issue 21). Every new record starts `new`. */
export const INTAKE_STATUSES = ['new', 'assigned', 'contacted', 'closed'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/**
 * The staff workflow state of a record, kept in plain columns beside the sealed data: it says
 * nothing about the person (a status, the staff member's e-mail, when it last changed).
 */
export interface RecordState {
  status: IntakeStatus;
  /** The staff member's verified e-mail, once someone took it; `null` before. */
  assignee: string | null;
  /** ms since epoch of the last change; `null` while `new`. */
  changedAt: number | null;
}

/** A stored record with its workflow state, as the backends return it. */
export interface StoredRecordRow extends RecordRow, RecordState {}

/**
 * What an outbox row sends: `webhook`, the whole record to the organization's receiver; `alert`, an
 * e-mail to staff with the reference only (never answers, codes or contact details).
 */
export const DELIVERY_KINDS = ['webhook', 'alert'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** A new delivery, saved with its record in one transaction (the durable outbox). */
export interface NewDelivery {
  /** The idempotency key the receiver sees on every attempt. */
  id: string;
  kind: DeliveryKind;
  /** ms since epoch: no attempt before this (the turn that saved the record releases it sooner). */
  notBefore: number;
}

/** A pending delivery handed to one sender, leased until it reports back. */
export interface DeliveryRow {
  id: string;
  kind: DeliveryKind;
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
 * The outbox: one row per record and kind to deliver, kept after delivery (without content) until the
 * record is purged, so a person's `delete` can say whether a copy already reached staff.
 */
export interface OutboxBackend {
  /**
   * Up to `limit` undelivered rows of `kind` due at `now` and not leased by another sender, urgent ones first,
   * then oldest, leased until `leaseUntil` (ms). Several instances may claim at once; a row goes to one of them.
   */
  claimDeliveries(kind: DeliveryKind, now: number, leaseUntil: number, limit: number): Promise<DeliveryRow[]>;
  /** Makes the record's pending rows (of every kind) due at `now` (claimable at once), unless delivered or leased. */
  releaseDeliveries(reference: string, now: number): Promise<void>;
  /**
   * A claimed row its sender will not attempt after all (the sender is stopping): the lease is dropped,
   * so another sender (or this one after a restart) may claim it at once; nothing else changes.
   */
  returnDelivery(id: string): Promise<void>;
  /** The receiver accepted it: marked delivered at `now`, never sent again. */
  deliverySucceeded(id: string, now: number): Promise<void>;
  /** The attempt failed: one more attempt counted, the lease dropped, next try at `nextAttemptAt`. */
  deliveryFailed(id: string, nextAttemptAt: number, error: string): Promise<void>;
  /** Pending rows of `kind`. */
  outboxStats(kind: DeliveryKind): Promise<OutboxStats>;
  /** True when a `webhook` delivery of this record was accepted by the receiver (an alert carries no copy). */
  wasDelivered(reference: string): Promise<boolean>;
}

export interface RecordBackend {
  /**
   * Saves the record (status `new`) if none with its reference exists (an existing one is kept as it
   * is); with `deliveries`, also their outbox rows, in the same transaction and only when the record was new.
   */
  saveRecord(row: RecordRow, deliveries?: readonly NewDelivery[]): Promise<void>;
  getRecord(reference: string): Promise<StoredRecordRow | null>;
  /** Oldest first (created_at, then reference). */
  listRecords(filter: { since?: number; urgent?: boolean; status?: IntakeStatus }): Promise<StoredRecordRow[]>;
  /**
   * Sets the workflow state (`changedAt` = `now`); false when there is no such record. `expected`:
   * only when the current status is one of these (false otherwise), so two staff members acting at
   * once cannot both win.
   */
  setRecordState(reference: string, state: { status: IntakeStatus; assignee: string | null }, now: number, expected?: readonly IntakeStatus[]): Promise<boolean>;
  /** Deletes the record and its outbox rows (delivered or not); true when a record was there. */
  deleteRecord(reference: string): Promise<boolean>;
  /** Deletes records created before `olderThan`, with their outbox rows; returns how many records. */
  purgeRecords(olderThan: number): Promise<number>;
}

/**
 * One increment of a daily aggregate. `metric` and `key` are codes and ids from the spec (a question
 * id, a finding code, a language), never anything a person typed.
 */
export interface CountIncrement {
  metric: string;
  key: string;
  n: number;
}

export interface DailyCountRow {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  metric: string;
  key: string;
  count: number;
}

/**
 * Daily aggregates for the staff dashboard: counts per day, metric and key, with no row per person.
 * They are purged after the same retention as records (CountsRetention) and are shared by every
 * instance on one database.
 */
export interface CountsBackend {
  /** Adds every increment to its (day, metric, key) count, starting from 0, in one transaction. */
  addDailyCounts(day: string, increments: readonly CountIncrement[]): Promise<void>;
  /** Every count from `fromDay` to `toDay` inclusive (`YYYY-MM-DD`), ordered by day, metric, key. */
  dailyCounts(fromDay: string, toDay: string): Promise<DailyCountRow[]>;
}

/** Sums increments of the same metric and key, so one statement never touches a row twice. */
export function coalesceIncrements(increments: readonly CountIncrement[]): CountIncrement[] {
  const sums = new Map<string, CountIncrement>();
  for (const i of increments) {
    const id = `${i.metric}\u0000${i.key}`;
    const seen = sums.get(id);
    if (seen) seen.n += i.n;
    else sums.set(id, { metric: i.metric, key: i.key, n: i.n });
  }
  return [...sums.values()].filter((i) => i.n !== 0);
}

/** The retention of the daily aggregates: they go after the same time as records. */
export interface CountsRetention {
  /** Deletes every count of a day before `beforeDay` (`YYYY-MM-DD`); returns how many rows. */
  purgeDailyCounts(beforeDay: string): Promise<number>;
}

/**
 * Signed-in staff members (the inbox's server-side sessions, and sign-ins in progress). Rows are
 * sealed above; the key is a hash of the cookie's random id, never the id itself.
 */
export interface StaffSessionBackend {
  /** Creates or replaces the row; it reads as absent from `expiresAt` (ms) on. */
  saveStaffSession(key: string, data: string, expiresAt: number): Promise<void>;
  /** The row's data, or `null` when absent or expired at `now`. */
  loadStaffSession(key: string, now: number): Promise<string | null>;
  deleteStaffSession(key: string): Promise<void>;
  /** Deletes every row expired at `now`; returns how many. */
  purgeStaffSessions(now: number): Promise<number>;
}

export interface Backend extends SessionBackend, RecordBackend, OutboxBackend, CountsBackend, CountsRetention, StaffSessionBackend {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
