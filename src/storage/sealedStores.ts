/**
 * The session and record stores over any backend. Every stored value is sealed (AES-256-GCM, see
 * cipher.ts) and every conversation id is hashed, so a copy of the disk or the database shows no
 * answer, name, contact detail or conversation id. Written once; the backends only move rows.
 */
import { hash, randomUUID } from 'node:crypto';
import type { Backend, IntakeStatus, NewDelivery, StoredRecordRow } from './backend';
import { Cipher } from './cipher';
import {
  ETagConflictError,
  intakeRecordSchema,
  StoreUnavailableError,
  type IntakeRecord,
  type RecordEntry,
  type RecordStore,
  type Session,
  type SessionStore,
  type StoredSession,
} from './types';

/** Runs a backend call; any failure of the backend itself becomes a StoreUnavailableError. */
async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new StoreUnavailableError(err);
  }
}

/** The stored key of a conversation: a hash, never the channel's id. */
export function sessionKey(conversationId: string): string {
  return hash('sha256', `puente:conversation:${conversationId}`, 'base64url');
}

export class SealedSessionStore implements SessionStore {
  constructor(
    private readonly backend: Backend,
    private readonly cipher: Cipher,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async load(conversationId: string): Promise<StoredSession | null> {
    const key = sessionKey(conversationId);
    const row = await guarded(() => this.backend.loadSession(key, this.now()));
    if (!row) return null;
    return { value: this.open(key, row.data), eTag: row.eTag };
  }

  /** The stored value, or `null` when unreadable (a lost key, a damaged row): the caller's zod check then fails. */
  private open(key: string, data: string): unknown {
    try {
      return JSON.parse(this.cipher.open(data, key));
    } catch {
      return null;
    }
  }

  async save(conversationId: string, session: Session, eTag: string | null): Promise<string> {
    const key = sessionKey(conversationId);
    const next = randomUUID();
    const now = this.now();
    const data = this.cipher.seal(JSON.stringify(session), key);
    const ok = await guarded(() => this.backend.saveSession(key, data, eTag, next, now + this.ttlMs, now));
    if (!ok) throw new ETagConflictError();
    return next;
  }

  async delete(conversationId: string): Promise<void> {
    await guarded(() => this.backend.deleteSession(sessionKey(conversationId)));
  }

  /**
   * Deletes expired sessions, in batches; returns how many. `onExpired` sees what each one held
   * (opened, not yet checked: `null` when unreadable) just before it is forgotten, so the caller
   * can count where unfinished intakes stopped. Nothing of it is kept.
   */
  async purge(onExpired?: (session: ExpiredSession) => void): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await guarded(() => this.backend.takeExpiredSessions(this.now(), PURGE_BATCH));
      total += rows.length;
      if (onExpired) for (const r of rows) onExpired({ value: this.open(r.key, r.data), expiresAt: r.expiresAt });
      if (rows.length < PURGE_BATCH) return total;
    }
  }
}

/** Sessions deleted per statement by the purge. */
const PURGE_BATCH = 500;

/** What an expired session held, as the purge hands it over. */
export interface ExpiredSession {
  /** The stored value (unchecked), `null` when it could not be opened. */
  value: unknown;
  /** ms since epoch */
  expiresAt: number;
}

export interface RecordStoreOptions {
  /**
   * Outbox rows saved with each record in the same transaction: with a webhook configured, one for
   * every record; with alerts configured, one more for every urgent record. Each is first due `holdMs`
   * after saving (the turn releases it sooner once its session is saved; if the process dies first,
   * the sender still finds it after the hold).
   */
  outbox?: { holdMs: number; webhook: boolean; alerts: boolean };
  now?: () => number;
}

export class SealedRecordStore implements RecordStore {
  private readonly now: () => number;

  constructor(
    private readonly backend: Backend,
    private readonly cipher: Cipher,
    private readonly options: RecordStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async save(record: IntakeRecord): Promise<void> {
    const row = {
      reference: record.reference,
      createdAt: Date.parse(record.createdAt),
      urgent: record.assessment.urgent,
      data: this.cipher.seal(JSON.stringify(record), `record:${record.reference}`),
    };
    const outbox = this.options.outbox;
    const deliveries: NewDelivery[] = [];
    if (outbox) {
      const notBefore = this.now() + outbox.holdMs;
      if (outbox.webhook) deliveries.push({ id: randomUUID(), kind: 'webhook', notBefore });
      if (outbox.alerts && row.urgent) deliveries.push({ id: randomUUID(), kind: 'alert', notBefore });
    }
    await guarded(() => this.backend.saveRecord(row, deliveries));
  }

  delivered(reference: string): Promise<boolean> {
    return guarded(() => this.backend.wasDelivered(reference));
  }

  async get(reference: string): Promise<IntakeRecord | null> {
    const row = await guarded(() => this.backend.getRecord(reference));
    return row ? this.read(row.reference, row.data) : null;
  }

  async list(filter: { since?: Date; urgent?: boolean } = {}): Promise<IntakeRecord[]> {
    const rows = await guarded(() => this.backend.listRecords({ since: filter.since?.getTime(), urgent: filter.urgent }));
    return rows.map((r) => this.read(r.reference, r.data));
  }

  async entries(filter: { since?: Date; urgent?: boolean; status?: IntakeStatus } = {}): Promise<RecordEntry[]> {
    const rows = await guarded(() => this.backend.listRecords({ since: filter.since?.getTime(), urgent: filter.urgent, status: filter.status }));
    return rows.map((r) => this.entryOf(r));
  }

  async entry(reference: string): Promise<RecordEntry | null> {
    const row = await guarded(() => this.backend.getRecord(reference));
    return row ? this.entryOf(row) : null;
  }

  setState(reference: string, state: { status: IntakeStatus; assignee: string | null }, expected?: readonly IntakeStatus[]): Promise<boolean> {
    return guarded(() => this.backend.setRecordState(reference, state, this.now(), expected));
  }

  private entryOf(row: StoredRecordRow): RecordEntry {
    return { record: this.read(row.reference, row.data), state: { status: row.status, assignee: row.assignee, changedAt: row.changedAt } };
  }

  delete(reference: string): Promise<boolean> {
    return guarded(() => this.backend.deleteRecord(reference));
  }

  purge(olderThan: Date): Promise<number> {
    return guarded(() => this.backend.purgeRecords(olderThan.getTime()));
  }

  private read(reference: string, data: string): IntakeRecord {
    return intakeRecordSchema.parse(JSON.parse(this.cipher.open(data, `record:${reference}`)));
  }
}

/**
 * Ended web chat conversations (exit, delete) over a backend, keyed like sessions by a hash of the
 * conversation id; a failing backend becomes a StoreUnavailableError.
 */
export class BackendRevocations {
  constructor(private readonly backend: Pick<Backend, 'revokeConversation' | 'isRevoked'>) {}

  revoke(conversationId: string, until: number, now: number): Promise<void> {
    return guarded(() => this.backend.revokeConversation(sessionKey(conversationId), until, now));
  }

  isRevoked(conversationId: string, now: number): Promise<boolean> {
    return guarded(() => this.backend.isRevoked(sessionKey(conversationId), now));
  }
}
