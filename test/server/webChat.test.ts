/**
 * The self-hosted web chat over the real HTTP server: sessions and tokens, turns through
 * /api/webchat/activities (a public scenario end to end), isolation between conversations, delete,
 * rate limits, body limits, the page with its security headers, and static path safety.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import type { RunningPuente } from '../../src/app';
import { questionOf, resultOf, startTestServer, textOf, type Activity } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { loadScenarios, playScenario } from '../support/scenarios';
import type { SessionStore } from '../../src/storage';

interface WebActivity extends Activity {
  id?: string;
  timestamp?: string;
  from?: { id: string; name: string; role: string };
  conversation?: { id: string };
}

interface Session {
  conversationId: string;
  token: string;
  expiresIn: number;
}

const json = { 'content-type': 'application/json' };

async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}

async function newSession(base: string): Promise<Session> {
  const r = await call(base, 'POST', '/api/webchat/session', undefined, {});
  if (r.status !== 200) throw new Error(`session: HTTP ${r.status}`);
  return r.body as Session;
}

/** A web chat client as the page is one: a session, then activities with the bearer token. */
class WebChat {
  session!: Session;
  constructor(
    readonly base: string,
    readonly locale = 'en-US',
  ) {}

  async open(): Promise<this> {
    this.session = await newSession(this.base);
    return this;
  }

  get id(): string {
    return this.session.conversationId;
  }

  raw(activity: Record<string, unknown>, token = this.session.token) {
    return call(this.base, 'POST', '/api/webchat/activities', token, { locale: this.locale, ...activity });
  }

  async post(activity: Record<string, unknown>): Promise<WebActivity[]> {
    if (!this.session) await this.open();
    const { status, body } = await this.raw(activity);
    if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    return (body as { activities: WebActivity[] }).activities;
  }

  start = () => this.post({ type: 'conversationUpdate' });
  say = (text: string) => this.post({ type: 'message', text, channelData: { clientActivityID: `c-${Date.now()}` } });
  press = (answer: string) => this.post({ type: 'message', value: { answer } });
}

/** GET with a raw path (fetch would normalize `..` and `%2e%2e` away before sending). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** A GET with exactly these headers (fetch always asks for compression and decodes it). */
function rawRequest(base: string, rawPath: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path: rawPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const webRoot = mkdtempSync(path.join(os.tmpdir(), 'puente-web-'));
writeFileSync(path.join(webRoot, 'app.js'), "import { one } from './one.js';\nwindow.puente = one;");
writeFileSync(path.join(webRoot, 'one.js'), 'export const one = 1;');
writeFileSync(path.join(webRoot, 'app.css'), 'body { margin: 0 }');
writeFileSync(path.join(webRoot, '.secret'), 'hidden');
writeFileSync(path.join(webRoot, 'notes.unknownext'), 'hidden');
mkdirSync(path.join(webRoot, 'icons'));
writeFileSync(path.join(webRoot, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
symlinkSync(path.resolve(__dirname, '../../package.json'), path.join(webRoot, 'linked.json'));

const roomy = { perAddress: { limit: 100_000, windowMs: 60_000 }, sessionsPerAddress: { limit: 10_000, windowMs: 60_000 } };

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({}, { webChat: { webRoot, limits: roomy } });
});
afterAll(() => puente.close());

describe('sessions', () => {
  it('creates a conversation id and a token bound to it', async () => {
    const r = await call(puente.url, 'POST', '/api/webchat/session', undefined, {});
    expect(r.status).toBe(200);
    const s = r.body as Session;
    expect(s.conversationId).toMatch(/^wc-[A-Za-z0-9_-]{22,}$/);
    expect(s.expiresIn).toBe(1800);
    const [id, iat, exp, sig] = s.token.split('.');
    expect(id).toBe(s.conversationId);
    expect(Number(iat)).toBeLessThanOrEqual(Date.now() / 1000);
    expect(Number(exp)).toBeGreaterThan(Date.now() / 1000 + 1700);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await newSession(puente.url)).conversationId).not.toBe(s.conversationId);
  });

  it('accepts an empty body, refuses a non-object one', async () => {
    const res = await fetch(`${puente.url}/api/webchat/session`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await call(puente.url, 'POST', '/api/webchat/session', undefined, [1])).status).toBe(400);
  });

  it('refreshes a token for the same conversation, and refuses to refresh without one', async () => {
    const c = await new WebChat(puente.url).open();
    await c.start();
    const r = await call(puente.url, 'POST', '/api/webchat/session/refresh', c.session.token);
    expect(r.status).toBe(200);
    const fresh = r.body as Session;
    expect(fresh.conversationId).toBe(c.id);
    expect(fresh.expiresIn).toBe(1800);
    const acts = await c.raw({ type: 'message', text: 'English' }, fresh.token);
    expect(questionOf((acts.body as { activities: Activity[] }).activities)).toBe('consent');
    const none = await call(puente.url, 'POST', '/api/webchat/session/refresh');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('serves the page configuration from the organization profile', async () => {
    const r = await call(puente.url, 'GET', '/api/webchat/config');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      quickExitUrl: 'https://www.weather.gov/',
      organization: { en: expect.stringMatching(/fictional/), es: expect.stringMatching(/ficticia/) },
    });
  });
});

