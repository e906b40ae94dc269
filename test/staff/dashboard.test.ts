/**
 * The staff dashboard's data on the real server: the daily aggregates after every public scenario
 * (with a distinctive contact), an exit, a delete, a declined consent and an intake that expired;
 * the token and the query check; the page and its policy; proof that no answer or contact detail
 * reaches /metrics, /api/staff/stats or /api/staff/charts; counts that survive a restart; and a count
 * store that fails or hangs without touching the person's reply.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { questionIds } from '../../dialogs/intake';
import type { RunningPuente } from '../../src/app';
import { findingCodes } from '../../src/evaluator';
import { createTexts } from '../../src/i18n';
import { renderDashboard } from '../../src/staff/charts';
import type { Stats } from '../../src/staff/stats';
import { MemoryBackend, type CountIncrement } from '../../src/storage';
import { Conversation, questionOf, startTestServer, metricsAuth } from '../support/harness';
import { loadScenarios, playScenario, type Scenario } from '../support/scenarios';

const TOKEN = 'staff-token-dashboard-0123456789';
const NAME = 'Zacarías Quintanilla Ferreira';
const PHONE = '+1 (555) 013-9876';
const EMAIL = 'zq.ferreira.private@example.net';
/** Every form in which the contact could leak. */
const SECRETS = [NAME, 'Zacarías', 'Quintanilla', 'Ferreira', PHONE, '013-9876', '0139876', '5550139876', EMAIL, 'zq.ferreira', 'example.net'];

/** The scenario, asking to be contacted with the distinctive name and a phone (English) or email (Spanish). */
function withContact(s: Scenario): Scenario {
  const es = s.locale === 'es';
  const contact = es
    ? { contact_ok: 'sí', contact_name: NAME, contact_method: 'correo', contact_value: EMAIL, safe_message: 'no' }
    : { contact_ok: 'yes', contact_name: NAME, contact_method: 'phone', contact_value: PHONE, safe_message: 'no' };
  return { ...s, answers: { ...s.answers, ...contact } };
}

