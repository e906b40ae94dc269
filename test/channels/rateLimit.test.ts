/** The in-memory rate limiter of the web chat routes, and how a client address is chosen. */
import type { Request } from 'restify';
import { addressKey, clientAddress, RateLimiter } from '../../src/server/rateLimit';
import path from 'node:path';
import { defaultWebRoot, safeRelative } from '../../src/server/static';

describe('RateLimiter', () => {
  it('allows the limit per window, then says when to retry', () => {
    let now = 1_000_000;
    const rl = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a')].every((d) => d.allowed)).toBe(true);
    expect(rl.hit('b').allowed).toBe(true);
    now += 15_000;
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now += 44_500;
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500;
    expect(rl.hit('a').allowed).toBe(true);
  });

  it('keeps memory bounded: ended windows are swept and the oldest key is evicted past maxKeys', () => {
    let now = 0;
    const rl = new RateLimiter({ limit: 1, windowMs: 1000, maxKeys: 100, now: () => now });
    for (let i = 0; i < 1000; i++) rl.hit(`k${i}`);
    expect(rl.size).toBe(100);
    now = 5000;
    rl.hit('fresh');
    expect(rl.size).toBe(1);
  });

  it('refuses nonsense limits', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 })).toThrow();
  });
});

describe('client address', () => {
  const req = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as unknown as Request;

  it('uses the socket address unless proxies are trusted', () => {
    expect(clientAddress(req('10.0.0.5', '1.2.3.4'))).toBe('10.0.0.5');
    expect(clientAddress(req('::ffff:10.0.0.5'))).toBe('10.0.0.5');
  });

  it('takes the n-th X-Forwarded-For entry from the right with n trusted proxies', () => {
    expect(clientAddress(req('10.0.0.5', 'spoofed, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.5', '203.0.113.7, 10.0.0.9'), 2)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.5', '203.0.113.7'), 2)).toBe('10.0.0.5');
    expect(clientAddress(req('10.0.0.5', 'garbage'), 1)).toBe('10.0.0.5');
  });

  it('groups IPv6 addresses by /64', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::ff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('static paths', () => {
  it('finds web/ of the package from src/ and dist/src/, else of the working folder', () => {
    const root = path.resolve(__dirname, '../..');
    expect(defaultWebRoot(path.join(root, 'src/server'))).toBe(path.join(root, 'web'));
    expect(defaultWebRoot(path.join(root, 'dist/src/server'))).toBe(path.join(root, 'web'));
    expect(defaultWebRoot('/', '/srv/puente')).toBe('/srv/puente/web');
  });

  it('accepts plain names and refuses dot segments, dotfiles, empty segments and odd characters', () => {
    expect(safeRelative('app.js')).toBe('app.js');
    expect(safeRelative('icons/icon-192.png')).toBe('icons/icon-192.png');
    for (const bad of ['', '../package.json', '..', '.', '.env', 'a/../b', 'a//b', 'a/', 'a\\..\\b', 'a b', '%2e%2e', 'a/.git/config', 'x\0.js']) {
      expect(safeRelative(bad)).toBeNull();
    }
  });
});
