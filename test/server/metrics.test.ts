/**
 * GET /metrics on the real server: counters move with real conversations, labels carry only codes
 * and question ids, and warnings are counted by code even when logging is silenced.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { questionIds } from '../../dialogs/intake';
import { startPuente, type RunningPuente } from '../../src/app';
import { loadConfig } from '../../src/config';
import { findingCodes } from '../../src/evaluator';
import { findingLabel, SENSITIVE_FINDINGS } from '../../src/server/metrics';
import { sessionKey } from '../../src/storage';
import { Conversation, questionOf, startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';

/** /metrics is served only with METRICS_TOKEN or on METRICS_PORT (issue 19), on loopback too. */
const TOKEN = 'metrics-token-for-these-tests-0123456789';
const auth = { headers: { authorization: `Bearer ${TOKEN}` } };

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({ METRICS_TOKEN: TOKEN });
});
afterAll(() => puente.close());

const scrape = async () => {
  const res = await fetch(`${puente.url}/metrics`, auth);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1) ?? NaN);

it('counts intakes started, finished and ended early, findings and turns, with code labels only', async () => {
  const s = loadScenarios().find((x) => x.name === 'casada-ciudadana-sin-inspeccion')!;
  const { result } = await playScenario(puente.url, s);
  const quitter = new Conversation(puente.url);
  await quitter.start();
  await quitter.say('English');
  await quitter.say('exit');

  const text = await scrape();
  expect(value(text, 'puente_intakes_started_total{language="es"}')).toBe(1);
  expect(value(text, 'puente_intakes_started_total{language="en"}')).toBe(1);
  expect(value(text, 'puente_intakes_finished_total{language="es",urgent="false"}')).toBe(1);
  expect(value(text, 'puente_intakes_ended_total{how="exited",question="consent"}')).toBe(1);
  for (const code of new Set(result.findings.map((f) => findingLabel(f.code)))) {
    expect(value(text, `puente_findings_total{code="${code}"}`)).toBeGreaterThanOrEqual(1);
  }
  // Findings that reveal a sensitive answer are never a label of their own (issue 19).
  for (const code of SENSITIVE_FINDINGS) expect(text).not.toContain(`code="${code}"`);
  expect(value(text, 'puente_turns_total')).toBeGreaterThan(10);
  expect(value(text, 'puente_turn_duration_seconds_count')).toBe(value(text, 'puente_turns_total'));
  // No typed answer (the scenario's words) appears anywhere in the metrics.
  for (const typed of Object.values(s.answers)) if (typed.length > 3) expect(text).not.toContain(typed);
});

it('counts logged warnings by code although the log is silent', async () => {
  const before = value(await scrape(), 'puente_errors_total{code="SESSION_UNREADABLE",level="warn"}');
  const c = new Conversation(puente.url);
  await c.start();
  // Damage the stored session: the next turn restarts the intake with an apology and logs a code.
  const backend = puente.backend!;
  const row = await backend.loadSession(sessionKey(c.key), Date.now());
  await backend.saveSession(sessionKey(c.key), 'not-a-sealed-value', row!.eTag, 'x', Date.now() + 60_000, Date.now());
  await c.say('English');
  const after = value(await scrape(), 'puente_errors_total{code="SESSION_UNREADABLE",level="warn"}');
  expect((Number.isNaN(before) ? 0 : before) + 1).toBe(after);
});

