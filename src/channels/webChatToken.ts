/**
 * Tokens of the self-hosted web chat (docs/webchat-protocol.md): `<conversationId>.<exp>.<sig>`,
 * where `sig` is base64url HMAC-SHA256 over `<conversationId>.<exp>` (exp in epoch seconds). The key
 * is derived from the current encryption key (Cipher.deriveKey), so every instance sharing
 * ENCRYPTION_KEYS accepts every other instance's tokens. Pure: the clock is a parameter.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token lifetime (seconds). */
export const TOKEN_TTL_SECONDS = 30 * 60;
/** HKDF purpose label of the signing key; change the version to invalidate every token. */
export const TOKEN_KEY_INFO = 'puente webchat token v1';

/** `wc-` + 24 base64url characters (18 random bytes, 144 bits). */
export const CONVERSATION_ID = /^wc-[A-Za-z0-9_-]{22,64}$/;
const EXPIRY = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const MAX_TOKEN_LENGTH = 256;

export function newConversationId(): string {
  return `wc-${randomBytes(18).toString('base64url')}`;
}

const epochSeconds = (now: Date | number) => Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);

function mac(key: Buffer, conversationId: string, exp: string): Buffer {
  return createHmac('sha256', key).update(`${conversationId}.${exp}`, 'utf8').digest();
}

export interface SignedToken {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

export interface WebChatTokens {
  sign(conversationId: string, now: Date | number): SignedToken;
  /** The conversation id the token is bound to, or `null` when it is malformed, forged or expired. */
  verify(token: string, now: Date | number, graceSeconds?: number): string | null;
}

/** How long after expiry a token may still be exchanged for a new one (refresh only). */
export const REFRESH_GRACE_SECONDS = 12 * 3600;

export function signToken(key: Buffer, conversationId: string, now: Date | number, ttlSeconds = TOKEN_TTL_SECONDS): SignedToken {
  if (!CONVERSATION_ID.test(conversationId)) throw new Error('not a web chat conversation id');
  const exp = String(epochSeconds(now) + ttlSeconds);
  return { token: `${conversationId}.${exp}.${mac(key, conversationId, exp).toString('base64url')}`, expiresIn: ttlSeconds };
}

/**
 * The conversation id of a genuine, unexpired token, or null. `graceSeconds` accepts a recently
 * expired token: only the refresh route uses it, so a phone left in a pocket can carry on.
 */
export function verifyToken(key: Buffer, token: string, now: Date | number, ttlSeconds = TOKEN_TTL_SECONDS, graceSeconds = 0): string | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [conversationId, exp, sig] = parts as [string, string, string];
  if (!CONVERSATION_ID.test(conversationId) || !EXPIRY.test(exp) || !SIGNATURE.test(sig)) return null;
  // Compared as canonical base64url text, so no second spelling of the same bytes is accepted.
  const given = Buffer.from(sig, 'ascii');
  const expected = Buffer.from(mac(key, conversationId, exp).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiry = Number(exp);
  const t = epochSeconds(now);
  // Expired, or valid for longer than any token this server issues (a clock far off, or a bug).
  if (expiry + graceSeconds <= t || expiry > t + ttlSeconds + 60) return null;
  return conversationId;
}

/** Binds the functions to one signing key. */
export function webChatTokens(key: Buffer, ttlSeconds = TOKEN_TTL_SECONDS): WebChatTokens {
  if (key.length < 32) throw new Error('web chat token key must be at least 32 bytes');
  return {
    sign: (conversationId, now) => signToken(key, conversationId, now, ttlSeconds),
    verify: (token, now, graceSeconds) => verifyToken(key, token, now, ttlSeconds, graceSeconds),
  };
}
