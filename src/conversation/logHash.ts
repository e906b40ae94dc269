/**
 * Conversation ids as they appear in logs: hashed with a secret key, so a log line can be followed
 * within a conversation but never traced back to it.
 */
import { createHmac, randomBytes } from 'node:crypto';

/**
 * The key of log hashes: until the application sets one derived from the encryption keys (every
 * instance sharing ENCRYPTION_KEYS then hashes alike), a random one of this process.
 */
let logHashKey: Buffer = randomBytes(32);

/** HKDF purpose label of the log hash key (Cipher.deriveKey). */
export const LOG_HASH_KEY_INFO = 'puente log hash v1';

/** Sets the key of `hashId` (start-up; at least 32 bytes). */
export function setLogHashKey(key: Buffer): void {
  if (key.length < 32) throw new Error('log hash key must be at least 32 bytes');
  logHashKey = key;
}

/**
 * Conversation ids are hashed before they reach a log line: an HMAC with a secret key, so someone who
 * knows a conversation id (a Teams id is no secret to Microsoft or to a tenant admin) cannot compute
 * its hash and find its log lines.
 */
export function hashId(id: string): string {
  return createHmac('sha256', logHashKey).update(id, 'utf8').digest('hex').slice(0, 16);
}
