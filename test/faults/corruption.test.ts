/**
 * Stored-state corruption (issue 8): a session row that is truncated, damaged, of an older machine or
 * schema version, or edited by hand (valid seal, wrong content) is refused by zod; the person is
 * restarted with an apology, nothing is logged but a code, and the process goes on serving. A seeded
 * property edits a real stored session at random: every edit ends in a normal turn or a polite
 * restart, never the apology of an unexpected failure.
 */
import { MACHINE_VERSION } from '../../dialogs/intake';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { Cipher, sessionKey } from '../../src/storage';
import { Conversation, questionOf, startTestServer, textOf, type Activity } from '../support/harness';
import { loadScenarios, playScenario } from '../support/scenarios';

const SEED = 3_032_026;
const KEY = Buffer.alloc(32, 7);
const cipher = new Cipher({ current: 'c1', keys: new Map([['c1', KEY]]) });

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _e, cb) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
    cb();
  },
});

let puente: RunningPuente;
let restarted: string;
beforeAll(async () => {
  // The embedded SQLite store, with a key the test knows so it can seal edited sessions as Puente would.
  puente = await startTestServer({ ENCRYPTION_KEYS: `c1:${KEY.toString('base64')}` }, { log: pino({ level: 'info' }, sink) });
  restarted = puente.texts.translator('en').t('common:session.restarted');
});
afterAll(() => puente.close());

/** A conversation four answers in (asking under_21), and its stored session as JSON. */
async function midIntake(): Promise<{ c: Conversation; stored: Record<string, unknown> }> {
  const c = new Conversation(puente.url);
  await c.start();
  for (const t of ['English', 'yes', 'here']) await c.say(t);
  const row = await puente.backend!.loadSession(sessionKey(c.key), Date.now());
  return { c, stored: JSON.parse(cipher.open(row!.data, sessionKey(c.key))) as Record<string, unknown> };
}

/** Replaces the stored row with `data` (already sealed, or damaged). */
async function overwrite(c: Conversation, data: string): Promise<void> {
  const key = sessionKey(c.key);
  const row = await puente.backend!.loadSession(key, Date.now());
  const ok = await puente.backend!.saveSession(key, data, row!.eTag, randomUUID(), Date.now() + 86_400_000, Date.now());
  expect(ok).toBe(true);
}

const seal = (c: Conversation, json: string) => cipher.seal(json, sessionKey(c.key));

