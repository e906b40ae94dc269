import { Cipher, CipherError, generateKey } from '../../src/storage';
import { testCipher } from '../support/cipher';

describe('cipher', () => {
  it('seals and opens, with a fresh IV every time', () => {
    const c = testCipher();
    const a = c.seal('{"name":"Ale"}', 'row-1');
    const b = c.seal('{"name":"Ale"}', 'row-1');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('"name"');
    expect(c.open(a, 'row-1')).toBe('{"name":"Ale"}');
    expect(Cipher.keyIdOf(a)).toBe('k2');
  });

  it('refuses a value moved to another row, or tampered with', () => {
    const c = testCipher();
    const sealed = c.seal('secret', 'row-1');
    expect(() => c.open(sealed, 'row-2')).toThrow(CipherError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('forged').toString('base64url');
    expect(() => c.open(parts.join('.'), 'row-1')).toThrow(CipherError);
    expect(() => c.open('plain text', 'row-1')).toThrow(CipherError);
  });

  it('opens old data after rotation while the old key is kept, and not after it is removed', () => {
    const old = testCipher('k1', 'k1').seal('kept', 'r');
    expect(testCipher('k2').open(old, 'r')).toBe('kept');
    expect(() => testCipher('k2', 'k2').open(old, 'r')).toThrow(/no key "k1"/);
  });

  it('refuses bad key rings', () => {
    expect(() => new Cipher({ current: 'x', keys: new Map([['k1', generateKey()]]) })).toThrow(/current key id/);
    expect(() => new Cipher({ current: 'k1', keys: new Map([['k1', Buffer.alloc(16)]]) })).toThrow(/32 bytes/);
  });
});
