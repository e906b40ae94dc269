/**
 * Issue 22, point 3: under Bot Framework authentication a turn refused by the per-conversation limit
 * still gets an answer: one short "please wait" line in the person's language, at most once a minute
 * per conversation (so the limit cannot be used to make Puente send messages), logged with
 * RATE_LIMIT_NOTICE. The refused turn changes nothing. A removal of the app is never limited.
 * Real channel tokens (test/support/botFramework.ts) against the real /api/messages.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningPuente } from '../../src/app';
import { channelClaims, FakeBotFramework, newSigningKey, signToken } from '../support/botFramework';
import { startTestServer } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { TeamsChat } from '../support/teams';

const APP_ID = randomUUID();
const BOT_ID = `28:${APP_ID}`;
const fake = new FakeBotFramework([newSigningKey(['msteams', 'webchat', 'directline'])]);
const stores = memoryStores();
const LIMIT = 4;
let now = 1_800_000_000_000;
let puente: RunningPuente;
let consoleError: jest.SpyInstance;

const logged: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
    cb();
  },
});

beforeAll(async () => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await fake.start();
  puente = await startTestServer(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-tests',
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: fake.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: fake.metadataUrl,
    },
    {
      sessions: stores.sessions,
      records: stores.records,
      log: pino({ level: 'info' }, sink),
      channels: { credentialsFactory: fake.credentialsFactory(APP_ID) },
      messages: { clock: () => now, limits: { perConversation: { limit: LIMIT, windowMs: 60_000 } } },
    },
  );
});
afterAll(async () => {
  await puente.close();
  await fake.close();
  consoleError.mockRestore();
});

const bearer = () => ({ authorization: `Bearer ${signToken(fake.keys[0]!, channelClaims(APP_ID, fake.serviceUrl))}` });

/** Posts a recorded activity of `chat` with a valid channel token; the replies go to the fake connector. */
async function send(chat: TeamsChat, name: string, overrides: Record<string, unknown> = {}): Promise<{ status: number; replies: string[] }> {
  const activity = chat.activity(name, { serviceUrl: fake.serviceUrl, deliveryMode: undefined, ...overrides });
  const { status } = await chat.raw(activity, bearer());
  const replies = fake.received.filter((r) => r.path.endsWith(`/activities/${activity.id as string}`)).map((r) => `${r.body.locale}|${r.body.text ?? ''}`);
  return { status, replies };
}

const say = (chat: TeamsChat, text: string) => send(chat, 'msteams-personal-message', { text });
const notices = () => logged.filter((l) => l.code === 'RATE_LIMIT_NOTICE');

describe('a turn refused by the per-conversation limit under Bot Framework authentication', () => {
  it('gets one short reply in the language of the conversation, once a minute, and changes nothing', async () => {
    // Teams says Spanish; the person picked English: the stored language wins.
    const chat = new TeamsChat(puente.url, 'es-MX', BOT_ID);
    expect((await send(chat, 'msteams-personal-conversationUpdate')).status).toBe(200);
    await say(chat, 'English');
    await say(chat, 'yes');
    await say(chat, 'in the US');
    const before = (await stores.sessions.load(chat.key))!.eTag;

    const first = await say(chat, 'no');
    expect(first.status).toBe(200);
    expect(first.replies).toEqual(['en-US|Please wait a moment, then send your answer again.']);
    expect(notices()).toHaveLength(1);
    expect(JSON.stringify(notices()[0])).not.toContain(chat.conversationId);

    // More refused turns in the same minute: no more messages.
    for (let i = 0; i < 5; i++) expect((await say(chat, 'no')).replies).toEqual([]);
    expect(notices()).toHaveLength(1);
    expect((await stores.sessions.load(chat.key))!.eTag).toBe(before);

    // A minute later the turn runs again; past the limit once more, one more notice.
    now += 60_000;
    for (let i = 0; i < LIMIT; i++) expect((await say(chat, 'help')).replies.length).toBeGreaterThan(0);
    expect((await say(chat, 'no')).replies).toEqual(['en-US|Please wait a moment, then send your answer again.']);
    expect(notices()).toHaveLength(2);
  });

  it('answers in the channel language when nothing is stored yet', async () => {
    now += 120_000;
    const chat = new TeamsChat(puente.url, 'es-MX', BOT_ID);
    await send(chat, 'msteams-personal-conversationUpdate');
    for (let i = 1; i < LIMIT; i++) await say(chat, 'help');
    await stores.sessions.delete(chat.key);
    expect((await say(chat, 'hola')).replies).toEqual(['es-US|Por favor, espere un momento y luego envíe su respuesta otra vez.']);
  });

  it('the limit of one conversation does not silence another', async () => {
    now += 120_000;
    const a = new TeamsChat(puente.url, 'en-US', BOT_ID);
    const b = new TeamsChat(puente.url, 'en-US', BOT_ID);
    await send(a, 'msteams-personal-conversationUpdate');
    for (let i = 1; i <= LIMIT; i++) await say(a, 'help');
    await send(b, 'msteams-personal-conversationUpdate');
    expect((await say(b, 'English')).replies.some((r) => r.includes('Please wait'))).toBe(false);
  });

  it('never refuses the removal of the app: the conversation is erased even past the limit', async () => {
    now += 120_000;
    const chat = new TeamsChat(puente.url, 'en-US', BOT_ID);
    await send(chat, 'msteams-personal-conversationUpdate');
    for (let i = 0; i < LIMIT + 2; i++) await say(chat, 'English');
    expect(await stores.sessions.load(chat.key)).not.toBeNull();
    const removed = await send(chat, 'msteams-personal-installationUpdate-remove');
    expect(removed.status).toBe(200);
    expect(removed.replies).toEqual([]);
    expect(await stores.sessions.load(chat.key)).toBeNull();
  });
});
