/**
 * The chat page without JavaScript (issue 20): GET / with the current question in the HTML, the
 * public scenarios played by submitting the page's forms (buttons when a button says the answer,
 * the text box otherwise), the conversation cookie's attributes, CSRF refusal, the quick exit form,
 * the language toggle, the retention days in the privacy notice, and no HTML injection.
 */
import http from 'node:http';
import type { RunningPuente } from '../../src/app';
import { expectedTitles } from '../support/browser';
import { startTestServer, type Activity } from '../support/harness';
import { loadScenarios, playScenario, type ScenarioTransport } from '../support/scenarios';

jest.setTimeout(120_000);

const form = { 'content-type': 'application/x-www-form-urlencoded' };

const decode = (s: string) =>
  s
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

interface ParsedPage {
  status: number;
  lang: string;
  csrf: string;
  html: string;
  /** The bot replies on the page, as activities (question and result from the data attributes). */
  replies: (Activity & { resultPage?: boolean })[];
  choices: { value: string; title: string }[];
  text: string;
}

function parsePage(status: number, html: string): ParsedPage {
  const lang = /<html lang="(\w+)">/.exec(html)?.[1] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const log = /<div class="log"[^>]*>([\s\S]*?)<\/div>\n<div class="status"/.exec(html)?.[1] ?? '';
  const replies = [...log.matchAll(/<div class="msg msg--bot"((?: [a-z-]+="[^"]*")*)>([\s\S]*?)<\/div>(?=<div|$)/g)].map((m) => {
    const question = /data-question="([^"]+)"/.exec(m[1]!)?.[1];
    const result = m[1]!.includes('data-result');
    const text = decode(m[2]!.replace(/<\/p>/g, '\n\n'));
    return {
      type: 'message',
      text,
      locale: lang === 'es' ? 'es-US' : 'en-US',
      channelData: { ...(question ? { question } : {}), ...(result ? { intakeResult: { findings: [], urgent: false, referral: '', reference: '' } } : {}) },
    };
  });
  const choices = [...html.matchAll(/<button type="submit" class="choice" name="answer" value="([^"]*)">([^<]*)<\/button>/g)].map((m) => ({ value: decode(m[1]!), title: decode(m[2]!) }));
  return { status, lang, csrf, html, replies, choices, text: decode(log) };
}

/** One browser without JavaScript: a cookie jar of one cookie, and the page it is on. */
class FormClient implements ScenarioTransport {
  cookie = '';
  setCookies: string[] = [];
  page!: ParsedPage;
  buttons = 0;
  typed = 0;

  constructor(
    readonly base: string,
    readonly acceptLanguage = 'en-US,en;q=0.9',
  ) {}

  private remember(res: Response): void {
    this.setCookies = res.headers.getSetCookie();
    for (const c of this.setCookies) {
      const pair = c.split(';')[0]!;
      this.cookie = /=$/.test(pair) ? '' : pair;
    }
  }

  async get(): Promise<ParsedPage> {
    const res = await fetch(`${this.base}/`, { headers: { 'accept-language': this.acceptLanguage, ...(this.cookie ? { cookie: this.cookie } : {}) } });
    this.remember(res);
    this.page = parsePage(res.status, await res.text());
    return this.page;
  }

