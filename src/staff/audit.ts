/**
 * Audit lines for staff access (design.md §6): every staff read, list or delete, from the API or the
 * command line, is logged with who (the channel), when and which reference(s); never any content.
 */
import type { Logger } from 'pino';

export type AuditEvent = 'staff.read' | 'staff.list' | 'staff.delete' | 'staff.stats';
export type AuditActor = 'api' | 'cli';

export interface AuditEntry {
  event: AuditEvent;
  actor: AuditActor;
  /** One record (read, delete) ... */
  reference?: string;
  /** ... or several (list, export). */
  references?: string[];
  /** False when the reference asked for does not exist. */
  found?: boolean;
  /** The dashboard period read, in days (aggregates only, no record). */
  days?: number;
}

/**
 * A logger that writes audit lines even when LOG_LEVEL is above `info` (only `silent` silences
 * them), so raising the log level never hides staff access.
 */
export function auditLogger(log: Logger): Logger {
  if (log.isLevelEnabled('info') || log.level === 'silent') return log;
  return log.child({}, { level: 'info' });
}

export function audit(log: Logger, entry: AuditEntry, now: Date = new Date()): void {
  log.info({ audit: true, ...entry, at: now.toISOString() }, 'staff audit');
}
