/**
 * Rate limits and sizes (issue 8): per-address and per-conversation limits on /api/messages and the
 * web chat with 429 and Retry-After, a limited turn that changes nothing, the 64 KB body limit (413),
 * and slow clients dropped by the server's timeouts while it keeps answering everyone else.
 */
import http from 'node:http';
import net from 'node:net';
import type { RunningPuente } from '../../src/app';
import { loadConfig } from '../../src/config';
import { applyHttpTimeouts, DEFAULT_HTTP_TIMEOUTS } from '../../src/server/httpTimeouts';
import { MessageLimiter } from '../../src/server/messageLimits';
import { Conversation, questionOf, startTestServer } from '../support/harness';
import type { Request } from 'restify';

const ROOMY = { limit: 1_000_000, windowMs: 60_000 };

describe('/api/messages rate limits', () => {
  let now = 1_700_000_000_000;
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer({}, { messages: { clock: () => now, limits: { perConversation: { limit: 5, windowMs: 60_000 }, perAddress: { limit: 40, windowMs: 60_000 } } } });
  });
  afterAll(() => puente.close());

  it('answers 429 with Retry-After past the per-conversation limit, and the limited turn changes nothing', async () => {
    const c = new Conversation(puente.url);
    await c.start();
    await c.say('English');
    await c.say('yes');
    await c.say('here');
    const before = questionOf(await c.say('help'));
    expect(before).toBe('under_21');
    // the sixth turn in the minute: refused before the turn runs
    const limited = await fetch(`${puente.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'no', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', deliveryMode: 'expectReplies', conversation: { id: c.id }, from: { id: c.user } }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // another conversation is not limited by this one
    const other = new Conversation(puente.url);
    expect((await other.raw({ type: 'conversationUpdate', membersAdded: [{ id: other.user }] })).status).toBe(200);
    // a minute later the same question is still waiting: the refused "no" was not taken
    now += 60_000;
    expect(questionOf(await c.say('help'))).toBe('under_21');
    expect(questionOf(await c.say('no'))).toBe('detained');
  });

  it('limits every request of an address, malformed ones too, in anonymous mode', async () => {
    now += 120_000;
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      const res = await fetch(`${puente.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nonsense":true}' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(statuses.slice(0, 40).every((s) => s === 400)).toBe(true);
    expect(statuses[40]).toBe(429);
  });

  it('does not limit by address with Bot Framework authentication (the channel service shares a few addresses)', () => {
    const req = { socket: { remoteAddress: '52.1.2.3' }, headers: {} } as unknown as Request;
    const limits = { perAddress: { limit: 1, windowMs: 60_000 }, perConversation: { limit: 2, windowMs: 60_000 } };
    const authenticated = new MessageLimiter({ limits, anonymous: false, trustProxyHops: 0, now: () => 0 });
    expect([1, 2, 3].map(() => authenticated.address(req).allowed)).toEqual([true, true, true]);
    expect([1, 2, 3].map(() => authenticated.conversation('k').allowed)).toEqual([true, true, false]);
    const anonymous = new MessageLimiter({ limits, anonymous: true, trustProxyHops: 0, now: () => 0 });
    expect([1, 2].map(() => anonymous.address(req).allowed)).toEqual([true, false]);
  });

  it('reads the limits from the environment, per minute', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).rateLimits).toEqual({ perAddressPerMinute: 600, perConversationPerMinute: 60 });
    expect(loadConfig({ DATA_DIR: '/tmp/x', RATE_LIMIT_PER_ADDRESS: '600', RATE_LIMIT_PER_CONVERSATION: '30' }).rateLimits).toEqual({ perAddressPerMinute: 600, perConversationPerMinute: 30 });
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', RATE_LIMIT_PER_CONVERSATION: '0' })).toThrow(/RATE_LIMIT_PER_CONVERSATION/);
  });
});