describe('turns', () => {
  it('starts with the greeting and the language question, as activities the page can show', async () => {
    const c = await new WebChat(puente.url, 'es-MX').open();
    const acts = await c.start();
    expect(questionOf(acts)).toBe('language');
    const ids = new Set<string>();
    let last = '';
    for (const a of acts) {
      expect(a.type).toBe('message');
      expect(a.locale).toBe('es-US');
      expect(a.from).toEqual({ id: 'puente', name: 'Puente', role: 'bot' });
      expect(a.conversation).toEqual({ id: c.id });
      expect(a.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(a.timestamp! > last).toBe(true);
      last = a.timestamp!;
      ids.add(a.id!);
    }
    expect(ids.size).toBe(acts.length);
    const q = acts.find((a) => a.channelData?.question === 'language')!;
    expect(q.suggestedActions?.actions.map((a) => a.value)).toEqual(['en', 'es']);
    expect(q.channelData?.progress).toEqual({ answered: 0, total: 27 });
  });

  it('accepts a button value as { answer } and as the bare code Web Chat sends for messageBack', async () => {
    const c = await new WebChat(puente.url).open();
    await c.start();
    let acts = await c.press('es');
    expect(questionOf(acts)).toBe('consent');
    acts = await c.post({ type: 'message', text: 'Sí', value: 'yes' });
    expect(questionOf(acts)).toBe('location');
  });

  it('re-shows the current question on a second conversationUpdate', async () => {
    const c = await new WebChat(puente.url).open();
    await c.start();
    await c.say('English');
    const acts = await c.start();
    expect(questionOf(acts)).toBe('consent');
  });

  it('answers activity types without a turn with no replies', async () => {
    const c = await new WebChat(puente.url).open();
    expect(await c.post({ type: 'typing' })).toEqual([]);
  });

  it.each(loadScenarios().map((s) => [s.name, s] as const))('plays the public scenario %s to its expected findings', async (_n, s) => {
    const { result, conversation } = await playScenario(puente.url, s, new Date(), (base, locale) => new WebChat(base, locale));
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(s.expect.findings));
    expect(result.urgent).toBe(s.expect.urgent);
    expect(result.referral).toBe(s.expect.referral);
    expect(await puente.records.get(result.reference)).not.toBeNull();
    expect(conversation.id).toMatch(/^wc-/);
  });
});

