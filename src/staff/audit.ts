/**
 * Audit lines for staff access (design.md §6): every staff read, list, change or delete, from the
 * inbox, the API or the command line, is logged with who (the signed-in staff member's e-mail, or the
 * channel for the API and the command line), when and which reference(s); never any content.
 */
import type { Logger } from 'pino';

export type AuditEvent =
  | 'staff.read'
  | 'staff.list'
  | 'staff.delete'
  | 'staff.stats'
  | 'staff.export'
  | 'staff.assign'
  | 'staff.contacted'
  | 'staff.close'
  | 'staff.reopen'
  | 'staff.signin'
  | 'staff.denied'
  | 'staff.signout';
/** `staff`: a person signed in to the inbox (their `email` is on the line); `api`: the bearer token; `cli`: the server's command line. */
export type AuditActor = 'api' | 'cli' | 'staff';

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
  /** The staff member's verified e-mail (actor `staff`); on a refused sign-in, the e-mail refused, if any. */
  email?: string;
  /** Why a sign-in was refused. */
  reason?: 'unverified' | 'not-allowed';
  /** An export's format. */
  format?: 'json' | 'csv';
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
