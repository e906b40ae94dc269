/**
 * Reference codes: what a person and the staff name a sent intake by. No personal data in them, and
 * unambiguous when read aloud or typed.
 */
import { createHash, randomInt } from 'node:crypto';

/** Unambiguous when read aloud or typed: no 0/O, 1/I/L. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An unguessable reference code with no personal data: `PU-XXXX-XXXX` (about 49 bits). */
export function newReference(): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const block = () => Array.from({ length: 5 }, pick).join('');
  return `PU-${block()}-${block()}`;
}

/**
 * The reference of the intake a conversation submits from the stored session version `eTag`: the
 * same for every attempt of that one confirmation, so a turn that saved the record and then died
 * before saving the session (a crash, a SIGKILL) does not make a second record when the person
 * confirms again; a different one as soon as anything in the session changes. Unguessable: the eTag
 * is random and never leaves the server. Same alphabet and shape as `newReference`.
 */
export function submissionReference(conversationId: string, eTag: string): string {
  const digest = createHash('sha256').update(`puente:reference:${conversationId}:${eTag}`).digest();
  let n = digest.readBigUInt64BE(0);
  const base = BigInt(REFERENCE_ALPHABET.length);
  let chars = '';
  for (let i = 0; i < 10; i++) {
    chars += REFERENCE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return `PU-${chars.slice(0, 5)}-${chars.slice(5)}`;
}
