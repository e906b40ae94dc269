/**
 * Bot Framework channel authentication in front of every turn (design.md §2, §4). botbuilder does the
 * validation (signing keys from the cloud's OpenID metadata, issuer, audience = our app id, the
 * channel's endorsement of the key, the `serviceurl` claim against the activity's serviceUrl); this
 * file decides what a failure looks like from outside: always a 401, never a 500, and never a request
 * that hangs because the metadata endpoint does not answer.
 */
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Why a request was turned away; logged as a code, never with the token. */
export type AuthFailure = 'missing' | 'malformed' | 'rejected' | 'timeout' | 'unavailable';

export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; reason: AuthFailure };

/** Longer than any Bot Framework token seen in practice (about 1.5 KB), short enough to refuse junk cheaply. */
const MAX_HEADER_CHARS = 8192;
const BEARER = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
/** jsonwebtoken's errors for a token it refuses (bad signature, expired, not yet valid). */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
/** The most the first request after start-up may wait for the signing keys (they are cached after that). */
export const DEFAULT_AUTH_TIMEOUT_MS = 5000;

function jsonPart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The checks that need no network: a `Bearer` header holding a JWT whose header names a key id and an
 * algorithm Bot Framework signs with (RS256/384/512; never `none` or HMAC). Anything else is refused
 * before botbuilder looks for signing keys.
 */
export function tokenShape(header: string | undefined): 'ok' | 'missing' | 'malformed' {
  if (!header || header.trim() === '') return 'missing';
  if (header.length > MAX_HEADER_CHARS) return 'malformed';
  const m = BEARER.exec(header);
  if (!m) return 'malformed';
  const jose = jsonPart(m[1]!);
  const claims = jsonPart(m[2]!);
  if (!jose || !claims) return 'malformed';
  if (typeof jose.kid !== 'string' || !AuthenticationConstants.AllowedSigningAlgorithms.includes(String(jose.alg))) return 'malformed';
  return 'ok';
}

export class ChannelAuthenticator {
  /**
   * @param auth botbuilder's authentication for the configured cloud (anonymous when no app id).
   * @param anonymous no app id configured: every request passes (the HTTP boundary then accepts only
   *   expectReplies, so nothing is ever sent to a client-supplied address).
   */
  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly anonymous: boolean,
    private readonly timeoutMs = DEFAULT_AUTH_TIMEOUT_MS,
  ) {}

  async authenticate(activity: Activity, header: string | undefined): Promise<AuthOutcome> {
    if (!this.anonymous) {
      const shape = tokenShape(header);
      if (shape !== 'ok') return { ok: false, reason: shape };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      // The metadata fetch inside botbuilder has no time limit of its own: race it.
      const result = await Promise.race([this.auth.authenticateRequest(activity, header ?? ''), timeout]);
      if (result === 'timeout') return { ok: false, reason: 'timeout' };
      return { ok: true, result };
    } catch (err) {
      // botbuilder throws AuthenticationError for a token it refuses, but a bad signature surfaces as
      // jsonwebtoken's own error and an unreachable metadata endpoint as a network error: all 401.
      return { ok: false, reason: err instanceof AuthenticationError || JWT_ERRORS.has((err as Error)?.name) ? 'rejected' : 'unavailable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
