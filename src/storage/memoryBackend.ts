/** In-memory backend: tests and experiments only; everything is lost on restart. */
import type { Backend, RecordRow, SessionRow } from './backend';

export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  private readonly sessions = new Map<string, SessionRow & { expiresAt: number }>();
  private readonly records = new Map<string, RecordRow>();

  async loadSession(key: string, now: number): Promise<SessionRow | null> {
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

  async purgeSessions(now: number): Promise<number> {
    let n = 0;
    for (const [k, row] of this.sessions) if (row.expiresAt <= now && this.sessions.delete(k)) n++;
    return n;
  }

  async saveRecord(row: RecordRow): Promise<void> {
    this.records.set(row.reference, { ...row });
  }

  async getRecord(reference: string): Promise<RecordRow | null> {
    const row = this.records.get(reference);
    return row ? { ...row } : null;
  }

  async listRecords(filter: { since?: number; urgent?: boolean }): Promise<RecordRow[]> {
    return [...this.records.values()]
      .filter((r) => (filter.since === undefined || r.createdAt >= filter.since) && (filter.urgent === undefined || r.urgent === filter.urgent))
      .sort((a, b) => a.createdAt - b.createdAt || a.reference.localeCompare(b.reference))
      .map((r) => ({ ...r }));
  }

  async deleteRecord(reference: string): Promise<boolean> {
    return this.records.delete(reference);
  }

  async purgeRecords(olderThan: number): Promise<number> {
    let n = 0;
    for (const [k, r] of this.records) if (r.createdAt < olderThan && this.records.delete(k)) n++;
    return n;
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}
