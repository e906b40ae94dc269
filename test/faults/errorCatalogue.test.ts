/**
 * The error catalogue (issue 8): every code logged in src/ is listed in src/errors.ts with a
 * meaning, the README lists them all, and an unexpected failure in a turn is logged with its code and
 * no answer, gets the fixed bilingual apology on both routes, and is counted in /metrics by code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { errorFacts, LOG_CODES } from '../../src/errors';
import type { SessionStore } from '../../src/storage';
import { memoryStores } from '../support/memoryStores';
import { Conversation, questionOf, startTestServer, metricsAuth } from '../support/harness';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every `code: …` literal in src/ with its level where the call names one. The evaluator's finding codes are not log codes. */
function loggedCodes(): { code: string; level?: string; where: string }[] {
  const found: { code: string; level?: string; where: string }[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    if (file.includes(`${path.sep}evaluator${path.sep}`)) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bcode:\s*([^,}\n]+)/g)) {
      const before = src.slice(Math.max(0, m.index - 160), m.index);
      const call = [...before.matchAll(/\.(info|warn|error|fatal)\(\s*\{?\s*$/g)].pop();
      for (const lit of m[1]!.matchAll(/'([A-Z][A-Z0-9_]+)'/g)) {
        found.push({ code: lit[1]!, level: call?.[1], where: `${path.relative(ROOT, file)}:${src.slice(0, m.index).split('\n').length}` });
      }
    }
  }
  return found;
}

describe('the catalogue', () => {
  const logged = loggedCodes();

  it('lists every code logged in src/, at the level it is logged', () => {
    expect(logged.length).toBeGreaterThan(20);
    const catalogue = LOG_CODES as Record<string, { level: string; meaning: string }>;
    for (const { code, level, where } of logged) {
      expect({ code, where, listed: code in catalogue }).toEqual({ code, where, listed: true });
      if (level) expect({ code, where, level: catalogue[code]!.level }).toEqual({ code, where, level });
    }
  });

  it('lists no code that nothing logs, and gives each a one-line meaning', () => {
    const used = new Set(logged.map((l) => l.code));
    for (const [code, entry] of Object.entries(LOG_CODES)) {
      expect({ code, used: used.has(code) }).toEqual({ code, used: true });
      expect(entry.meaning.length).toBeGreaterThan(20);
      expect(entry.meaning).not.toContain('\n');
    }
  });

  it('is listed in the README', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const code of Object.keys(LOG_CODES)) expect({ code, inReadme: readme.includes(`\`${code}\``) }).toEqual({ code, inReadme: true });
  });

  it('describes an error by class and place, never by its message', () => {
    let err: unknown;
    try {
      JSON.parse('{"answer": "my secret answer');
    } catch (e) {
      err = e;
    }
    const facts = errorFacts(err);
    expect(facts.name).toBe('SyntaxError');
    expect(JSON.stringify(facts)).not.toContain('secret');
    expect(facts.at.length).toBeGreaterThan(0);
    expect(errorFacts(undefined)).toEqual({ name: 'undefined', at: [] });
    expect(errorFacts('a string with an answer')).toEqual({ name: 'string', at: [] });
  });
});

describe('an unexpected failure in a turn', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const stores = memoryStores();
  const SECRET = 'my-partner-is-a-citizen';
  let fail = false;
  const sessions: SessionStore = {
    load: (id) => stores.sessions.load(id),
    delete: (id) => stores.sessions.delete(id),
    save: async (id, s, e) => {
      // A failure whose message quotes what the person typed: it must not reach the log.
      if (fail) throw new Error(`cannot save "${SECRET}"`);
      return stores.sessions.save(id, s, e);
    },
  };
  let puente: RunningPuente;
  beforeAll(async () => {
    puente = await startTestServer({}, { sessions, records: stores.records, log: pino({ level: 'info' }, sink) });
  });
  afterAll(() => puente.close());

  it('is logged with TURN_FAILED and no answer, apologized for in both languages, and counted by code', async () => {
    const c = new Conversation(puente.url);
    await c.start();
    await c.say('English');
    fail = true;
    const acts = await c.say(SECRET);
    fail = false;
    expect(acts.map((a) => a.text)).toEqual([puente.texts.apology]);
    expect(puente.texts.apology).toMatch(/Sorry/);
    expect(puente.texts.apology).toMatch(/Perdón/);

    // The web chat route: the same apology, the same code.
    const session = (await (await fetch(`${puente.url}/api/webchat/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    fail = true;
    const res = await fetch(`${puente.url}/api/webchat/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ type: 'message', text: SECRET }),
    });
    fail = false;
    expect(((await res.json()) as { activities: { text: string }[] }).activities.map((a) => a.text)).toEqual([puente.texts.apology]);

    const failures = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.code === 'TURN_FAILED');
    expect(failures).toHaveLength(2);
    for (const f of failures) expect(f.err).toEqual({ name: 'Error', at: expect.any(Array) });
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(c.id);

    const metrics = await (await fetch(`${puente.url}/metrics`, metricsAuth)).text();
    expect(metrics).toContain('puente_errors_total{code="TURN_FAILED",level="error"} 2');
    // nothing was lost: the failed turn changed nothing
    expect(questionOf(await c.say('yes'))).toBe('location');
  });
});
