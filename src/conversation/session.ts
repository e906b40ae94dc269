/**
 * A conversation's stored session as a turn reads and writes it: checked on load (an unreadable one
 * restarts the intake), built from the snapshot on save.
 */
import { MACHINE_VERSION, persist, restoreChecked, type IntakeSnapshot, type Locale } from '../../dialogs/intake';
import { SESSION_SCHEMA_VERSION, sessionSchema, type Session, type SessionStore } from '../storage';
import type { TurnLogger } from './handleTurn';
import { hashId } from './logHash';
import { localeFromChannel } from './turnInput';

export interface LoadedSession {
  snapshot: IntakeSnapshot | null;
  /** The reference of the intake this conversation already sent. */
  reference?: string;
  eTag: string | null;
  /** The stored session existed but could not be read (old version, corrupt). */
  unreadable: boolean;
}

export async function loadSession(deps: { sessions: SessionStore; log: TurnLogger }, conversationId: string): Promise<LoadedSession> {
  const stored = await deps.sessions.load(conversationId);
  if (!stored) return { snapshot: null, eTag: null, unreadable: false };
  // The session schema checks the persisted intake too, so it is not checked a second time.
  const parsed = sessionSchema.safeParse(stored.value);
  const snapshot = parsed.success ? restoreChecked(parsed.data.intake) : null;
  if (!parsed.success || !snapshot) {
    deps.log.warn({ code: 'SESSION_UNREADABLE', conv: hashId(conversationId), machineVersion: MACHINE_VERSION }, 'stored session unreadable; restarting');
    return { snapshot: null, eTag: stored.eTag, unreadable: true };
  }
  return { snapshot, reference: parsed.data.reference, eTag: stored.eTag, unreadable: false };
}

/** The session to store after a turn: the persisted snapshot and the reference of a sent intake, if any. */
export function sessionOf(snapshot: IntakeSnapshot, reference: string | undefined, now: Date): Session {
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    intake: persist(snapshot),
    ...(reference ? { reference } : {}),
    updatedAt: now.toISOString(),
  };
}

/**
 * The language a conversation's stored session is in, for a reply outside a turn (the rate-limit
 * notice); the channel's language when there is none or the store does not answer.
 */
export async function storedLocale(conversationId: string, channelLocale: string | undefined, deps: { sessions: SessionStore }): Promise<Locale> {
  try {
    const stored = await deps.sessions.load(conversationId);
    const parsed = stored ? sessionSchema.safeParse(stored.value) : undefined;
    if (parsed?.success) return parsed.data.intake.context.locale;
  } catch {
    // The channel's language is good enough for one short line.
  }
  return localeFromChannel(channelLocale);
}

/** Whether the conversation's stored session refers to `reference`; true when the store cannot tell. */
export async function referencedBySession(sessions: SessionStore, conversationId: string, reference: string): Promise<boolean> {
  try {
    const stored = await sessions.load(conversationId);
    const parsed = stored ? sessionSchema.safeParse(stored.value) : undefined;
    return parsed?.success === true && parsed.data.reference === reference;
  } catch {
    return true;
  }
}
