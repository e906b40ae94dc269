/** In-memory backend: tests and experiments only; everything is lost on restart. */
import { coalesceIncrements, type Backend } from './backend';
import type * as Rows from './backend';

interface OutboxEntry extends Rows.DeliveryRow {
  nextAttemptAt: number;
  leaseUntil: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  private readonly sessions = new Map<string, Rows.SessionRow & { expiresAt: number }>();
  private readonly records = new Map<string, Rows.StoredRecordRow>();
  private readonly staffSessions = new Map<string, { data: string; expiresAt: number }>();
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly counts = new Map<string, Rows.DailyCountRow>();
  private readonly revoked = new Map<string, number>();

  async loadSession(key: string, now: number): Promise<Rows.SessionRow | null> {
    const row = this.sessions.get(key);
    if (!row || row.expiresAt <= now) return null;
    return { data: row.data, eTag: row.eTag };
  }

  async saveSession(key: string, data: string, eTag: string | null, newETag: string, expiresAt: number, now: number): Promise<boolean> {
    const row = this.sessions.get(key);
    const live = row && row.expiresAt > now ? row : undefined;
    if ((live?.eTag ?? null) !== eTag) return false;
    this.sessions.set(key, { data, eTag: newETag, expiresAt });
    return true;
  }

  async deleteSession(key: string): Promise<void> {
    this.sessions.delete(key);
  }

  async revokeConversation(key: string, until: number, now: number): Promise<void> {
    for (const [k, u] of this.revoked) if (u <= now) this.revoked.delete(k);
    this.revoked.set(key, Math.max(until, this.revoked.get(key) ?? 0));
  }

  async isRevoked(key: string, now: number): Promise<boolean> {
    return (this.revoked.get(key) ?? 0) > now;
  }

  async takeExpiredSessions(now: number, limit: number): Promise<Rows.ExpiredSessionRow[]> {
    const taken: Rows.ExpiredSessionRow[] = [];
    for (const [key, row] of this.sessions) {
      if (taken.length >= limit) break;
      if (row.expiresAt > now) continue;
      this.sessions.delete(key);
      taken.push({ key, data: row.data, expiresAt: row.expiresAt });
    }
    return taken;
  }

  async saveRecord(row: Rows.RecordRow, deliveries: readonly Rows.NewDelivery[] = []): Promise<void> {
    if (this.records.has(row.reference)) return; // insert if absent, as the other backends
    this.records.set(row.reference, { ...row, status: 'new', assignee: null, changedAt: null });
    for (const delivery of deliveries) {
      this.outbox.set(delivery.id, {
        id: delivery.id,
        kind: delivery.kind,
        reference: row.reference,
        createdAt: row.createdAt,
        urgent: row.urgent,
        attempts: 0,
        nextAttemptAt: delivery.notBefore,
        leaseUntil: 0,
        deliveredAt: null,
        lastError: null,
      });
    }
  }

  async getRecord(reference: string): Promise<Rows.StoredRecordRow | null> {
    const row = this.records.get(reference);
    return row ? { ...row } : null;
  }

  async listRecords(filter: { since?: number; urgent?: boolean; status?: Rows.IntakeStatus }): Promise<Rows.StoredRecordRow[]> {
    return [...this.records.values()]
      .filter(
        (r) =>
          (filter.since === undefined || r.createdAt >= filter.since) &&
          (filter.urgent === undefined || r.urgent === filter.urgent) &&
          (filter.status === undefined || r.status === filter.status),
      )
      .sort((a, b) => a.createdAt - b.createdAt || a.reference.localeCompare(b.reference))
      .map((r) => ({ ...r }));
  }

  async setRecordState(reference: string, state: { status: Rows.IntakeStatus; assignee: string | null }, now: number, expected?: readonly Rows.IntakeStatus[]): Promise<boolean> {
    const row = this.records.get(reference);
    if (!row || (expected && !expected.includes(row.status))) return false;
    Object.assign(row, { status: state.status, assignee: state.assignee, changedAt: now });
    return true;
  }

  async deleteRecord(reference: string): Promise<boolean> {
    for (const [id, e] of this.outbox) if (e.reference === reference) this.outbox.delete(id);
    return this.records.delete(reference);
  }

