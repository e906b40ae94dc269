/** Web chat tokens: bound to one conversation, signed with a key derived from the encryption key. */
import { Cipher } from '../../src/storage';
import { REFRESH_GRACE_SECONDS,
  CONVERSATION_ID,
  MAX_TOKEN_AGE_SECONDS,
  newConversationId,
  signToken,
  TOKEN_KEY_INFO,
  TOKEN_TTL_SECONDS,
  verifyToken,
  webChatTokens,
} from '../../src/channels/webChatToken';
import { testCipher } from '../support/cipher';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const key = testCipher().deriveKey(TOKEN_KEY_INFO);
const tokens = webChatTokens(key);

describe('conversation ids', () => {
  it('are wc- plus at least 22 url-safe characters, and differ', () => {
    const ids = new Set(Array.from({ length: 200 }, newConversationId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^wc-[A-Za-z0-9_-]{22,}$/);
    expect(CONVERSATION_ID.test('wc-short')).toBe(false);
  });
});

describe('tokens', () => {
  const a = newConversationId();
  const b = newConversationId();

  it('have the contract format and verify to their conversation until they expire', () => {
    const { token, expiresIn } = tokens.sign(a, T0);
    expect(expiresIn).toBe(TOKEN_TTL_SECONDS);
    const [id, iat, exp, sig] = token.split('.');
    expect(id).toBe(a);
    expect(Number(iat)).toBe(T0 / 1000);
    expect(Number(exp)).toBe(T0 / 1000 + 1800);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token, T0)).toEqual({ conversationId: a, issuedAt: T0 / 1000 });
    expect(tokens.verify(token, new Date(T0 + 1799_000))?.conversationId).toBe(a);
  });

  it('are refused once expired (injectable clock)', () => {
    const { token } = tokens.sign(a, T0);
    expect(tokens.verify(token, T0 + 1800_000)).toBeNull();
    expect(tokens.verify(token, T0 + 86_400_000)).toBeNull();
  });

  it('may be exchanged within the refresh grace after expiry, and not later', () => {
    const { token } = tokens.sign(a, T0);
    expect(tokens.verify(token, T0 + 2 * 3600_000, REFRESH_GRACE_SECONDS)?.conversationId).toBe(a);
    expect(tokens.verify(token, T0 + 1800_000 + REFRESH_GRACE_SECONDS * 1000, REFRESH_GRACE_SECONDS)).toBeNull();
  });

  it("refuse another conversation's id with this conversation's signature", () => {
    const { token } = tokens.sign(a, T0);
    const [, iat, exp, sig] = token.split('.');
    expect(tokens.verify(`${b}.${iat}.${exp}.${sig}`, T0)).toBeNull();
  });

  it('refuse a tampered expiry or issue time', () => {
    const { token } = tokens.sign(a, T0);
    const [id, iat, exp, sig] = token.split('.') as [string, string, string, string];
    expect(tokens.verify(`${id}.${iat}.${Number(exp) + 600}.${sig}`, T0)).toBeNull();
    expect(tokens.verify(`${id}.${iat}.${Number(exp) - 1}.${sig}`, T0)).toBeNull();
    expect(tokens.verify(`${id}.${Number(iat) + 600}.${exp}.${sig}`, T0)).toBeNull();
  });

  it('carry their first issue time through refreshes, and stop at the absolute lifetime (issue 19)', () => {
    // Refresh every 25 minutes, as the page does: the issue time never moves.
    let { token } = tokens.sign(a, T0);
    let t = T0;
    for (;;) {
      t += 25 * 60_000;
      const v = tokens.verify(token, t, REFRESH_GRACE_SECONDS);
      if (!v) break;
      expect(v.issuedAt).toBe(T0 / 1000);
      token = tokens.sign(v.conversationId, t, v.issuedAt).token;
    }
    // No chain of refreshes outlives MAX_TOKEN_AGE_SECONDS from the first token.
    expect(t).toBeLessThanOrEqual(T0 + (MAX_TOKEN_AGE_SECONDS + 25 * 60) * 1000);
    expect(t).toBeGreaterThanOrEqual(T0 + MAX_TOKEN_AGE_SECONDS * 1000);
    // And a token that claims a later issue time than the signer gave cannot be made without the key.
    expect(tokens.sign(a, T0 + MAX_TOKEN_AGE_SECONDS * 1000, T0 / 1000).expiresIn).toBe(1);
  });

  it('refuse a tampered or non-canonical signature', () => {
    const { token } = tokens.sign(a, T0);
    const sig = token.slice(-43);
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    expect(tokens.verify(token.slice(0, -1) + flip(sig.at(-1)!), T0)).toBeNull();
    expect(tokens.verify(token.slice(0, -43) + flip(sig[0]!) + sig.slice(1), T0)).toBeNull();
  });

  it('refuse tokens signed with another key', () => {
    const other = webChatTokens(testCipher('k1').deriveKey(TOKEN_KEY_INFO));
    expect(tokens.verify(other.sign(a, T0).token, T0)).toBeNull();
  });

  it('refuse malformed input', () => {
    for (const bad of ['', 'x', 'a.b.c', `${a}.${T0}`, `${a}..sig`, `${a}.-5.${'A'.repeat(43)}`, `${a}.1e9.${'A'.repeat(43)}`, 'x'.repeat(5000), `${a}.1.2.3`]) {
      expect(tokens.verify(bad, T0)).toBeNull();
    }
    expect(verifyToken(key, undefined as unknown as string, T0)).toBeNull();
  });

  it('refuse a validly signed token that lives far longer than any issued', () => {
    const long = signToken(key, a, T0, 7 * 86_400);
    expect(verifyToken(key, long.token, T0)).toBeNull();
  });

  it('sign only web chat conversation ids', () => {
    expect(() => tokens.sign('c-1234', T0)).toThrow();
    expect(() => tokens.sign(`${a}.x`, T0)).toThrow();
  });

  it('need a key of at least 32 bytes', () => {
    expect(() => webChatTokens(Buffer.alloc(16))).toThrow();
  });
});

describe('Cipher.deriveKey', () => {
  it('is stable for one key and purpose, and differs by purpose and by current key', () => {
    const k = testCipher('k2').deriveKey('p');
    expect(k).toHaveLength(32);
    expect(testCipher('k2').deriveKey('p').equals(k)).toBe(true);
    expect(testCipher('k2').deriveKey('q').equals(k)).toBe(false);
    expect(testCipher('k1').deriveKey('p').equals(k)).toBe(false);
    expect(k.equals(Buffer.alloc(32, 2))).toBe(false);
    expect(() => testCipher().deriveKey('')).toThrow();
  });

  it('gives every instance with the same keys the same token key', () => {
    const ring = () => ({ current: 'x', keys: new Map([['x', Buffer.alloc(32, 9)]]) });
    const one = webChatTokens(new Cipher(ring()).deriveKey(TOKEN_KEY_INFO));
    const two = webChatTokens(new Cipher(ring()).deriveKey(TOKEN_KEY_INFO));
    const id = newConversationId();
    expect(two.verify(one.sign(id, T0).token, T0)?.conversationId).toBe(id);
  });
});
