/**
 * Staff exports of intake records: JSON (one object per record) and CSV (RFC 4180, one row per
 * record, one column per question), plus the `since` / `urgent` filters shared by the CLI and the API.
 */
import { questionById, questionIds } from '../../dialogs/intake';
import type { IntakeRecord } from '../storage';

export interface ExportedRecord {
  reference: string;
  createdAt: string;
  language: IntakeRecord['language'];
  urgent: boolean;
  referral: IntakeRecord['assessment']['referral'];
  /** Finding codes, in display order. */
  findings: string[];
  assessment: IntakeRecord['assessment'];
  answers: Record<string, string>;
  contact: IntakeRecord['contact'] | null;
}

export function toExported(r: IntakeRecord): ExportedRecord {
  return {
    reference: r.reference,
    createdAt: r.createdAt,
    language: r.language,
    urgent: r.assessment.urgent,
    referral: r.assessment.referral,
    findings: r.assessment.findings.map((f) => f.code),
    assessment: r.assessment,
    answers: { ...r.answers },
    contact: r.contact ?? null,
  };
}

/**
 * Answer columns: every choice question not already a column of its own: the `language` answer is
 * the record's `language` column and `contact_method` is in the contact columns (a header appearing
 * twice breaks spreadsheet imports). The free-text answers are the contact_* columns too.
 */
const OWN_COLUMNS: ReadonlySet<string> = new Set(['language', 'contact_method']);
export const CSV_ANSWER_COLUMNS: readonly string[] = questionIds.filter((id) => questionById(id).kind !== 'text' && !OWN_COLUMNS.has(id));
export const CSV_COLUMNS: readonly string[] = [
  'reference',
  'createdAt',
  'language',
  'urgent',
  'findings',
  'contact_name',
  'contact_method',
  'contact_value',
  'safe_to_leave_message',
  ...CSV_ANSWER_COLUMNS,
];

/**
 * A free-text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
 * injection). Phone numbers such as "+1 555 0100" are left as they are.
 */
function defuse(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^\+?[0-9 ()\-.]+$/.test(value)) return `'${value}`;
  return value;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(records: readonly IntakeRecord[]): string {
  const rows = [CSV_COLUMNS as string[]];
  for (const r of records) {
    rows.push([
      r.reference,
      r.createdAt,
      r.language,
      String(r.assessment.urgent),
      r.assessment.findings.map((f) => f.code).join(';'),
      r.contact ? defuse(r.contact.name) : '',
      r.contact?.method ?? '',
      r.contact ? defuse(r.contact.value) : '',
      r.contact ? String(r.contact.safeToLeaveMessage) : '',
      ...CSV_ANSWER_COLUMNS.map((id) => r.answers[id] ?? ''),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** `YYYY-MM-DD` (midnight UTC) or a full ISO date-time; `null` when neither. */
export function parseSince(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return d.toISOString().slice(0, 10) === value ? d : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `true`/`1`/`yes` or `false`/`0`/`no`; `null` otherwise. */
export function parseBool(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return null;
}

/** A reference as the bot issues them (PU-XXXX-XXXX); anything else cannot exist. */
export const REFERENCE_PATTERN = /^[A-Za-z0-9-]{1,40}$/;
