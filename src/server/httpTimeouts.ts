/**
 * Node's HTTP server timeouts, set deliberately (issue 8) so a slow or stalled client cannot hold a
 * connection, and with it memory and a socket, for long. Node enforces the header and request
 * timeouts in a periodic sweep every `checkIntervalMs`; a client is dropped at most that much after
 * its deadline.
 *
 * - headersMs (10 s): all request headers must arrive within this time of the connection opening
 *   (or of the previous request on a kept-alive connection). Stops "slowloris" clients, and
 *   connections that never send anything.
 * - requestMs (30 s): the whole request, body included, must arrive within this time. A 64 KB body
 *   at 2 KB/s still makes it; a client trickling a byte a second does not.
 * - keepAliveMs (5 s, Node's default): how long an idle kept-alive connection stays open. A load
 *   balancer in front must time idle upstream connections out sooner than this.
 * - checkIntervalMs (1 s): the sweep (Node's default is 30 s, which would let a slow client keep
 *   its socket up to 30 s past the deadline).
 */
import type { Server } from 'node:http';

export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

/** Applies the timeouts; must run before `listen` (the sweep interval is read when listening starts). */
export function applyHttpTimeouts(server: Server, overrides: Partial<HttpTimeouts> = {}): HttpTimeouts {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...overrides };
  if (!(t.headersMs > 0 && t.requestMs >= t.headersMs && t.keepAliveMs > 0 && t.checkIntervalMs > 0)) {
    throw new Error('HTTP timeouts must be positive, with the request timeout at least the headers timeout');
  }
  server.headersTimeout = t.headersMs;
  server.requestTimeout = t.requestMs;
  server.keepAliveTimeout = t.keepAliveMs;
  // Read by Node when the server starts listening (setupConnectionsTracking); not in @types/node 20.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = t.checkIntervalMs;
  return t;
}
