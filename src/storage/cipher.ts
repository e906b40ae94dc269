/**
 * Encryption at rest: AES-256-GCM (node:crypto) with a key id in every sealed value, so keys can
 * rotate: new data uses the current key, older data stays readable while its key is configured.
 * The associated data binds a sealed value to its row (a value copied to another row will not open).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
export const KEY_BYTES = 32;

/**
 * Random IVs, taken from a pool the CSPRNG fills 4 KiB at a time: one `randomBytes` call per 341
 * seals instead of one per seal. Each IV is used once, as before; IVs are not secret (every sealed
 * value carries its own).
 */
const IV_POOL_BYTES = 4096;
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function randomIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  const iv = ivPool.subarray(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

export class CipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CipherError';
  }
}

export interface KeyRing {
  /** Key id used for new data. */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class Cipher {
  constructor(private readonly ring: KeyRing) {
    const key = ring.keys.get(ring.current);
    if (!key) throw new CipherError(`current key id "${ring.current}" is not among the configured keys`);
    for (const [id, k] of ring.keys) {
      if (k.length !== KEY_BYTES) throw new CipherError(`key "${id}" must be ${KEY_BYTES} bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new CipherError(`key id "${id}" must be 1-32 letters, digits, _ or -`);
    }
  }

  get currentKeyId(): string {
    return this.ring.current;
  }

  /**
   * A key for another purpose (e.g. signing web chat tokens), derived from the current key with
   * HKDF-SHA256 and a purpose label, so every instance sharing ENCRYPTION_KEYS derives the same one.
   * The raw key never leaves this class; a derived key reveals nothing about it.
   */
  deriveKey(info: string, length = KEY_BYTES): Buffer {
    if (!info) throw new CipherError('deriveKey needs a purpose label');
    return Buffer.from(hkdfSync('sha256', this.ring.keys.get(this.ring.current)!, Buffer.from('puente/derive/v1', 'utf8'), Buffer.from(info, 'utf8'), length));
  }

  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  seal(plaintext: string, associated: string): string {
    const iv = randomIv();
    const c = createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.current)!, iv);
    c.setAAD(Buffer.from(associated, 'utf8'));
    const data = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return [VERSION, this.ring.current, iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, associated: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new CipherError('not a sealed value');
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    const key = this.ring.keys.get(keyId);
    if (!key) throw new CipherError(`no key "${keyId}" configured for stored data`);
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(associated, 'utf8'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new CipherError('sealed value failed authentication');
    }
  }

  /** The key id a sealed value was written with (for rotation reports). */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
