/**
 * GET /metrics on the real server: counters move with real conversations, labels carry only codes
 * and question ids, and warnings are counted by code even when logging is silenced.
 */
import type { RunningPuente } from '../../src/app';
import { sessionKey } from '../../src/storage';
import { Conversation, startTestServer } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';

let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer();
});
afterAll(() => puente.close());

const scrape = async () => {
  const res = await fetch(`${puente.url}/metrics`);
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
  for (const code of new Set(result.findings.map((f) => f.code))) {
    expect(value(text, `puente_findings_total{code="${code}"}`)).toBeGreaterThanOrEqual(1);
  }
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
  const row = await backend.loadSession(sessionKey(c.id), Date.now());
  await backend.saveSession(sessionKey(c.id), 'not-a-sealed-value', row!.eTag, 'x', Date.now() + 60_000, Date.now());
  await c.say('English');
  const after = value(await scrape(), 'puente_errors_total{code="SESSION_UNREADABLE",level="warn"}');
  expect((Number.isNaN(before) ? 0 : before) + 1).toBe(after);
});