describe('bodies', () => {
  it('refuses bad shapes with 400 and ignores unknown keys', async () => {
    const c = await new WebChat(puente.url).open();
    expect((await c.raw({ type: 'message', text: 42 })).status).toBe(400);
    expect((await c.raw({ type: 'message', text: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await c.raw({ type: 'message', value: { answer: 'x'.repeat(201) } })).status).toBe(400);
    expect((await c.raw({ type: 'message', value: { other: 1 } })).status).toBe(400);
    expect((await c.raw({ text: 'hi' })).status).toBe(400);
    expect((await call(puente.url, 'POST', '/api/webchat/activities', c.session.token, '{"type":')).status).toBe(400);
    const ok = await c.raw({ type: 'message', text: 'x'.repeat(20_000), attachments: [], from: { id: 'me' }, channelData: { clientActivityID: 'a', other: true } });
    expect(ok.status).toBe(200);
  });

  it('refuses bodies over 64 KB with 413', async () => {
    const c = await new WebChat(puente.url).open();
    const { status } = await c.raw({ type: 'message', text: 'a', channelData: { pad: 'x'.repeat(70 * 1024) } });
    expect(status).toBe(413);
  });
});

describe('tokens', () => {
  it('answers 401 without a token, with a malformed one, or with a forged one', async () => {
    const a = await new WebChat(puente.url).open();
    const b = await new WebChat(puente.url).open();
    const [, exp, sig] = a.session.token.split('.') as [string, string, string];
    for (const token of [undefined, 'nonsense', `${b.id}.${exp}.${sig}`, `${a.id}.${Number(exp) + 3600}.${sig}`, `${a.id}.${exp}.${sig.slice(0, -2)}xx`]) {
      const r = await call(puente.url, 'POST', '/api/webchat/activities', token, { type: 'conversationUpdate' });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: expect.any(String) });
    }
    const basic = await fetch(`${puente.url}/api/webchat/activities`, { method: 'POST', headers: { ...json, authorization: `Basic ${a.session.token}` }, body: '{"type":"message"}' });
    expect(basic.status).toBe(401);
  });

  it('keeps conversations apart: the id comes only from the token', async () => {
    const a = await new WebChat(puente.url).open();
    const b = await new WebChat(puente.url).open();
    await a.start();
    await b.start();
    await b.say('English');
    expect(questionOf(await b.say('yes'))).toBe('location');
    // A's token with B's id in the body: A's conversation answers, B's is untouched.
    const r = await a.raw({ type: 'message', text: 'español', conversation: { id: b.id }, from: { id: b.id } });
    const acts = (r.body as { activities: WebActivity[] }).activities;
    expect(questionOf(acts)).toBe('consent');
    expect(acts.every((x) => x.conversation?.id === a.id)).toBe(true);
    expect(questionOf(await b.start())).toBe('location');
  });

  it('after delete, the token is revoked: it neither opens the conversation nor refreshes (issue 19)', async () => {
    const c = await new WebChat(puente.url).open();
    await c.start();
    await c.say('English');
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', c.session.token)).status).toBe(204);
    expect((await c.raw({ type: 'conversationUpdate' })).status).toBe(401);
    expect((await call(puente.url, 'POST', '/api/webchat/session/refresh', c.session.token)).status).toBe(401);
  });
});

describe('delete', () => {
  it('removes the conversation like `exit`, and keeps an intake already sent to staff', async () => {
    const s = loadScenarios().find((x) => !x.switchAt && !x.backAt) ?? loadScenarios()[0]!;
    const { result, conversation } = await playScenario(puente.url, s, new Date(), (base, locale) => new WebChat(base, locale));
    expect(await puente.records.get(result.reference)).not.toBeNull();
    expect(await puente.sessions.load(conversation.id)).not.toBeNull();
    const r = await call(puente.url, 'DELETE', '/api/webchat/session', conversation.session.token);
    expect(r.status).toBe(204);
    expect(await puente.sessions.load(conversation.id)).toBeNull();
    expect(await puente.records.get(result.reference)).not.toBeNull();
  });

  it('removes the sent intake too when the person types delete', async () => {
    const s = loadScenarios().find((x) => !x.switchAt && !x.backAt) ?? loadScenarios()[0]!;
    const { result, conversation } = await playScenario(puente.url, s, new Date(), (base, locale) => new WebChat(base, locale));
    await conversation.say('delete');
    expect(await puente.records.get(result.reference)).toBeNull();
    expect(await puente.sessions.load(conversation.id)).toBeNull();
  });

  it('removes an unfinished session, and needs the token', async () => {
    const c = await new WebChat(puente.url).open();
    await c.start();
    await c.say('English');
    expect(await puente.sessions.load(c.id)).not.toBeNull();
    expect((await call(puente.url, 'DELETE', '/api/webchat/session')).status).toBe(401);
    expect(await puente.sessions.load(c.id)).not.toBeNull();
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', c.session.token)).status).toBe(204);
    expect(await puente.sessions.load(c.id)).toBeNull();
    // deleting again (or a conversation that never started) is fine
    expect((await call(puente.url, 'DELETE', '/api/webchat/session', c.session.token)).status).toBe(204);
  });
});

