import { Cipher } from '../../src/storage';

/** A fixed test key ring: two keys, the second current. */
export function testCipher(current: 'k1' | 'k2' = 'k2', only?: 'k1' | 'k2'): Cipher {
  const keys = new Map([
    ['k1', Buffer.alloc(32, 1)],
    ['k2', Buffer.alloc(32, 2)],
  ]);
  if (only) for (const id of [...keys.keys()]) if (id !== only) keys.delete(id);
  return new Cipher({ current, keys });
}