  async purgeRecords(olderThan: number): Promise<number> {
    for (const [id, e] of this.outbox) if (e.createdAt < olderThan) this.outbox.delete(id);
    let n = 0;
    for (const [k, r] of this.records) if (r.createdAt < olderThan && this.records.delete(k)) n++;
    return n;
  }

  async claimDeliveries(kind: Rows.DeliveryKind, now: number, leaseUntil: number, limit: number): Promise<Rows.DeliveryRow[]> {
    const due = [...this.outbox.values()]
      .filter((e) => e.kind === kind && e.deliveredAt === null && e.nextAttemptAt <= now && e.leaseUntil <= now)
      .sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
    return due.map((e) => {
      e.leaseUntil = leaseUntil;
      return { id: e.id, kind: e.kind, reference: e.reference, createdAt: e.createdAt, urgent: e.urgent, attempts: e.attempts };
    });
  }

  async releaseDeliveries(reference: string, now: number): Promise<void> {
    for (const e of this.outbox.values()) {
      if (e.reference === reference && e.deliveredAt === null && e.leaseUntil <= now) e.nextAttemptAt = Math.min(e.nextAttemptAt, now);
    }
  }

  async returnDelivery(id: string): Promise<void> {
    const e = this.outbox.get(id);
    if (e && e.deliveredAt === null) e.leaseUntil = 0;
  }

  async deliverySucceeded(id: string, now: number): Promise<void> {
    const e = this.outbox.get(id);
    if (e) Object.assign(e, { deliveredAt: now, leaseUntil: 0, lastError: null });
  }

  async deliveryFailed(id: string, nextAttemptAt: number, error: string): Promise<void> {
    const e = this.outbox.get(id);
    if (e && e.deliveredAt === null) Object.assign(e, { attempts: e.attempts + 1, nextAttemptAt, leaseUntil: 0, lastError: error });
  }

  async outboxStats(kind: Rows.DeliveryKind): Promise<Rows.OutboxStats> {
    let pending = 0;
    let oldest: number | null = null;
    for (const e of this.outbox.values()) {
      if (e.deliveredAt !== null || e.kind !== kind) continue;
      pending++;
      oldest = oldest === null ? e.createdAt : Math.min(oldest, e.createdAt);
    }
    return { pending, oldestPendingAt: oldest };
  }

  async wasDelivered(reference: string): Promise<boolean> {
    for (const e of this.outbox.values()) if (e.reference === reference && e.kind === 'webhook' && e.deliveredAt !== null) return true;
    return false;
  }

  async addDailyCounts(day: string, increments: readonly Rows.CountIncrement[]): Promise<void> {
    for (const { metric, key, n } of coalesceIncrements(increments)) {
      const id = JSON.stringify([day, metric, key]);
      const row = this.counts.get(id);
      if (row) row.count += n;
      else this.counts.set(id, { day, metric, key, count: n });
    }
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<Rows.DailyCountRow[]> {
    return [...this.counts.values()]
      .filter((r) => r.day >= fromDay && r.day <= toDay)
      .sort((a, b) => cmp(a.day, b.day) || cmp(a.metric, b.metric) || cmp(a.key, b.key))
      .map((r) => ({ ...r }));
  }

  async purgeDailyCounts(beforeDay: string): Promise<number> {
    let n = 0;
    for (const [id, row] of this.counts) {
      if (row.day < beforeDay) {
        this.counts.delete(id);
        n++;
      }
    }
    return n;
  }

  async saveStaffSession(key: string, data: string, expiresAt: number): Promise<void> {
    this.staffSessions.set(key, { data, expiresAt });
  }

  async loadStaffSession(key: string, now: number): Promise<string | null> {
    const row = this.staffSessions.get(key);
    return row && row.expiresAt > now ? row.data : null;
  }

  async deleteStaffSession(key: string): Promise<void> {
    this.staffSessions.delete(key);
  }

  async purgeStaffSessions(now: number): Promise<number> {
    let n = 0;
    for (const [key, row] of this.staffSessions) {
      if (row.expiresAt <= now) {
        this.staffSessions.delete(key);
        n++;
      }
    }
    return n;
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Code-point order, as `COLLATE "C"` in PostgreSQL and SQLite's default. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