  async post(route: string, fields: Record<string, string>): Promise<Response> {
    const res = await fetch(`${this.base}${route}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: new URLSearchParams(fields),
    });
    this.remember(res);
    return res;
  }

  /** Submits a form of the page as a browser would: with its hidden fields (csrf, and fresh on a page only shown). */
  async submit(fields: Record<string, string>): Promise<ParsedPage> {
    const fresh: Record<string, string> = this.page.html.includes('name="fresh" value="1"') ? { fresh: '1' } : {};
    const res = await this.post('/chat', { csrf: this.page.csrf, ...fresh, ...fields });
    this.page = parsePage(res.status, await res.text());
    return this.page;
  }

  async start(): Promise<Activity[]> {
    return (await this.get()).replies;
  }

  /** A button when one is labelled with exactly this text, else the text box. */
  async say(text: string): Promise<Activity[]> {
    const button = this.page.choices.find((c) => c.title.toLowerCase() === text.trim().toLowerCase());
    if (button) this.buttons++;
    else this.typed++;
    const page = await this.submit(button ? { answer: button.value } : { text });
    if (page.status !== 200) throw new Error(`POST /chat answered ${page.status}`);
    return page.replies;
  }
}

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({ SESSION_TTL_DAYS: '7', RECORD_TTL_DAYS: '45' });
});
afterAll(() => puente.close());

describe('the first visit', () => {
  it.each([
    ['en-US,en;q=0.9', 'en', 'Exit quickly'],
    ['es-MX,es;q=0.9,en;q=0.5', 'es', 'Salida rápida'],
  ])('renders the greeting and the first question in the HTML (Accept-Language %s)', async (accept, lang, exit) => {
    const c = new FormClient(puente.url, accept);
    const page = await c.get();
    expect(page.status).toBe(200);
    expect(page.lang).toBe(lang);
    expect(page.html).toContain(`>${exit}</button>`);
    expect(page.html).toMatch(new RegExp(`lang="${lang}" aria-pressed="true"`));
    expect(page.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['language']);
    expect(page.choices.map((ch) => ch.value)).toEqual(['en', 'es']);
    // The privacy notice says the configured retention.
    expect(page.html).toContain(lang === 'en' ? 'after 7 days' : 'a los 7 días');
    expect(page.html).toContain(lang === 'en' ? 'erase them 45 days later' : 'borramos 45 días después');
    // No inline script or style: the CSP allows neither.
    expect(page.html).not.toMatch(/<script(?![^>]*(?:src=|type="application\/json"))/);
    expect(page.html).not.toMatch(/<style|style="/);
  });

  it('keeps the conversation id in an HttpOnly, SameSite=Strict session cookie, never in the page URL or a link', async () => {
    const c = new FormClient(puente.url);
    const page = await c.get();
    const cookie = c.setCookies[0]!;
    expect(cookie).toMatch(/^puente_conversation=wc-[A-Za-z0-9_-]{22,}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toMatch(/Expires|Max-Age/i);
    expect(page.html).not.toMatch(/href="[^"]*wc-/);
    expect(page.html).not.toMatch(/action="[^"]*wc-/);
    // Secure everywhere but on a loopback address.
    const { port } = new URL(puente.url);
    const secure = await new Promise<string>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: '/', headers: { host: 'puente.example.org' } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']?.[0]));
      }).on('error', reject),
    );
    expect(secure).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('stores and counts nothing for a page view: the conversation starts with the first answer', async () => {
    const c = new FormClient(puente.url);
    const page = await c.get();
    const id = /puente_conversation=(\S+)/.exec(c.cookie)![1]!;
    expect(page.html).toContain('name="fresh" value="1"');
    expect(await puente.sessions.load(id)).toBeNull();
    // A second view of the same fresh conversation: still nothing.
    expect((await c.get()).html).toContain('name="fresh" value="1"');
    expect(await puente.sessions.load(id)).toBeNull();
    const next = await c.submit({ answer: 'en', fresh: '1' });
    expect(next.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['consent']);
    // The greeting is not shown twice: the page already showed it.
    expect(next.text).not.toContain('Hello, I am Puente');
    expect(next.html).not.toContain('name="fresh"');
    expect(await puente.sessions.load(id)).not.toBeNull();
  });

  it('resumes where the person was on a reload', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    await c.say('English');
    const again = await c.get();
    expect(again.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['consent']);
  });
});

describe('forms', () => {
  it('refuses a form without this conversation’s token (CSRF) and takes no answer', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    const other = new FormClient(puente.url);
    await other.get();
    for (const csrf of ['', 'forged', other.page.csrf]) {
      const res = await c.post('/chat', { csrf, answer: 'es' });
      expect(res.status).toBe(403);
      const page = parsePage(res.status, await res.text());
      expect(page.lang).toBe('en');
      expect(page.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['language']);
    }
    // Without the cookie (a form posted from another site: SameSite=Strict keeps it back), nothing either.
    const res = await fetch(`${puente.url}/chat`, { method: 'POST', headers: form, body: new URLSearchParams({ csrf: c.page.csrf, answer: 'es' }) });
    expect(res.status).toBe(403);
    expect((await c.get()).lang).toBe('en');
  });

  it('reads form bodies on the page’s form routes only: the API refuses a form even with a valid token', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    const res = await fetch(`${puente.url}/api/webchat/activities`, {
      method: 'POST',
      headers: { ...form, authorization: `Bearer ${c.page.csrf}` },
      body: new URLSearchParams({ type: 'message', text: 'español' }),
    });
    expect(res.status).toBe(400);
    expect((await c.get()).lang).toBe('en');
  });

  it('switches language with the toggle and keeps the answers', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    await c.say('English');
    const es = await c.submit({ lang: 'es' });
    expect(es.lang).toBe('es');
    expect(es.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['consent']);
    expect(es.html).toContain('>Salida rápida</button>');
    const en = await c.submit({ lang: 'en' });
    expect(en.lang).toBe('en');
  });

  it('shows typed text as text, never as HTML', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    await c.say('English');
    await c.say('yes');
    const page = await c.submit({ text: '<img src=x onerror=alert(1)>' });
    expect(page.html).not.toContain('<img');
  });

  it.each([
    ['the quick exit button', (c: FormClient) => c.post('/exit', { csrf: c.page.csrf })],
    ['a typed “exit”', (c: FormClient) => c.post('/chat', { csrf: c.page.csrf, text: 'Exit' })],
    ['a typed “salir”', (c: FormClient) => c.post('/chat', { csrf: c.page.csrf, text: ' SALIR ' })],
  ])('%s deletes the conversation, clears the cookie and leaves for the neutral site', async (_name, leave) => {
    const c = new FormClient(puente.url);
    await c.get();
    await c.say('English');
    await c.say('yes');
    const id = /puente_conversation=(\S+)/.exec(c.cookie)![1]!;
    expect(await puente.sessions.load(id)).not.toBeNull();
    const res = await leave(c);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://www.weather.gov/');
    expect(res.headers.getSetCookie()[0]).toMatch(/^puente_conversation=; Max-Age=0;/);
    expect(await puente.sessions.load(id)).toBeNull();
    // The next visit starts afresh.
    const next = await c.get();
    expect(next.replies.map((r) => r.channelData?.question).filter(Boolean)).toEqual(['language']);
  });

  it('leaves even with a stale form, deleting nothing it cannot prove it owns', async () => {
    const c = new FormClient(puente.url);
    await c.get();
    await c.say('English');
    const id = /puente_conversation=(\S+)/.exec(c.cookie)![1]!;
    const res = await c.post('/exit', { csrf: 'stale' });
    expect(res.status).toBe(303);
    expect(await puente.sessions.load(id)).not.toBeNull();
  });
});

describe('the public scenarios through the HTML forms', () => {
  const scenarios = loadScenarios();
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    let client: FormClient | undefined;
    const played = await playScenario(puente.url, s, new Date(), (base, locale) => {
      client = new FormClient(base, locale === 'es-US' ? 'es-US,es;q=0.9' : 'en-US,en;q=0.9');
      return client;
    });
    const page = client!.page;
    expect(page.replies.some((r) => r.channelData?.intakeResult)).toBe(true);
    // The findings the page shows, by their titles, in the scenario's order.
    const lang = page.lang as 'en' | 'es';
    const titles = expectedTitles(lang, s.expect.findings);
    let at = -1;
    for (const title of titles) {
      const next = page.text.indexOf(title, at + 1);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    // The referral's web addresses are links that leave no referrer and no opener.
    expect(page.html).toMatch(/<a href="https:\/\/[^"]+" rel="noopener noreferrer">https:\/\//);
    expect(played.path.length).toBeGreaterThan(3);
    expect(client!.typed + client!.buttons).toBe(played.path.length + (s.switchAt ? 1 : 0) + (s.backAt ? 2 : 0));
  });
});