const get = (app: RunningPuente, url: string, token: string | null = TOKEN) =>
  fetch(`${app.url}${url}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('staff dashboard data', () => {
  const scenarios = loadScenarios().map(withContact);
  const clockMs = Date.now();
  let offset = 0;
  let app: RunningPuente;
  let stats: Stats;
  let metricsText: string;

  beforeAll(async () => {
    app = await startTestServer({ STAFF_API_TOKEN: TOKEN, SESSION_TTL_DAYS: '1' }, { now: () => new Date(clockMs + offset) });
    for (const s of scenarios) {
      const { result } = await playScenario(app.url, s, new Date(clockMs));
      expect([...new Set(result.findings.map((f) => f.code))].sort()).toEqual([...s.expect.findings].sort());
    }
    const say = async (locale: string, typed: string[]) => {
      const c = new Conversation(app.url, locale);
      await c.start();
      let asked: string | undefined;
      for (const t of typed) asked = questionOf(await c.say(t));
      return asked;
    };
    expect(await say('en-US', ['English', 'yes', 'in the US', 'exit'])).toBeUndefined(); // left at under_21
    expect(await say('es-US', ['español', 'sí', 'borrar'])).toBeUndefined(); // deleted at location
    expect(await say('en-US', ['English', 'no'])).toBeUndefined(); // declined at consent
    expect(await say('es-US', ['español', 'sí', 'aquí', 'no', 'no'])).toBe('proceedings'); // stops answering
    offset = 2 * 86_400_000;
    await app.purge();
    const res = await get(app, '/api/staff/stats?days=7');
    expect(res.status).toBe(200);
    stats = (await res.json()) as Stats;
    metricsText = await (await fetch(`${app.url}/metrics`, metricsAuth)).text();
  });
  afterAll(() => app.close());

  it('counts intakes started, sent, urgent, left and expired, on the day they happened (UTC)', () => {
    const day = new Date(clockMs).toISOString().slice(0, 10);
    const urgent = scenarios.filter((s) => s.expect.urgent).length;
    expect(stats.days).toBe(7);
    expect(stats.to).toBe(new Date(clockMs + offset).toISOString().slice(0, 10));
    expect(stats.perDay).toHaveLength(7);
    expect(stats.totals).toEqual({
      started: scenarios.length + 4,
      finished: scenarios.length,
      urgent,
      urgentShare: urgent / scenarios.length,
      endedEarly: 3,
      abandoned: 1,
    });
    expect(stats.perDay.filter((d) => d.started > 0)).toEqual([{ day, started: scenarios.length + 4, finished: scenarios.length, urgent }]);
    const byLanguage = (l: string) => scenarios.filter((s) => s.locale === l).length;
    expect(stats.languages).toEqual([
      { language: 'en', label: 'English', started: byLanguage('en') + 2, finished: byLanguage('en') },
      { language: 'es', label: 'Español', started: byLanguage('es') + 2, finished: byLanguage('es') },
    ]);
  });

  it('shows where intakes stopped, question by question, with the English review labels', () => {
    const step = (id: string) => stats.funnel.find((f) => f.step === id);
    const ended = scenarios.length + 4;
    expect(step('language')).toMatchObject({ label: 'Language', reached: ended, stoppedTotal: 0 });
    expect(step('consent')).toMatchObject({ label: 'Privacy notice', reached: ended, stopped: { declined: 1, exited: 0, deleted: 0, abandoned: 0 } });
    expect(step('location')).toMatchObject({ label: 'Where you are', reached: ended - 1, stopped: { deleted: 1 } });
    expect(step('under_21')?.stopped.exited).toBe(1);
    expect(step('proceedings')).toMatchObject({ label: 'Court case', stopped: { abandoned: 1, exited: 0, deleted: 0, declined: 0 }, stoppedTotal: 1 });
    expect(step('review')).toMatchObject({ label: 'Review and send', reached: scenarios.length, stoppedTotal: 0 });
    expect(step('contact_value')?.reached).toBe(scenarios.length);
    // In catalogue order, review last.
    const order = [...questionIds, 'review'];
    const indexes = stats.funnel.map((f) => order.indexOf(f.step));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('counts findings by code with their English titles, most frequent first', () => {
    const expected = new Map<string, number>();
    for (const s of scenarios) for (const code of new Set(s.expect.findings)) expected.set(code, (expected.get(code) ?? 0) + 1);
    expect(new Map(stats.findings.map((f) => [f.code, f.count]))).toEqual(expected);
    const en = createTexts().translator('en');
    for (const f of stats.findings) expect(f.title).toBe(en.t(`findings:${f.code}.title`));
    expect(stats.findings.map((f) => f.count)).toEqual([...stats.findings.map((f) => f.count)].sort((a, b) => b - a));
    expect(stats.findings.filter((f) => f.alwaysPresent).map((f) => f.code).sort()).toEqual(['ATTORNEY_REFERRAL', 'NOTARIO_WARNING']);
  });

  it('keeps to the period asked for: the intakes fall out of a window that ends before them', async () => {
    offset = 40 * 86_400_000;
    try {
      const later = (await (await get(app, '/api/staff/stats?days=30')).json()) as Stats;
      expect(later.totals.started).toBe(0);
      expect(later.funnel).toEqual([]);
      const wide = (await (await get(app, '/api/staff/stats?days=90')).json()) as Stats;
      expect(wide.totals.finished).toBe(scenarios.length);
    } finally {
      offset = 2 * 86_400_000;
    }
  });

  it('asks for the staff token, and accepts only days=7, 30 or 90', async () => {
    for (const url of ['/api/staff/stats', '/api/staff/charts?days=7']) {
      expect((await get(app, url, null)).status).toBe(401);
      expect((await get(app, url, `${TOKEN}x`)).status).toBe(401);
    }
    for (const query of ['days=8', 'days=abc', 'days=7&days=30x', 'days=7&since=2026-01-01', 'days=']) {
      expect({ query, status: (await get(app, `/api/staff/stats?${query}`)).status }).toEqual({ query, status: 400 });
    }
    const fallback = (await (await get(app, '/api/staff/stats')).json()) as Stats;
    expect(fallback.days).toBe(30);
    const res = await get(app, '/api/staff/stats?days=90');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('draws the charts from the same numbers: accessible SVG with a title, a description and a table', async () => {
    const res = await get(app, '/api/staff/charts?days=7');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toBe(renderDashboard(stats, createTexts().translator('en')));
    const svgs = [...html.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(5);
    for (const tag of svgs) expect(tag).toMatch(/role="img".*aria-labelledby="[a-z-]+-title".*aria-describedby="[a-z-]+-desc"/);
    expect((html.match(/<title id=/g) ?? []).length).toBe(5);
    expect((html.match(/<table>/g) ?? []).length).toBe(5);
    expect(html).toMatch(/<desc id="funnel-desc">[^<]*Court case \(proceedings\): 1/);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
  });

  it('never shows a contact detail or a typed answer: in /metrics, in the stats or in the charts', async () => {
    const outputs: Record<string, string> = { metrics: metricsText };
    for (const days of ['7', '30', '90']) {
      outputs[`stats ${days}`] = await (await get(app, `/api/staff/stats?days=${days}`)).text();
      outputs[`charts ${days}`] = await (await get(app, `/api/staff/charts?days=${days}`)).text();
    }
    // Typed answers that no label could contain by chance: dates, durations, numbers, addresses.
    const distinctive = scenarios.flatMap((s) => Object.values(s.answers)).filter((a) => /[0-9@]/.test(a));
    expect(distinctive.length).toBeGreaterThan(10);
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of [...SECRETS, ...distinctive]) expect({ name, secret, found: text.includes(secret) }).toEqual({ name, secret, found: false });
    }

    // Every metric label is a code or id of the spec.
    const allowedLabels = new Set<string>([...questionIds, 'review', 'none', ...findingCodes, 'SENSITIVE', 'en', 'es', 'true', 'false', 'exited', 'deleted', 'declined']);
    const labels = [...metricsText.matchAll(/^puente_(?:intakes|findings)_\w+\{([^}]*)\}/gm)].flatMap((m) => [...m[1]!.matchAll(/="([^"]*)"/g)].map((v) => v[1]!));
    expect(labels.filter((l) => !allowedLabels.has(l))).toEqual([]);

    // Every text in the stats is a day, a code or id of the spec, or an English label from the locales;
    // and the charts are drawn from the stats alone (previous test), so they hold nothing else.
    const en = createTexts().translator('en');
    const allowedText = new Set<string>([
      ...questionIds,
      ...questionIds.map((q) => en.t(`questions:${q}.review`)),
      'review',
      'Review and send',
      ...findingCodes,
      ...findingCodes.map((c) => en.t(`findings:${c}.title`)),
      'en',
      'es',
      'English',
      'Español',
    ]);
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const days of ['7', '30', '90']) walk(JSON.parse(outputs[`stats ${days}`]!));
    expect(strings.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) && !allowedText.has(s))).toEqual([]);
  });

  it('opens no staff page with the token: the pages need the staff sign-in', async () => {
    for (const url of ['/staff', '/staff/dashboard', '/staff/dashboard.js']) {
      expect({ url, status: (await get(app, url)).status }).toEqual({ url, status: 404 });
    }
  });
});

describe('without a staff token', () => {
  it('serves neither the page nor its data', async () => {
    const app = await startTestServer();
    try {
      for (const url of ['/staff', '/staff/dashboard.js', '/api/staff/stats', '/api/staff/charts']) expect({ url, status: (await fetch(`${app.url}${url}`)).status }).toEqual({ url, status: 404 });
    } finally {
      await app.close();
    }
  });
});

describe('daily counts kept in the store', () => {
  it('survive a restart on the embedded store', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-counts-'));
    const env = { STAFF_API_TOKEN: TOKEN, DATA_DIR: dataDir };
    const s = loadScenarios().find((x) => x.name === 'detained-hearing-next-week')!;
    const first = await startTestServer(env);
    await playScenario(first.url, s);
    await first.close();
    const second = await startTestServer(env);
    try {
      const stats = (await (await get(second, '/api/staff/stats?days=7')).json()) as Stats;
      expect(stats.totals).toMatchObject({ started: 1, finished: 1, urgent: 1 });
    } finally {
      await second.close();
    }
  });

  it('never fail or hold up a turn: a failing store is logged by code, a slow one answers later', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let fail = true;
    const memory = new MemoryBackend();
    const written: CountIncrement[][] = [];
    const counts = {
      addDailyCounts: async (day: string, increments: readonly CountIncrement[]) => {
        if (fail) throw new Error('counts store down');
        await gate;
        written.push([...increments]);
        await memory.addDailyCounts(day, increments);
      },
      dailyCounts: (from: string, to: string) => memory.dailyCounts(from, to),
    };
    const app = await startTestServer({ STAFF_API_TOKEN: TOKEN }, { counts });
    try {
      const down = new Conversation(app.url);
      expect(questionOf(await down.start())).toBe('language');
      await app.counts.settled();
      const text = await (await fetch(`${app.url}/metrics`, metricsAuth)).text();
      expect(text).toMatch(/^puente_errors_total\{code="DAILY_COUNTS_FAILED",level="warn"\} 1$/m);

      fail = false;
      const slow = new Conversation(app.url);
      // The reply comes while its count is still waiting on the store.
      expect(questionOf(await slow.start())).toBe('language');
      expect(questionOf(await slow.say('English'))).toBe('consent');
      expect(written).toEqual([]);
      release();
      await app.counts.settled();
      expect(written).toEqual([[{ metric: 'started', key: 'en', n: 1 }]]);
      const stats = (await (await get(app, '/api/staff/stats?days=7')).json()) as Stats;
      expect(stats.totals.started).toBe(1);
    } finally {
      release();
      await app.close();
    }
  });
});
