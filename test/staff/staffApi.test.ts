/**
 * The staff API on the real server: bearer token (constant time), summaries matching the scenarios
 * played, delete, off without a token, and audit lines without content.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { tokenMatches } from '../../src/staff/staffApi';
import type { StaffSummary } from '../../src/staff/summary';
import { startTestServer } from '../support/harness';
import { loadScenarios, playScenario, type Scenario } from '../support/scenarios';

const TOKEN = 'staff-token-0123456789-abcdefghij';
const logged: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logged.push(chunk.toString());
    cb();
  },
});
const auditLines = () =>
  logged
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.audit === true);

const scenarios = loadScenarios();
const picked = ['abused-spouse-of-citizen', 'casada-ciudadana-sin-inspeccion'].map((n) => scenarios.find((s) => s.name === n)!);

let puente: RunningPuente;
const played: { scenario: Scenario; reference: string }[] = [];

beforeAll(async () => {
  puente = await startTestServer({ STAFF_API_TOKEN: TOKEN }, { log: pino({ level: 'warn' }, sink) });
  for (const scenario of picked) {
    const { result } = await playScenario(puente.url, scenario);
    played.push({ scenario, reference: result.reference });
  }
});
afterAll(() => puente.close());

const call = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
  fetch(`${puente.url}${path}`, { ...init, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('staff API', () => {
  it('answers 401 with WWW-Authenticate without a token or with a wrong one', async () => {
    for (const [path, method] of [['/api/staff/intakes', 'GET'], [`/api/staff/intakes/${played[0]!.reference}`, 'GET'], [`/api/staff/intakes/${played[0]!.reference}`, 'DELETE']] as const) {
      const none = await call(path, { method }, null);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await call(path, { method }, `${TOKEN}x`);
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toMatch(/invalid_token/);
      const basic = await fetch(`${puente.url}${path}`, { method, headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
      expect(basic.status).toBe(401);
    }
    expect(await puente.records.get(played[0]!.reference)).not.toBeNull();
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
  });

  it('lists the intakes played, with their findings, in English, never cached', async () => {
    const res = await call('/api/staff/intakes');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = (await res.json()) as StaffSummary[];
    expect(list.map((s) => s.reference).sort()).toEqual(played.map((p) => p.reference).sort());
    for (const { scenario, reference } of played) {
      const s = list.find((x) => x.reference === reference)!;
      expect(s.findings.map((f) => f.code)).toEqual(scenario.expect.findings);
      expect(s.urgent).toBe(scenario.expect.urgent);
      expect(s.language).toBe(scenario.locale);
      expect(s.contact?.name).toBe(scenario.values.contact_name);
      for (const a of s.answers) expect(a.code).toBe(scenario.values[a.question]);
    }
    const urgent = (await (await call('/api/staff/intakes?urgent=true')).json()) as StaffSummary[];
    expect(urgent.map((s) => s.reference)).toEqual(played.filter((p) => p.scenario.expect.urgent).map((p) => p.reference));
    const future = (await (await call('/api/staff/intakes?since=2999-01-01')).json()) as StaffSummary[];
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(((await (await call(`/api/staff/intakes?since=${today}`)).json()) as StaffSummary[]).length).toBe(2);
    expect((await call('/api/staff/intakes?since=yesterday')).status).toBe(400);
    expect((await call('/api/staff/intakes?urgent=maybe')).status).toBe(400);
  });

  it('gets one intake: the English summary, Spanish marked', async () => {
    const es = played.find((p) => p.scenario.locale === 'es')!;
    const res = await call(`/api/staff/intakes/${es.reference.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as StaffSummary & { text: string };
    expect(body).toMatchObject({ reference: es.reference, language: 'es', languageName: 'Spanish' });
    expect(body.text).toContain('Language used: Spanish');
    expect(body.text).toContain('Without inspection');
    expect((await call('/api/staff/intakes/PU-NOPE2-NOPE3')).status).toBe(404);
    expect((await call('/api/staff/intakes/%3Cscript%3E')).status).toBe(404);
  });

  it('deletes one intake: 204, then 404', async () => {
    const victim = played[1]!;
    const del = await call(`/api/staff/intakes/${victim.reference}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await puente.records.get(victim.reference)).toBeNull();
    expect((await call(`/api/staff/intakes/${victim.reference}`)).status).toBe(404);
    expect((await call(`/api/staff/intakes/${victim.reference}`, { method: 'DELETE' })).status).toBe(404);
    const list = (await (await call('/api/staff/intakes')).json()) as StaffSummary[];
    expect(list.map((s) => s.reference)).toEqual([played[0]!.reference]);
  });

  it('writes audit lines with references and no content, even above LOG_LEVEL info', () => {
    const lines = auditLines();
    const events = lines.map((l) => l.event);
    expect(events).toEqual(expect.arrayContaining(['staff.list', 'staff.read', 'staff.delete']));
    for (const l of lines) {
      expect(l).toMatchObject({ audit: true, actor: 'api' });
      expect(typeof l.at).toBe('string');
      expect(l.reference ?? l.references).toBeDefined();
    }
    expect(lines).toContainEqual(expect.objectContaining({ event: 'staff.delete', reference: played[1]!.reference, found: true }));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'staff.list', references: expect.arrayContaining(played.map((p) => p.reference)) }));
    const all = JSON.stringify(lines);
    for (const { scenario } of played) {
      for (const leak of [scenario.values.contact_name!, scenario.values.contact_value!, 'us_citizen', 'without_inspection', 'inspected', 'ABUSE_SAFETY', 'Spanish']) {
        expect(all).not.toContain(leak);
      }
    }
    expect(all).not.toContain(TOKEN);
    expect(logged.join('')).not.toContain(TOKEN);
  });
});

describe('staff API without STAFF_API_TOKEN', () => {
  it('is not served: 404 for every route, even with a token', async () => {
    const off = await startTestServer();
    try {
      for (const [path, method] of [['/api/staff/intakes', 'GET'], ['/api/staff/intakes/PU-AAAAA-BBBBB', 'GET'], ['/api/staff/intakes/PU-AAAAA-BBBBB', 'DELETE']]) {
        const res = await fetch(`${off.url}${path!}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(404);
      }
    } finally {
      await off.close();
    }
  });

  it('refuses a token shorter than 24 characters at start-up', async () => {
    await expect(startTestServer({ STAFF_API_TOKEN: 'short' })).rejects.toThrow(/STAFF_API_TOKEN/);
  });
});
