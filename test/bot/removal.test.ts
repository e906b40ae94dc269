/**
 * Issue 22, point 1: removing the app erases the conversation's session, in every scope, from
 * recorded Teams activities (installationUpdate `remove`, conversationUpdate membersRemoved with the
 * bot). Nothing is said (the chat is gone); an intake already sent stays for the organization; adding
 * the app again starts a new intake. Anonymous mode, expectReplies, memory stores. What is left on
 * disk is checked in test/server/erasure.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { StoreUnavailableError, type SessionStore } from '../../src/storage';
import { IntakeBot, isRemoval } from '../../src/bot/intakeBot';
import { questionOf, startTestServer } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { fixture, TeamsChat } from '../support/teams';

const stores = memoryStores();
let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({}, { sessions: stores.sessions, records: stores.records });
});
afterAll(() => puente.close());

const BOT_ID = `28:${randomUUID()}`;
/** Eight answers in a personal chat: the intake waits on the ninth question. */
const EIGHT = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no'];
const FULL = ['English', 'yes', 'in the US', 'no', 'no', 'no', 'no', 'no', 'no', 'married', 'US citizen', 'yes', 'no',
  'with a tourist visa', 'expired', 'since 2019', 'no', 'yes', 'prefer not to say', 'no', 'no', 'confirm'];

async function personalChatWith(answers: readonly string[]): Promise<TeamsChat> {
  const chat = new TeamsChat(puente.url, 'en-US', BOT_ID);
  await chat.start();
  for (const a of answers) await chat.say(a);
  return chat;
}

describe('removing the app in a personal chat', () => {
  it.each(['msteams-personal-installationUpdate-remove', 'msteams-personal-botRemoved'])('%s erases the session and says nothing', async (name) => {
    const chat = await personalChatWith(EIGHT);
    const before = await stores.sessions.load(chat.key);
    expect(before).not.toBeNull();
    expect(await chat.post(name)).toEqual([]);
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });

  it('starts a new intake when the app is added again, with none of the earlier answers', async () => {
    const chat = await personalChatWith(EIGHT);
    const resumed = await chat.post('msteams-installationUpdate', { action: 'add' });
    expect(questionOf(resumed)).not.toBe('language');
    await chat.post('msteams-personal-installationUpdate-remove');
    const again = await chat.post('msteams-installationUpdate', { action: 'add' });
    expect(questionOf(again)).toBe('language');
    const stored = await stores.sessions.load(chat.key);
    expect(JSON.stringify(stored?.value)).not.toMatch(/in_us|"yes"/);
  });

  it('keeps an intake already sent to staff, as the page quick exit does', async () => {
    const chat = new TeamsChat(puente.url, 'en-US', BOT_ID);
    await chat.start();
    for (const a of FULL) await chat.say(a);
    const reference = ((await stores.sessions.load(chat.key))?.value as { reference?: string }).reference;
    expect(reference).toMatch(/^PU-/);
    await chat.post('msteams-personal-installationUpdate-remove', { action: 'remove-upgrade' });
    expect(await stores.sessions.load(chat.key)).toBeNull();
    expect(await stores.records.get(reference!)).not.toBeNull();
  });

  it('erases even when the activity comes without a locale', async () => {
    const chat = await personalChatWith(EIGHT.slice(0, 3));
    expect(await chat.post('msteams-personal-installationUpdate-remove', { locale: undefined, entities: undefined })).toEqual([]);
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });
});

describe('removing the app from a group chat or a channel', () => {
  const scoped = [
    ['msteams-groupChat-installationUpdate-remove', 'msteams-groupChat-message'],
    ['msteams-groupChat-botRemoved', 'msteams-groupChat-message'],
    ['msteams-channel-installationUpdate-remove', 'msteams-channel-botAdded'],
    ['msteams-channel-botRemoved', 'msteams-channel-botAdded'],
  ] as const;

  // The intake is declined in groups, so nothing is stored there today; a session stored under a
  // group's id by an older version (or any future path) must go all the same.
  it.each(scoped)('%s erases whatever the conversation holds and says nothing', async (name, shapeOf) => {
    const donor = await personalChatWith(EIGHT.slice(0, 2));
    const value = (await stores.sessions.load(donor.key))!.value;
    const chat = new TeamsChat(puente.url, 'es-MX', BOT_ID);
    await stores.sessions.save(chat.key, value as Parameters<typeof stores.sessions.save>[1], null);
    const conversation = { ...(fixture(shapeOf).conversation as object), id: chat.conversationId };
    expect(await chat.post(name, { conversation })).toEqual([]);
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });

  it.each(scoped)('%s is read as a removal, not as a group turn', (name) => {
    const a = fixture(name) as never;
    expect(isRemoval(a)).toBe(true);
    expect(IntakeBot.classify(a)).toEqual({ kind: 'erase', conversationId: expect.stringMatching(/^bf:msteams:19:/) });
  });
});

describe('what is not a removal', () => {
  it('another member leaving, an install, or a remove action outside Teams', () => {
    const base = fixture('msteams-groupChat-botRemoved');
    expect(isRemoval({ ...base, membersRemoved: [{ id: '29:someone' }] } as never)).toBe(false);
    expect(isRemoval(fixture('msteams-installationUpdate') as never)).toBe(false);
    expect(isRemoval({ ...fixture('msteams-personal-installationUpdate-remove'), channelId: 'directline' } as never)).toBe(false);
  });

  it('the bot removed on another Bot Framework channel erases that conversation too', async () => {
    const id = `dl-${randomUUID()}`;
    const post = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${puente.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...fixture('directline-conversationUpdate'), conversation: { id }, deliveryMode: 'expectReplies', ...activity }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { activities: unknown[] }).activities;
    };
    await post({});
    const key = `bf:directline:${id}`;
    expect(await stores.sessions.load(key)).not.toBeNull();
    const bot = (fixture('directline-conversationUpdate').recipient as { id: string }).id;
    expect(await post({ membersAdded: undefined, membersRemoved: [{ id: bot }] })).toEqual([]);
    expect(await stores.sessions.load(key)).toBeNull();
  });
});

describe('when the store cannot delete', () => {
  it('logs REMOVAL_ERASE_FAILED, sends no apology into the removed chat, and a later removal erases', async () => {
    const logged: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    });
    const inner = memoryStores();
    let failDelete = true;
    const sessions: SessionStore = {
      load: (id) => inner.sessions.load(id),
      save: (id, s, e) => inner.sessions.save(id, s, e),
      delete: async (id) => {
        if (failDelete) throw new StoreUnavailableError(new Error('down'));
        return inner.sessions.delete(id);
      },
    };
    const server = await startTestServer({}, { sessions, records: inner.records, log: pino({ level: 'info' }, sink) });
    try {
      const chat = new TeamsChat(server.url, 'en-US', BOT_ID);
      await chat.start();
      await chat.say('English');
      expect(await chat.post('msteams-personal-installationUpdate-remove')).toEqual([]);
      expect(logged.filter((l) => l.code === 'REMOVAL_ERASE_FAILED')).toHaveLength(1);
      expect(logged.some((l) => l.code === 'TURN_FAILED')).toBe(false);
      failDelete = false;
      await chat.post('msteams-personal-botRemoved');
      expect(await inner.sessions.load(chat.key)).toBeNull();
    } finally {
      await server.close();
    }
  });
});
