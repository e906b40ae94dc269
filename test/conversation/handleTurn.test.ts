/**
 * The channel-free turn: stored-session problems, eTag retries, and what reaches the logs.
 */
import path from 'node:path';
import { loadOrgProfile } from '../../src/config';
import { handleTurn, newReference, type TurnDeps, type TurnLogger } from '../../src/conversation';
import { createTexts } from '../../src/i18n';
import { persist, restoreChecked, step } from '../../dialogs/intake';
import { ETagConflictError, sessionSchema, type Session, type SessionStore } from '../../src/storage';
import { memoryStores } from '../support/memoryStores';

const texts = createTexts();
const profile = loadOrgProfile(path.resolve(__dirname, '../../config/organization.example.json'));

function recordingLog(): TurnLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push(JSON.stringify({ ...obj, msg })),
    warn: (obj, msg) => lines.push(JSON.stringify({ ...obj, msg })),
  };
}

function deps(sessions: SessionStore = memoryStores().sessions): TurnDeps & { log: ReturnType<typeof recordingLog> } {
  return { sessions, records: memoryStores().records, texts, profile, log: recordingLog(), now: () => new Date('2026-11-23T12:00:00Z') };
}

const say = (d: TurnDeps, text: string, conversationId = 'conv-1') => handleTurn({ conversationId, kind: 'message', text }, d);

describe('handleTurn', () => {
  it('has the date models made ready when a date question is asked, and only then', async () => {
    const asked: string[] = [];
    const d = deps();
    let calls = 0;
    const prepared: string[] = [];
    d.recognizer = { prepare: () => calls++, run: () => Promise.reject(new Error('unused')) } as unknown as TurnDeps['recognizer'];
    const typed = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'no', 'no', 'with a tourist visa', 'expired'];
    for (const t of typed) {
      const before = calls;
      const out = await say(d, t, 'conv-prepare');
      const question = String(out.replies.map((r) => r.channelData?.question).find((q) => q !== undefined));
      asked.push(question);
      if (calls > before) prepared.push(question);
    }
    expect(asked.at(-1)).toBe('time_in_us');
    expect(prepared).toEqual(['time_in_us']);
  });

  it('restarts politely when the stored session is unreadable', async () => {
    const d = deps();
    await d.sessions.save('conv-1', { schemaVersion: 1, intake: { machineVersion: 999 } } as unknown as Session, null);
    const out = await say(d, 'yes');
    expect(out.replies[0]!.text).toBe(texts.translator('en').t('common:session.restarted'));
    expect(out.replies.at(-1)!.channelData?.question).toBe('language');
    expect(d.log.lines.some((l) => l.includes('SESSION_UNREADABLE'))).toBe(true);
    // and the conversation goes on from there
    expect((await say(d, 'English')).replies.at(-1)!.channelData?.question).toBe('consent');
  });

  it('restarts politely when the stored session is not even an object', async () => {
    const d = deps();
    await d.sessions.save('conv-1', 'truncated{' as unknown as Session, null);
    const out = await say(d, 'hola');
    expect(out.replies.at(-1)!.channelData?.question).toBe('language');
  });

  it('retries a turn from a fresh read when another turn saved first', async () => {
    const inner = memoryStores().sessions;
    let conflicts = 1;
    const flaky: SessionStore = {
      load: (id) => inner.load(id),
      delete: (id) => inner.delete(id),
      save: async (id, s, eTag) => {
        if (conflicts-- > 0) throw new ETagConflictError();
        return inner.save(id, s, eTag);
      },
    };
    const d = deps(flaky);
    const out = await say(d, 'English');
    expect(out.replies.at(-1)!.channelData?.question).toBe('consent');
    expect(d.log.lines.some((l) => l.includes('SESSION_ETAG_RETRY'))).toBe(true);
  });

  it('never writes what the person typed, or their answers, to the log', async () => {
    const d = deps();
    const typed = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'no', 'no', 'with a tourist visa', 'expired', 'since 2019', 'no', 'no', 'no', 'no', 'yes', 'Zyxwv Secretname', 'email', 'secret.person@example.org', 'no', 'confirm'];
    for (const t of typed) await say(d, t, 'conv-log');
    const all = d.log.lines.join('\n');
    expect(all).toContain('intake.finished');
    for (const leak of ['Secretname', 'secret.person', 'tourist', 'married', 'us_citizen', 'expired', 'conv-log']) expect(all).not.toContain(leak);
  });

  it('makes unguessable, readable reference codes', () => {
    const refs = new Set(Array.from({ length: 2000 }, newReference));
    expect(refs.size).toBe(2000);
    for (const r of refs) expect(r).toMatch(/^PU-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  });

  it('tells on the wire what each answer was read as, and how, never the text (design.md §4)', async () => {
    const d = deps();
    const understood = (out: Awaited<ReturnType<typeof say>>) => out.replies.map((r) => r.channelData?.understood).find((u) => u !== undefined);
    expect(understood(await say(d, 'English', 'conv-wire'))).toEqual({ question: 'language', value: 'en', how: expect.any(String) });
    const pressed = await handleTurn({ conversationId: 'conv-wire', kind: 'message', button: 'yes' }, d);
    expect(understood(pressed)).toEqual({ question: 'consent', value: 'yes', how: 'button' });
    const notUnderstood = await say(d, 'banana bread', 'conv-wire');
    expect(understood(notUnderstood)).toBeUndefined();
  });

  it('asks "I understood: ... Is that right?" for a doubtful reading, and a typed yes takes it', async () => {
    const d = deps();
    for (const t of ['English', 'yes', 'in the US', 'no', 'no']) await say(d, t, 'conv-confirm');
    const sessions = d.sessions;
    // A doubtful reading is held by the machine until the person says yes (the understanding layer
    // decides when to doubt; here the event is sent as it would be).
    const stored = await sessions.load('conv-confirm');
    const session = sessionSchema.parse(stored!.value);
    const held = step(restoreChecked(session.intake), { type: 'answer.tentative', value: 'removal_order' });
    await sessions.save('conv-confirm', { ...session, intake: persist(held) }, stored!.eTag);
    const asked = await handleTurn({ conversationId: 'conv-confirm', kind: 'start' }, d);
    expect(asked.replies.at(-1)!.channelData).toEqual({ question: 'proceedings', confirming: { value: 'removal_order' } });
    expect(asked.replies.at(-1)!.choices?.map((c) => c.value)).toEqual(['yes', 'no']);
    const yes = await say(d, 'sí', 'conv-confirm');
    expect(yes.replies.map((r) => r.channelData?.understood).find(Boolean)).toEqual({ question: 'proceedings', value: 'removal_order', how: 'confirmed' });
    expect(yes.replies.at(-1)!.channelData?.question).toBe('ice_contact');
  });
});