describe('after every public scenario, an exit mid-way and an intake that expired', () => {
  const TTL_DAYS = 30;
  let clockMs = Date.now();
  let app: RunningPuente;
  let text = '';
  const scenarios = loadScenarios();

  beforeAll(async () => {
    app = await startTestServer({ SESSION_TTL_DAYS: String(TTL_DAYS), METRICS_TOKEN: TOKEN }, { now: () => new Date(clockMs) });
    for (const s of scenarios) await playScenario(app.url, s, new Date(clockMs));
    // Leaves at the under-21 question.
    const quitter = new Conversation(app.url);
    await quitter.start();
    for (const typed of ['English', 'yes', 'in the US']) await quitter.say(typed);
    expect(questionOf(await quitter.say('exit'))).toBeUndefined();
    // Stops answering at the court case question, and expires.
    const gone = new Conversation(app.url, 'es-US');
    await gone.start();
    let asked: string | undefined;
    for (const typed of ['español', 'sí', 'aquí', 'no', 'no']) asked = questionOf(await gone.say(typed));
    expect(asked).toBe('proceedings');
    clockMs += (TTL_DAYS + 1) * 86_400_000;
    await app.purge();
    await app.counts.settled();
    text = await (await fetch(`${app.url}/metrics`, auth)).text();
  });
  afterAll(() => app.close());

  const expectedLanguage = (s: (typeof scenarios)[number]) => (s.switchAt ? (s.locale === 'en' ? 'es' : 'en') : s.locale);

  it('counts intakes started and sent by language, and how many were urgent', () => {
    const startedEs = scenarios.filter((s) => s.locale === 'es').length + 1;
    const startedEn = scenarios.filter((s) => s.locale === 'en').length + 1;
    expect(value(text, 'puente_intakes_started_total{language="es"}')).toBe(startedEs);
    expect(value(text, 'puente_intakes_started_total{language="en"}')).toBe(startedEn);
    for (const language of ['en', 'es']) {
      for (const urgent of [true, false]) {
        const n = scenarios.filter((s) => expectedLanguage(s) === language && s.expect.urgent === urgent).length;
        const series = `puente_intakes_finished_total{language="${language}",urgent="${urgent}"}`;
        if (n === 0) expect(text).not.toContain(series);
        else expect(value(text, series)).toBe(n);
      }
    }
  });

  it('counts every finding of the scenarios by code', () => {
    const expected = new Map<string, number>();
    // Each finding counted once per intake; sensitive ones all under SENSITIVE.
    for (const s of scenarios) for (const code of [...new Set(s.expect.findings)].map(findingLabel)) expected.set(code, (expected.get(code) ?? 0) + 1);
    for (const [code, n] of expected) expect(value(text, `puente_findings_total{code="${code}"}`)).toBe(n);
    const series = text.split('\n').filter((l) => l.startsWith('puente_findings_total{'));
    expect(series).toHaveLength(expected.size);
  });

  it('counts the exit by the question it left, and the expired intake by the question it stopped at', () => {
    expect(value(text, 'puente_intakes_ended_total{how="exited",question="under_21"}')).toBe(1);
    expect(value(text, 'puente_intakes_abandoned_total{question="proceedings"}')).toBe(1);
    // The sent intakes' sessions expired too, but they were not abandoned.
    expect(text.split('\n').filter((l) => l.startsWith('puente_intakes_abandoned_total{'))).toHaveLength(1);
  });

  it('times store calls by operation', () => {
    expect(value(text, 'puente_store_duration_seconds_count{op="record_save",outcome="ok"}')).toBe(scenarios.length);
    expect(value(text, 'puente_store_duration_seconds_count{op="session_load",outcome="ok"}')).toBe(value(text, 'puente_turns_total'));
    expect(value(text, 'puente_store_duration_seconds_count{op="session_purge",outcome="ok"}')).toBe(2);
    expect(value(text, 'puente_store_duration_seconds_count{op="counts_add",outcome="ok"}')).toBeGreaterThan(scenarios.length);
  });

  it('labels only with codes and ids from the spec', () => {
    const allowed = new Set<string>([...questionIds, 'review', 'none', ...findingCodes.filter((c) => !SENSITIVE_FINDINGS.has(c)), 'SENSITIVE', 'en', 'es', 'true', 'false', 'exited', 'deleted', 'declined']);
    const labels = [...text.matchAll(/^puente_(?:intakes|findings)_\w+\{([^}]*)\}/gm)].flatMap((m) => [...m[1]!.matchAll(/="([^"]*)"/g)].map((v) => v[1]!));
    expect(labels.length).toBeGreaterThan(20);
    expect(labels.filter((l) => !allowed.has(l))).toEqual([]);
  });
});

describe('who may read /metrics', () => {
  const METRICS_TOKEN = 'metrics-token-0123456789-abcdef';

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const app = await startTestServer({ METRICS_TOKEN });
    try {
      const none = await fetch(`${app.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).not.toContain('puente_');
      expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
      const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(value(await ok.text(), 'puente_errors_total{code="METRICS_AUTH_FAILED",level="warn"}')).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('serves it on its own listener only, when METRICS_PORT is set', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const app = await startTestServer({ METRICS_PORT: String(free), METRICS_TOKEN });
    try {
      expect(app.metricsUrl).toBe(`http://127.0.0.1:${free}`);
      expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
      expect((await fetch(`${app.metricsUrl}/metrics`)).status).toBe(401);
      const ok = await fetch(`${app.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await ok.text()).toContain('puente_turns_total');
      expect((await fetch(`${app.metricsUrl}/api/messages`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('does not serve it on a loopback HOST without a token or a port of its own (a local reverse proxy would publish it)', async () => {
    const app = await startTestServer({ HOST: '127.0.0.1', METRICS_TOKEN: '' });
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('does not serve it when off (a public HOST without a token or a port of its own)', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'puente-test-')) });
    const app = await startPuente({ ...config, metrics: { listen: 'off' } });
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
      expect(app.metricsUrl).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
