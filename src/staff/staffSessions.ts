/**
 * Server-side sessions of signed-in staff (issue 21), and of sign-ins in progress.
 *
 * The browser holds only a random id in an HttpOnly cookie. The store holds a hash of that id as its
 * key and the session sealed under it (AES-256-GCM, the records' keys), so a copy of the database
 * gives neither a usable cookie nor the staff member's e-mail. Every instance sharing the store
 * (PostgreSQL) sees the same sessions, and signing out ends the session everywhere at once.
 *
 * - A sign-in in progress (`login`) keeps the OpenID Connect state, nonce and PKCE verifier for ten
 *   minutes, and is used once: the callback takes it and deletes it.
 * - A staff session ends after 30 minutes without a request (idle) and 12 hours after sign-in
 *   (absolute), whichever comes first; the stored row expires at that moment, so an ended session
 *   cannot be read back even by a clock-skewed instance that skips the checks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { StaffSessionBackend } from '../storage/backend';
import type { Cipher } from '../storage/cipher';
import { StoreUnavailableError } from '../storage/types';

export interface StaffSessionLimits {
  idleMs: number;
  absoluteMs: number;
  /** How long a sign-in may take at the identity provider. */
  loginMs: number;
  /** A request refreshes the idle deadline only when the last refresh is older than this (fewer writes). */
  touchEveryMs: number;
}

export const DEFAULT_STAFF_SESSION_LIMITS: StaffSessionLimits = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  loginMs: 10 * 60_000,
  touchEveryMs: 60_000,
};

const loginSchema = z.object({
  kind: z.literal('login'),
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  /** Where to go after signing in: a path under /staff (checked before it was stored). */
  returnTo: z.string(),
  createdAt: z.number(),
});
export type PendingLogin = z.infer<typeof loginSchema>;

const staffSchema = z.object({
  kind: z.literal('staff'),
  /** The verified e-mail, lower-cased, as allowed by STAFF_EMAILS. */
  email: z.string().min(3),
  /** The CSRF token every form of this session carries. */
  csrf: z.string().min(32),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});
export type StaffSession = z.infer<typeof staffSchema>;

const storedSchema = z.discriminatedUnion('kind', [loginSchema, staffSchema]);

/** The cookie's value: 32 random bytes, base64url (43 characters). */
const ID = /^[A-Za-z0-9_-]{43}$/;

const newId = () => randomBytes(32).toString('base64url');

/** The stored key of a cookie id: a hash, so the table never holds a usable cookie. */
function keyOf(id: string): string {
  return createHash('sha256').update(`puente:staff-session:${id}`, 'utf8').digest('base64url');
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new StoreUnavailableError(err);
  }
}

export class StaffSessions {
  private readonly limits: StaffSessionLimits;

  constructor(
    private readonly backend: StaffSessionBackend,
    private readonly cipher: Cipher,
    private readonly now: () => number = Date.now,
    limits: Partial<StaffSessionLimits> = {},
  ) {
    this.limits = { ...DEFAULT_STAFF_SESSION_LIMITS, ...limits };
  }

  /** Stores a sign-in in progress; returns the cookie id that leads back to it. */
  async beginLogin(login: Omit<PendingLogin, 'kind' | 'createdAt'>): Promise<string> {
    const id = newId();
    const now = this.now();
    await this.write(id, { kind: 'login', ...login, createdAt: now }, now + this.limits.loginMs);
    return id;
  }

  /** The sign-in in progress behind a cookie id, deleted as it is read (a callback works once). */
  async takeLogin(id: string | null): Promise<PendingLogin | null> {
    const stored = await this.read(id);
    if (!stored) return null;
    await guarded(() => this.backend.deleteStaffSession(keyOf(id!)));
    return stored.kind === 'login' ? stored : null;
  }

  /** A new session for an allowed, verified e-mail; returns the cookie id (always a fresh one). */
  async create(email: string): Promise<{ id: string; session: StaffSession }> {
    const id = newId();
    const now = this.now();
    const session: StaffSession = { kind: 'staff', email, csrf: randomBytes(32).toString('base64url'), createdAt: now, lastSeenAt: now };
    await this.write(id, session, this.expiresAt(session));
    return { id, session };
  }

  /**
   * The live session behind a cookie id, or null (none, ended, expired, unreadable). A read counts
   * as activity: the idle deadline moves on (at most once a minute, to spare the store).
   */
  async resume(id: string | null): Promise<StaffSession | null> {
    const stored = await this.read(id);
    if (!stored || stored.kind !== 'staff') return null;
    const now = this.now();
    if (now - stored.lastSeenAt >= this.limits.idleMs || now - stored.createdAt >= this.limits.absoluteMs) return null;
    if (now - stored.lastSeenAt < this.limits.touchEveryMs) return stored;
    const touched = { ...stored, lastSeenAt: now };
    await this.write(id!, touched, this.expiresAt(touched));
    return touched;
  }

  /** Signs out: the row is gone, on every instance. */
  async end(id: string | null): Promise<void> {
    if (id && ID.test(id)) await guarded(() => this.backend.deleteStaffSession(keyOf(id)));
  }

  /** Forgets every ended session and abandoned sign-in (the retention purge). */
  purge(): Promise<number> {
    return guarded(() => this.backend.purgeStaffSessions(this.now()));
  }

  private expiresAt(s: StaffSession): number {
    return Math.min(s.lastSeenAt + this.limits.idleMs, s.createdAt + this.limits.absoluteMs);
  }

  private async write(id: string, value: PendingLogin | StaffSession, expiresAt: number): Promise<void> {
    const key = keyOf(id);
    const data = this.cipher.seal(JSON.stringify(value), `staff-session:${key}`);
    await guarded(() => this.backend.saveStaffSession(key, data, expiresAt));
  }

  private async read(id: string | null): Promise<PendingLogin | StaffSession | null> {
    if (!id || !ID.test(id)) return null;
    const key = keyOf(id);
    const data = await guarded(() => this.backend.loadStaffSession(key, this.now()));
    if (data === null) return null;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(this.cipher.open(data, `staff-session:${key}`)));
      return parsed.success ? parsed.data : null;
    } catch {
      // A rotated-away key or a damaged row: the person simply signs in again.
      return null;
    }
  }
}
