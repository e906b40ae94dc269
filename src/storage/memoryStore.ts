/**
 * In-memory stores: tests and local experiments only (everything is lost on restart). Same
 * contracts as the durable backends, including eTags and session expiry.
 */
import { randomUUID } from 'node:crypto';
import { ETagConflictError, type IntakeRecord, type RecordStore, type Session, type SessionStore, type StoredSession } from './types';

export class MemorySessionStore implements SessionStore {
  private readonly rows = new Map<string, { json: string; eTag: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async load(conversationId: string): Promise<StoredSession | null> {
    const row = this.rows.get(conversationId);
    if (!row) return null;
    if (row.expiresAt <= this.now()) {
      this.rows.delete(conversationId);
      return null;
    }
    return { value: JSON.parse(row.json) as unknown, eTag: row.eTag };
  }

  async save(conversationId: string, session: Session, eTag: string | null): Promise<string> {
    const row = this.rows.get(conversationId);
    const live = row && row.expiresAt > this.now() ? row : undefined;
    if ((live?.eTag ?? null) !== eTag) throw new ETagConflictError();
    const next = randomUUID();
    this.rows.set(conversationId, { json: JSON.stringify(session), eTag: next, expiresAt: this.now() + this.ttlMs });
    return next;
  }

  async delete(conversationId: string): Promise<void> {
    this.rows.delete(conversationId);
  }

  /** Removes expired sessions; returns how many. */
  sweep(): number {
    let n = 0;
    const now = this.now();
    for (const [id, row] of this.rows) {
      if (row.expiresAt <= now) {
        this.rows.delete(id);
        n++;
      }
    }
    return n;
  }
}

export class MemoryRecordStore implements RecordStore {
  private readonly rows = new Map<string, string>();

  async save(record: IntakeRecord): Promise<void> {
    this.rows.set(record.reference, JSON.stringify(record));
  }

  async get(reference: string): Promise<IntakeRecord | null> {
    const json = this.rows.get(reference);
    return json ? (JSON.parse(json) as IntakeRecord) : null;
  }

  async list(filter: { since?: Date; urgent?: boolean } = {}): Promise<IntakeRecord[]> {
    return [...this.rows.values()]
      .map((j) => JSON.parse(j) as IntakeRecord)
      .filter((r) => (filter.since ? new Date(r.createdAt) >= filter.since : true))
      .filter((r) => (filter.urgent === undefined ? true : r.assessment.urgent === filter.urgent))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async delete(reference: string): Promise<boolean> {
    return this.rows.delete(reference);
  }

  async purge(olderThan: Date): Promise<number> {
    let n = 0;
    for (const [ref, json] of this.rows) {
      if (new Date((JSON.parse(json) as IntakeRecord).createdAt) < olderThan) {
        this.rows.delete(ref);
        n++;
      }
    }
    return n;
  }
}