describe('page and assets', () => {
  it('serves the page with its security headers and no caching', async () => {
    const res = await fetch(`${puente.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<title>Puente: immigration help chat</title>');
    // The first question is in the page itself.
    expect(html).toContain('data-question="language"');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self' https://www.weather.gov; frame-ancestors 'none'",
    );
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves assets with their content types', async () => {
    for (const [p, type] of [
      ['/webchat/app.js', 'text/javascript; charset=utf-8'],
      ['/webchat/app.css', 'text/css; charset=utf-8'],
      ['/webchat/icons/icon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await fetch(`${puente.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
      await res.arrayBuffer();
    }
  });

  it('links the script modules and style by hashed names, precompressed, served by Accept-Encoding and cached for a year', async () => {
    const html = await (await fetch(`${puente.url}/`)).text();
    const script = /<script type="module" src="(\/webchat\/app\.[0-9a-f]{12}\.js)"><\/script>/.exec(html)?.[1];
    const imported = /<link rel="modulepreload" href="(\/webchat\/one\.[0-9a-f]{12}\.js)">/.exec(html)?.[1];
    const style = /<link rel="stylesheet" href="(\/webchat\/app\.[0-9a-f]{12}\.css)">/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(imported).toBeDefined();
    expect(style).toBeDefined();
    expect(html.match(/<script type="module"/g)).toHaveLength(1);
    for (const [p, raw] of [
      // The entry imports the imported module by its hashed name.
      [script!, `import { one } from '.${imported!.slice('/webchat'.length)}';\nwindow.puente = one;`],
      [imported!, 'export const one = 1;'],
      [style!, 'body { margin: 0 }'],
    ] as const) {
      for (const [accept, encoding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['identity', null],
        ['br;q=0, gzip', 'gzip'],
      ] as const) {
        const res = await rawRequest(puente.url, p, { 'accept-encoding': accept });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding ?? undefined);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers.vary).toBe('Accept-Encoding');
        // Never a document: no page policy headers on it, but never sniffed as anything else.
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toBeUndefined();
        const body = encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
        expect(body.toString('utf8')).toBe(raw);
      }
    }
  });

  it.each([
    '/webchat/../package.json',
    '/webchat/%2e%2e/package.json',
    '/webchat/%2E%2E/%2e%2e/package.json',
    '/webchat/..%2fpackage.json',
    '/webchat/..%5cpackage.json',
    '/webchat/vendor/../../package.json',
    '/webchat/.secret',
    '/webchat/%2esecret',
    '/webchat/notes.unknownext',
    '/webchat/linked.json',
    '/webchat/icons',
    '/webchat/',
    '/webchat/missing.js',
    '/webchat/app.js%00.png',
  ])('answers %s with 404', async (p) => {
    const { status, body } = await rawGet(puente.url, p);
    expect(status).toBe(404);
    expect(body).not.toContain('"name": "puente"');
    expect(body).not.toContain('hidden');
  });
});

