/**
 * In-memory fixed-window rate limits for the web chat routes, per token and per client address.
 * Memory is bounded: windows that ended are swept as new ones start, and past `maxKeys` the oldest
 * window is evicted. Per process: several instances each allow the limit (a coarse brake against
 * floods and scripted abuse, not an exact quota).
 */
import { isIP } from 'node:net';
import type { Request } from 'restify';

/** A fixed-window limit: `limit` requests per `windowMs`. */
export interface WindowLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** `limit` requests a minute: every limit Puente sets by default or from configuration. */
export const perMinute = (limit: number): WindowLimit => ({ limit, windowMs: 60_000 });

export interface RateLimitOptions extends WindowLimit {
  /** Most keys remembered at once (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  /** Insertion order = window start order (a key is re-inserted when its new window starts). */
  private readonly windows = new Map<string, Window>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.limit >= 1) || !(options.windowMs >= 1)) throw new Error('rate limit and window must be positive');
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one request for `key`. */
  hit(key: string): RateDecision {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.options.windowMs) {
      this.windows.delete(key);
      this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      while (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    }
    w.count++;
    if (w.count <= this.options.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.options.windowMs - now) / 1000)) };
  }

  /** Keys currently remembered (tests). */
  get size(): number {
    return this.windows.size;
  }

  /** Drops windows that have ended; they are at the front of the map. */
  private sweep(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.start < this.options.windowMs) break;
      this.windows.delete(key);
    }
  }
}

/** Expands an IPv6 address to its 8 groups (no validation beyond `isIP`). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array.from({ length: Math.max(0, 8 - h.length - t.length) }, () => '0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The key for per-address limits: the IPv4 address, or the /64 prefix of an IPv6 address (one
 * subscriber usually holds a whole /64). IPv4-mapped IPv6 addresses count as IPv4.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) === 6) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return address;
}

/**
 * The client's address. With `trustProxyHops` = n > 0 reverse proxies in front (load balancers),
 * it is the n-th address from the right of X-Forwarded-For (what the outermost trusted proxy saw);
 * entries further left are client-supplied and ignored. A header with fewer entries than hops (the
 * request bypassed a proxy) falls back to the socket address.
 */
export function clientAddress(req: Pick<Request, 'headers'> & { socket?: { remoteAddress?: string } }, trustProxyHops = 0): string {
  const socket = req.socket?.remoteAddress ?? 'unknown';
  if (trustProxyHops <= 0) return addressKey(socket);
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through them all; trust only the socket.
  const picked = list.length >= trustProxyHops ? list[list.length - trustProxyHops]! : undefined;
  return addressKey(picked && isIP(picked) ? picked : socket);
}