/** The next turn restarts politely and the intake can be finished from there. */
async function expectPoliteRestart(c: Conversation, acts: Activity[]): Promise<void> {
  expect(acts[0]?.text).toBe(restarted);
  expect(questionOf(acts)).toBe('language');
  expect(textOf(acts)).not.toContain(puente.texts.apology);
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('a damaged or foreign session row', () => {
  const cases: [string, (c: Conversation, stored: Record<string, unknown>) => string][] = [
    ['truncated sealed value', (c, s) => seal(c, JSON.stringify(s)).slice(0, 40)],
    ['a flipped character in the sealed value', (c, s) => {
      const v = seal(c, JSON.stringify(s));
      const i = Math.floor(v.length / 2);
      return `${v.slice(0, i)}${v[i] === 'A' ? 'B' : 'A'}${v.slice(i + 1)}`;
    }],
    ['an empty row', () => ''],
    ['plain text instead of a sealed value', () => '{"schemaVersion":1}'],
    ['sealed under another row (copied)', (_c, s) => cipher.seal(JSON.stringify(s), sessionKey('someone-else'))],
    ['sealed JSON cut in the middle', (c, s) => seal(c, JSON.stringify(s).slice(0, 100))],
    ['an older machine version', (c, s) => seal(c, JSON.stringify({ ...s, intake: { ...(s.intake as object), machineVersion: 0 } }))],
    ['a newer machine version', (c, s) => seal(c, JSON.stringify({ ...s, intake: { ...(s.intake as object), machineVersion: MACHINE_VERSION + 1 } }))],
    ['an older session schema', (c, s) => seal(c, JSON.stringify({ ...s, schemaVersion: 0 }))],
    ['a state that does not exist', (c, s) => seal(c, JSON.stringify({ ...s, intake: { ...(s.intake as object), value: 'hacked' } }))],
    ['an answer code that does not exist', (c, s) => {
      const e = clone(s) as { intake: { context: { answers: Record<string, unknown> } } };
      e.intake.context.answers.location = 'on_the_moon';
      return seal(c, JSON.stringify(e));
    }],
    ['a question id that does not exist', (c, s) => {
      const e = clone(s) as { intake: { context: Record<string, unknown> } };
      e.intake.context.current = 'favourite_colour';
      return seal(c, JSON.stringify(e));
    }],
    ['a language that does not exist', (c, s) => {
      const e = clone(s) as { intake: { context: Record<string, unknown> } };
      e.intake.context.locale = 'fr';
      return seal(c, JSON.stringify(e));
    }],
    ['a negative miss count', (c, s) => {
      const e = clone(s) as { intake: { context: Record<string, unknown> } };
      e.intake.context.misses = -1;
      return seal(c, JSON.stringify(e));
    }],
    ['prototype-pollution keys', (c, s) => seal(c, JSON.stringify(s).replace('{"schemaVersion"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"schemaVersion"').replace('"answers":{', '"answers":{"__proto__":{"x":1},'))],
    ['null', (c) => seal(c, 'null')],
    ['an array', (c) => seal(c, '[1,2,3]')],
    ['a deeply nested value', (c) => seal(c, `${'['.repeat(5000)}${']'.repeat(5000)}`)],
  ];

  test.each(cases)('%s: restarted with an apology, the intake can be finished, the process serves on', async (_name, damage) => {
    const { c, stored } = await midIntake();
    await overwrite(c, damage(c, stored));
    const before = lines.filter((l) => l.code === 'SESSION_UNREADABLE').length;
    await expectPoliteRestart(c, await c.say('no'));
    expect(lines.filter((l) => l.code === 'SESSION_UNREADABLE').length).toBe(before + 1);
    expect(questionOf(await c.say('English'))).toBe('consent');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('logs codes only: no answer, no conversation id, no error message', () => {
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/on_the_moon|favourite_colour|hacked/);
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('still finishes a whole intake afterwards', async () => {
    const s = loadScenarios().find((x) => x.name === 'abused-spouse-of-citizen')!;
    const { result } = await playScenario(puente.url, s);
    expect([...result.findings.map((f) => f.code)].sort()).toEqual([...s.expect.findings].sort());
  });
});

describe('random edits of a stored session', () => {
  /** A JSON value to put somewhere: other types, other codes, hostile keys. */
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('asking', 'reviewing', 'submitted', 'confirmingRestart', 'declined', 'exited', 'deleted', 'routing', 'resuming'),
    fc.constantFrom('language', 'consent', 'review', 'hearing_when', 'contact_value', 'yes', 'no', 'not_sure', 'married', 'pending', 'es', 'en'),
    fc.constantFrom([], {}, null, -1, 1e9, ['consent', 'consent'], { kind: 'reask', reason: 'noMatch', offerHelp: true }, { kind: 'finishedAlready' }),
  );

  /** Paths of every value in a JSON tree. */
  function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (v === null || typeof v !== 'object') return [at];
    const kids = Array.isArray(v) ? v.map((x, i) => paths(x, [...at, i])) : Object.entries(v).map(([k, x]) => paths(x, [...at, k]));
    return [at, ...kids.flat()];
  }

  function edit(tree: unknown, path: (string | number)[], to: unknown, remove: boolean): unknown {
    if (path.length === 0) return to;
    const copy = clone(tree) as Record<string | number, unknown>;
    let node = copy;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (remove && !Array.isArray(node)) delete node[last];
    else node[last] = to;
    return copy;
  }

  it(`ends every edit in a normal turn or a polite restart, never an unexpected failure (seed ${SEED})`, async () => {
    const base = await midIntake();
    const all = paths(base.stored);
    let restarts = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(all.length - 1), replacement, fc.boolean(), fc.constantFrom('no', 'yes', 'help', 'back', 'review', 'confirm', 'restart'), async (i, to, remove, typed) => {
        const { c, stored } = await midIntake();
        const edited = edit(stored, all[i]!, to, remove);
        await overwrite(c, seal(c, JSON.stringify(edited)));
        const acts = await c.say(typed);
        expect(textOf(acts)).not.toContain(puente.texts.apology);
        expect(acts.length).toBeGreaterThan(0);
        if (acts[0]?.text === restarted) restarts++;
        // whatever happened, the conversation answers its next turn
        const next = await c.say('help');
        expect(textOf(next)).not.toContain(puente.texts.apology);
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(restarts).toBeGreaterThan(0);
    expect(lines.filter((l) => l.code === 'TURN_FAILED')).toEqual([]);
  }, 120_000);
});