describe('rate limits', () => {
  let limited: RunningPuente;
  beforeAll(async () => {
    limited = await startTestServer(
      {},
      {
        webChat: {
          webRoot,
          limits: { sessionsPerAddress: { limit: 2, windowMs: 60_000 }, perConversation: { limit: 3, windowMs: 60_000 }, perAddress: { limit: 8, windowMs: 60_000 } },
        },
      },
    );
  });
  afterAll(() => limited.close());

  it('limits sessions per address, turns per conversation and requests per address, with Retry-After', async () => {
    const a = await new WebChat(limited.url).open();
    const b = await new WebChat(limited.url).open();
    const third = await call(limited.url, 'POST', '/api/webchat/session', undefined, {});
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    await a.start();
    await a.say('English');
    await a.say('yes');
    const over = await a.raw({ type: 'message', text: 'in the US' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // another conversation has its own budget, until the address is over its limit (8 requests)
    expect((await b.raw({ type: 'conversationUpdate' })).status).toBe(200);
    const addressOver = await b.raw({ type: 'message', text: 'English' });
    expect(addressOver.status).toBe(429);
    expect(addressOver.headers.get('retry-after')).toMatch(/^\d+$/);
    // the page itself is not limited
    expect((await fetch(`${limited.url}/`)).status).toBe(200);
  });
});

describe('framing', () => {
  it('lets the listed origins embed the page when FRAME_ANCESTORS is set', async () => {
    const framed = await startTestServer({ FRAME_ANCESTORS: 'https://www.example.org https://example.org' }, { webChat: { webRoot } });
    try {
      const res = await fetch(`${framed.url}/`);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors https:\/\/www\.example\.org https:\/\/example\.org$/);
      expect(res.headers.get('x-frame-options')).toBeNull();
      // API responses keep X-Frame-Options
      expect((await fetch(`${framed.url}/api/webchat/config`)).headers.get('x-frame-options')).toBe('DENY');
    } finally {
      await framed.close();
    }
  });
});

describe('with a Bot Framework app id', () => {
  it('web chat works while /api/messages refuses unauthenticated requests', async () => {
    // botbuilder prints the refused request's AuthenticationError to the console.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const bf = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }, { webChat: { webRoot } });
    try {
      const c = await new WebChat(bf.url).open();
      expect(questionOf(await c.start())).toBe('language');
      expect(questionOf(await c.say('English'))).toBe('consent');
      const res = await fetch(`${bf.url}/api/messages`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          type: 'message',
          text: 'hi',
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:1',
          deliveryMode: 'expectReplies',
          from: { id: 'u' },
          recipient: { id: 'bot' },
          conversation: { id: 'c-1' },
        }),
      });
      expect(res.status).toBe(401);
    } finally {
      quiet.mockRestore();
      await bf.close();
    }
  });
});

describe('after the result', () => {
  it('says the intake is finished, with its reference', async () => {
    const s = loadScenarios()[0]!;
    const { result, conversation } = await playScenario(puente.url, s, new Date(), (base, locale) => new WebChat(base, locale));
    const acts = await conversation.say('hello');
    expect(textOf(acts)).toContain(result.reference);
    expect(resultOf(acts)).toBeUndefined();
  });
});

describe('an unexpected failure', () => {
  it('gets the fixed apology, and the intake continues where it was', async () => {
    const stores = memoryStores();
    let failNextSave = false;
    const sessions: SessionStore = {
      load: (id) => stores.sessions.load(id),
      delete: (id) => stores.sessions.delete(id),
      save: async (id, v, e) => {
        if (failNextSave) {
          failNextSave = false;
          throw new Error('disk on fire');
        }
        return stores.sessions.save(id, v, e);
      },
    };
    const p = await startTestServer({}, { sessions, records: stores.records, webChat: { webRoot } });
    try {
      const c = await new WebChat(p.url).open();
      await c.start();
      await c.say('English');
      failNextSave = true;
      const acts = await c.say('yes');
      expect(acts).toHaveLength(1);
      expect(acts[0]!.text).toBe(p.texts.apology);
      expect(acts[0]!.from?.role).toBe('bot');
      expect(questionOf(await c.say('yes'))).toBe('location');
    } finally {
      await p.close();
    }
  });
});
