/**
 * Issue 22, point 2: the typed commands `exit`, `salir`, `delete` and `borrar` mean on every Bot
 * Framework channel what they mean on the web page: the session is deleted at once and one neutral
 * line answers, in the conversation's language. And the Teams welcome and help say how to leave and
 * how to erase, removing the app included. Real /api/messages, anonymous, expectReplies.
 */
import { randomUUID } from 'node:crypto';
import type { RunningPuente } from '../../src/app';
import { questionOf, startTestServer, type Activity } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { fixture, TeamsChat, visibleText, type TeamsActivity } from '../support/teams';

const stores = memoryStores();
let puente: RunningPuente;
beforeAll(async () => {
  puente = await startTestServer({}, { sessions: stores.sessions, records: stores.records });
});
afterAll(() => puente.close());

interface Chat {
  key: string;
  say(text: string): Promise<TeamsActivity[]>;
}

/** A one-on-one conversation of a Bot Framework channel other than Teams, from a recorded activity. */
function otherChannel(channelId: string): Chat {
  const id = `${channelId}-${randomUUID()}`;
  const base = { ...fixture('directline-conversationUpdate'), channelId, conversation: { id }, deliveryMode: 'expectReplies' };
  return {
    key: `bf:${channelId}:${id}`,
    async say(text) {
      const res = await fetch(`${puente.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...base, type: 'message', membersAdded: undefined, id: randomUUID(), text }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { activities: TeamsActivity[] }).activities;
    },
  };
}

const CHANNELS: [string, () => Chat][] = [
  ['msteams', () => new TeamsChat(puente.url, 'en-US')],
  ...['directline', 'webchat', 'sms', 'slack', 'telegram', 'email', 'facebook'].map((c): [string, () => Chat] => [c, () => otherChannel(c)]),
];

const WORDS = [
  ['exit', 'English', 'en', 'common:exit.done'],
  ['salir', 'English', 'en', 'common:exit.done'],
  ['delete', 'English', 'en', 'common:delete.doneAnswers'],
  ['borrar', 'español', 'es', 'common:delete.doneAnswers'],
  ['salir', 'español', 'es', 'common:exit.done'],
  ['Delete', 'español', 'es', 'common:delete.doneAnswers'],
] as const;

describe.each(CHANNELS)('typed commands on %s', (_channel, open) => {
  it.each(WORDS)('“%s” in a conversation in %s deletes the session and answers with one neutral line', async (word, language, lang, key) => {
    const chat = open();
    await chat.say(language);
    expect(questionOf((await chat.say(lang === 'es' ? 'sí' : 'yes')) as Activity[])).toBeDefined();
    expect(await stores.sessions.load(chat.key)).not.toBeNull();
    const acts = await chat.say(word);
    expect(visibleText(acts)).toBe(puente.texts.translator(lang).t(key));
    expect(questionOf(acts as Activity[])).toBeUndefined();
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });
});

describe('Teams welcome and help', () => {
  it('the welcome says, in both languages, how to leave, how to erase, and that removing the app erases', async () => {
    const text = visibleText(await new TeamsChat(puente.url, 'en-US').start());
    for (const lang of ['en', 'es'] as const) expect(text).toContain(puente.texts.translator(lang).t('channels:teams.welcomeLeave'));
    expect(text).toMatch(/“exit”.*“delete”.*remove the Puente app/s);
    expect(text).toMatch(/“salir”.*“borrar”.*quite la app Puente/s);
  });

  it.each([
    ['en-US', 'English', 'help', 'en'],
    ['es-MX', 'español', 'ayuda', 'es'],
  ] as const)('the help (%s) lists exit and delete and says what removing the app does', async (locale, language, help, lang) => {
    const chat = new TeamsChat(puente.url, locale);
    await chat.start();
    await chat.say(language);
    const text = visibleText(await chat.say(help));
    const t = puente.texts.translator(lang);
    expect(text).toContain(t.t('common:help.commands'));
    expect(text).toContain(t.t('channels:teams.helpRemove'));
  });

  it('other channels keep the shared welcome', async () => {
    const text = visibleText(await otherChannel('directline').say('hello'));
    expect(text).not.toContain(puente.texts.translator('en').t('channels:teams.welcomeLeave'));
  });
});
