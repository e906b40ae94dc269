/**
 * A local webhook receiver for the tests, written the way the README tells an organization to write
 * one: it checks the timestamp and the HMAC-SHA256 signature in constant time, and treats a repeated
 * Idempotency-Key as already done.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What to answer to the n-th request (1-based): a status, no answer at all, a redirect, or a status and then going down. */
export type Behaviour = (n: number) => number | 'hang' | 'redirect' | { status: number; thenStop: true };

export class Receiver {
  readonly requests: Received[] = [];
  /** Accepted payloads by idempotency key (a repeat is acknowledged but not stored twice). */
  readonly accepted = new Map<string, { payload: Record<string, unknown>; headers: http.IncomingHttpHeaders }>();
  /** 2xx answers that carried a new key: must equal the number of intakes. */
  acceptedCount = 0;
  private server: http.Server | null = null;
  private port = 0;

  constructor(
    private readonly secret: string,
    /** Status for the n-th request (1-based); default 200. */
    public behaviour: Behaviour = () => 200,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/puente`;
  }

  /** Listens (on the same port as before when restarted). */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const planned = this.behaviour(this.requests.length + 1);
        if (planned === 'hang') {
          this.requests.push({ status: 0, headers: req.headers, body });
          return; // never answers
        }
        if (planned === 'redirect') {
          this.requests.push({ status: 307, headers: req.headers, body });
          // Two statements: restify (loaded in the same test process) patches writeHead, which then returns nothing.
          res.writeHead(307, { location: this.url });
          res.end();
          return;
        }
        if (typeof planned === 'object') {
          // Stop accepting connections before answering, and close this one after: the next
          // attempt finds nobody listening (no race with a retry on a kept-alive socket).
          this.requests.push({ status: planned.status, headers: req.headers, body });
          const s = this.server;
          this.server = null;
          s?.close();
          res.writeHead(planned.status, { connection: 'close' });
          res.end();
          return;
        }
        let status = planned;
        if (status >= 200 && status < 300) status = this.verify(req.headers, body) ? status : 401;
        this.requests.push({ status, headers: req.headers, body });
        if (status >= 200 && status < 300) {
          const key = String(req.headers['idempotency-key']);
          if (!this.accepted.has(key)) {
            this.accepted.set(key, { payload: JSON.parse(body) as Record<string, unknown>, headers: req.headers });
            this.acceptedCount++;
          }
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The check a receiver must make (README "For staff"). */
  verify(headers: http.IncomingHttpHeaders, body: string): boolean {
    const timestamp = String(headers['x-puente-timestamp'] ?? '');
    const given = String(headers['x-puente-signature'] ?? '');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
    const expected = `sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  }
}

/**
 * Lets an outbox sender (webhook, alerts) finish its round, then run one more: whatever was due is
 * sent by then, and a test can assert that nothing else goes out, without sleeping.
 */
export async function oneMoreRound(sender: { kick(): void; idle(): Promise<void> }): Promise<void> {
  await sender.idle();
  sender.kick();
  await sender.idle();
}

/** Polls `check` until it is true (or fails after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