describe('web chat rate limit', () => {
  let now = 1_700_000_000_000;
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer({}, { webChat: { clock: () => now, limits: { perConversation: { limit: 4, windowMs: 60_000 }, perAddress: ROOMY, sessionsPerAddress: ROOMY } } });
  });
  afterAll(() => puente.close());

  it('answers 429 with Retry-After and the limited turn changes nothing', async () => {
    const session = (await (await fetch(`${puente.url}/api/webchat/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    const send = (activity: object) =>
      fetch(`${puente.url}/api/webchat/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify(activity),
      });
    const asked = async (res: Response) => questionOf(((await res.json()) as { activities: Parameters<typeof questionOf>[0] }).activities);
    expect(await asked(await send({ type: 'conversationUpdate' }))).toBe('language');
    expect(await asked(await send({ type: 'message', text: 'English' }))).toBe('consent');
    expect(await asked(await send({ type: 'message', text: 'yes' }))).toBe('location');
    expect(await asked(await send({ type: 'message', text: 'help' }))).toBe('location');
    const limited = await send({ type: 'message', text: 'here' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    now += 60_000;
    expect(await asked(await send({ type: 'message', text: 'help' }))).toBe('location');
  });
});

describe('body size', () => {
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer();
  });
  afterAll(() => puente.close());

  const big = JSON.stringify({ type: 'message', text: 'x'.repeat(66 * 1024) });

  it('answers 413 to a body over 64 KB on /api/messages and the web chat, and keeps answering', async () => {
    expect((await fetch(`${puente.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })).status).toBe(413);
    expect((await fetch(`${puente.url}/api/webchat/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: big })).status).toBe(413);
    const c = new Conversation(puente.url);
    expect(questionOf(await c.start())).toBe('language');
  });

  it('answers 413 to a chunked body (no Content-Length) that grows past 64 KB', async () => {
    const reply = await rawExchange(puente.port, (socket) => {
      socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
      const chunk = 'x'.repeat(8 * 1024);
      for (let i = 0; i < 10; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      socket.write('0\r\n\r\n');
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
  });
});

/** Writes with `send` on a raw socket and resolves with everything read until the server closes it. */
function rawExchange(port: number, send: (s: net.Socket) => void, ms = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => send(socket));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${ms} ms`));
    }, ms);
  });
}

describe('slow clients', () => {
  let puente: RunningPuente;
  beforeAll(async () => {
    // Short timeouts so the test is quick; production uses 10 s / 30 s (httpTimeouts.ts).
    puente = await startTestServer({}, { http: { headersMs: 600, requestMs: 1_200, checkIntervalMs: 100 } });
  });
  afterAll(() => puente.close());

  /** Opens a socket that trickles `lines` one by one until the server closes it; resolves with what it read. */
  const trickle = (first: string, next: () => string, everyMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    const done = rawExchange(
      puente.port,
      (socket) => {
        socket.write(first);
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(next());
        }, everyMs);
      },
      15_000,
    );
    return done.finally(() => clearInterval(timer));
  };

  it('drops clients that send headers slowly, bodies slowly or nothing at all, and keeps answering others', async () => {
    const slowloris = Array.from({ length: 20 }, (_, i) => trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n', () => `X-Slow-${i}: ${'a'.repeat(5)}\r\n`, 100));
    const slowBody = Array.from({ length: 20 }, () =>
      trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"type":', () => ' ', 100),
    );
    const silent = Array.from({ length: 20 }, () => rawExchange(puente.port, () => undefined));
    // While they hang on, a person's intake goes on normally.
    const c = new Conversation(puente.url);
    await c.start();
    expect(questionOf(await c.say('English'))).toBe('consent');
    expect((await fetch(`${puente.url}/healthz`)).status).toBe(200);

    const slowHeaders = await Promise.all(slowloris);
    const slowBodies = await Promise.all(slowBody);
    await Promise.all(silent);
    // Dropped: the header trickle gets 408 or a bare close; the body trickle 408 (Node's request timeout).
    for (const r of slowHeaders) expect(r === '' || /^HTTP\/1\.1 408 /.test(r)).toBe(true);
    for (const r of slowBodies) expect(r === '' || /^HTTP\/1\.1 408 /.test(r)).toBe(true);
    expect(questionOf(await c.say('yes'))).toBe('location');
  }, 30_000);
});

describe('server timeouts', () => {
  it('are set deliberately on the HTTP server, with a one-second sweep', () => {
    const server = http.createServer();
    applyHttpTimeouts(server);
    expect(server.headersTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.headersMs);
    expect(server.requestTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.requestMs);
    expect(server.keepAliveTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.keepAliveMs);
    expect((server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(1_000);
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 });
    expect(() => applyHttpTimeouts(server, { headersMs: 5_000, requestMs: 1_000 })).toThrow();
  });
});
