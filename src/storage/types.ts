/**
 * Storage contracts (design.md §5). Every backend implements these and runs the same contract
 * suite. A session is the in-progress intake; a record is a finished intake for staff.
 */
import { z } from 'zod';
import { persistedIntakeSchema } from '../../dialogs/intake';
import type { IntakeStatus, RecordState } from './backend';

export const SESSION_SCHEMA_VERSION = 1;

export const sessionSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  intake: persistedIntakeSchema,
  /** Reference code of the record this conversation submitted, so `delete` can remove it. */
  reference: z.string().max(40).optional(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** What a store returns: the raw stored value (checked by the caller with zod) and its eTag. */
export interface StoredSession {
  value: unknown;
  eTag: string;
}

export class ETagConflictError extends Error {
  constructor() {
    super('session changed since it was read');
    this.name = 'ETagConflictError';
  }
}

/** The store did not answer (down, unreachable, disk full): the turn is answered calmly, not lost. */
export class StoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super('the store is unavailable');
    this.name = 'StoreUnavailableError';
  }
}

export interface SessionStore {
  /** The stored session or `null`; expired sessions read as `null`. */
  load(conversationId: string): Promise<StoredSession | null>;
  /**
   * Saves when `eTag` matches the stored one (`null` = must not exist yet); otherwise throws
   * {@link ETagConflictError}. Returns the new eTag.
   */
  save(conversationId: string, session: Session, eTag: string | null): Promise<string>;
  delete(conversationId: string): Promise<void>;
}

/** A finished intake, as staff receive it. Answers and findings are codes, never prose. */
export const intakeRecordSchema = z.object({
  reference: z.string().min(1).max(40),
  createdAt: z.iso.datetime(),
  language: z.enum(['en', 'es']),
  answers: z.record(z.string(), z.string()),
  assessment: z.object({
    findings: z.array(z.object({ code: z.string(), severity: z.string(), because: z.array(z.string()) })),
    urgent: z.boolean(),
    referral: z.enum(['urgent', 'standard']),
  }),
  contact: z.object({ name: z.string(), method: z.string(), value: z.string(), safeToLeaveMessage: z.boolean() }).optional(),
});
export type IntakeRecord = z.infer<typeof intakeRecordSchema>;

/** A record with where staff are in working it (the inbox). */
export interface RecordEntry {
  record: IntakeRecord;
  state: RecordState;
}

export interface RecordStore {
  save(record: IntakeRecord): Promise<void>;
  get(reference: string): Promise<IntakeRecord | null>;
  list(filter?: { since?: Date; urgent?: boolean }): Promise<IntakeRecord[]>;
  /** Records with their workflow state, oldest first. */
  entries(filter?: { since?: Date; urgent?: boolean; status?: IntakeStatus }): Promise<RecordEntry[]>;
  entry(reference: string): Promise<RecordEntry | null>;
  /**
   * Sets the workflow state; false when there is no such record, or (with `expected`) when its status
   * is not one of these any more.
   */
  setState(reference: string, state: { status: IntakeStatus; assignee: string | null }, expected?: readonly IntakeStatus[]): Promise<boolean>;
  /** True when a record was deleted (with its pending webhook delivery, if any). */
  delete(reference: string): Promise<boolean>;
  /** True when the webhook receiver already accepted a copy of this record (staff hold that copy). */
  delivered(reference: string): Promise<boolean>;
  /** Deletes records created before `olderThan`; returns how many. */
  purge(olderThan: Date): Promise<number>;
}
