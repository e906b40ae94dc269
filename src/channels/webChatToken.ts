/**
 * Tokens of the self-hosted web chat (docs/webchat-protocol.md): `<conversationId>.<iat>.<exp>.<sig>`,
 * where `sig` is base64url HMAC-SHA256 over `<conversationId>.<iat>.<exp>` (epoch seconds). `iat` is
 * when the conversation's first token was issued: a refresh keeps it, and no token is valid (or
 * refreshed) more than MAX_TOKEN_AGE_SECONDS after it, so refreshes cannot chain forever. The key
 * is derived from the current encryption key (Cipher.deriveKey), so every instance sharing
 * ENCRYPTION_KEYS accepts every other instance's tokens. Pure: the clock is a parameter.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token lifetime (seconds). */
export const TOKEN_TTL_SECONDS = 30 * 60;
/** HKDF purpose label of the signing key; change the version to invalidate every token. */
export const TOKEN_KEY_INFO = 'puente webchat token v2';
/** The absolute lifetime of a conversation's tokens, from the first one issued (seconds). */
export const MAX_TOKEN_AGE_SECONDS = 24 * 3600;

/** `wc-` + 24 base64url characters (18 random bytes, 144 bits). */
export const CONVERSATION_ID = /^wc-[A-Za-z0-9_-]{22,64}$/;
const EXPIRY = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const MAX_TOKEN_LENGTH = 256;


export function newConversationId(): string {
  return `wc-${randomBytes(18).toString('base64url')}`;
}

const epochSeconds = (now: Date | number) => Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);

function mac(key: Buffer, conversationId: string, iat: string, exp: string): Buffer {
  return createHmac('sha256', key).update(`${conversationId}.${iat}.${exp}`, 'utf8').digest();
}

/** What a genuine token says. */
export interface VerifiedToken {
  conversationId: string;
  /** Epoch seconds: when the conversation's first token was issued. */
  issuedAt: number;
}

export interface SignedToken {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export interface WebChatTokens {
  /** A new token; `issuedAt` (epoch seconds) carries a refreshed token's first issue time. */
  sign(conversationId: string, now: Date | number, issuedAt?: number): SignedToken;
  /** What the token is bound to, or `null` when it is malformed, forged, expired or past its absolute lifetime. */
  verify(token: string, now: Date | number, graceSeconds?: number): VerifiedToken | null;
}

/** How long after expiry a token may still be exchanged for a new one (refresh only). */
export const REFRESH_GRACE_SECONDS = 12 * 3600;

export function signToken(key: Buffer, conversationId: string, now: Date | number, ttlSeconds = TOKEN_TTL_SECONDS, issuedAt?: number): SignedToken {
  if (!CONVERSATION_ID.test(conversationId)) throw new Error('not a web chat conversation id');
  const t = epochSeconds(now);
  const iat = issuedAt ?? t;
  // Never past the absolute lifetime: the last refresh gets what is left of it.
  const ttl = Math.max(1, Math.min(ttlSeconds, iat + MAX_TOKEN_AGE_SECONDS - t));
  const exp = String(t + ttl);
  return { token: `${conversationId}.${iat}.${exp}.${mac(key, conversationId, String(iat), exp).toString('base64url')}`, expiresIn: ttl };
}

/**
 * What a genuine, unexpired token says (conversation id, first issue time), or null. `graceSeconds` accepts a recently
 * expired token: only the refresh route uses it, so a phone left in a pocket can carry on.
 */
export function verifyToken(key: Buffer, token: string, now: Date | number, ttlSeconds = TOKEN_TTL_SECONDS, graceSeconds = 0): VerifiedToken | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [conversationId, iat, exp, sig] = parts as [string, string, string, string];
  if (!CONVERSATION_ID.test(conversationId) || !EXPIRY.test(iat) || !EXPIRY.test(exp) || !SIGNATURE.test(sig)) return null;
  // Compared as canonical base64url text, so no second spelling of the same bytes is accepted.
  const given = Buffer.from(sig, 'ascii');
  const expected = Buffer.from(mac(key, conversationId, iat, exp).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(iat);
  const expiry = Number(exp);
  const t = epochSeconds(now);
  // Expired, or valid for longer than any token this server issues (a clock far off, or a bug).
  if (expiry + graceSeconds <= t || expiry > t + ttlSeconds + 60) return null;
  // Past the absolute lifetime (no grace: refreshes cannot chain forever), or issued in the future.
  if (t >= issuedAt + MAX_TOKEN_AGE_SECONDS || issuedAt > t + 60 || expiry > issuedAt + MAX_TOKEN_AGE_SECONDS) return null;
  return { conversationId, issuedAt };
}

/** Binds the functions to one signing key. */
export function webChatTokens(key: Buffer, ttlSeconds = TOKEN_TTL_SECONDS): WebChatTokens {
  if (key.length < 32) throw new Error('web chat token key must be at least 32 bytes');
  return {
    sign: (conversationId, now, issuedAt) => signToken(key, conversationId, now, ttlSeconds, issuedAt),
    verify: (token, now, graceSeconds) => verifyToken(key, token, now, ttlSeconds, graceSeconds),
  };
}
