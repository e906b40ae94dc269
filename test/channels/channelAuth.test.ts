/**
 * Bot Framework channel authentication over the real HTTP endpoint, with a local stand-in for Azure
 * Bot Service (signing keys, connector): with MicrosoftAppId set, only a valid channel token runs a
 * turn, and the replies then go to the channel's serviceUrl; everything else is a 401 that reaches no
 * handler, including when the signing keys cannot be fetched. The web chat keeps working.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningPuente } from '../../src/app';
import { tokenShape } from '../../src/channels/channelAuth';
import { channelClaims, FakeBotFramework, newSigningKey, signToken } from '../support/botFramework';
import { startTestServer } from '../support/harness';
import { memoryStores } from '../support/memoryStores';
import { cardsOf, TeamsChat, type TeamsActivity } from '../support/teams';

const APP_ID = randomUUID();
const BOT_ID = `28:${APP_ID}`;
const fake = new FakeBotFramework([newSigningKey(['msteams', 'webchat', 'directline']), newSigningKey(['webchat'])]);
const stores = memoryStores();
let puente: RunningPuente;

/** botbuilder prints refused tokens with console.error; the assertions below are about behaviour. */
let consoleError: jest.SpyInstance;

function envFor(metadataUrl: string): Record<string, string> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-by-tests',
    MicrosoftAppType: 'MultiTenant',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  };
}

beforeAll(async () => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await fake.start();
  puente = await startTestServer(envFor(fake.metadataUrl), {
    sessions: stores.sessions,
    records: stores.records,
    channels: { credentialsFactory: fake.credentialsFactory(APP_ID) },
  });
});
afterAll(async () => {
  await puente.close();
  await fake.close();
  consoleError.mockRestore();
});

/** A Teams personal chat whose activities carry the fake connector as serviceUrl, delivered normally. */
function chat(base = puente.url): TeamsChat {
  return new TeamsChat(base, 'es-MX', BOT_ID);
}

function teamsActivity(c: TeamsChat, name = 'msteams-personal-conversationUpdate', overrides: Record<string, unknown> = {}) {
  return c.activity(name, { serviceUrl: fake.serviceUrl, deliveryMode: undefined, ...overrides });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const validToken = (claims: Record<string, unknown> = {}, key = fake.keys[0]!) => signToken(key, channelClaims(APP_ID, fake.serviceUrl, claims));

/** Posts and checks that nothing happened behind the 401: no session, no reply sent anywhere. */
async function expectRefused(c: TeamsChat, activity: Record<string, unknown>, headers: Record<string, string>): Promise<void> {
  const before = fake.received.length;
  const { status, body } = await c.raw(activity, headers);
  expect(status).toBe(401);
  expect(body).toEqual({ error: 'unauthorized' });
  expect(fake.received.length).toBe(before);
  expect(await stores.sessions.load(c.key)).toBeNull();
}

describe('with an app id configured', () => {
  it('accepts a valid channel token and sends the replies to the channel serviceUrl', async () => {
    const c = chat();
    const activity = teamsActivity(c);
    const { status } = await c.raw(activity, bearer(validToken()));
    expect(status).toBe(200);
    const replies = fake.received.filter((r) => r.path.startsWith(`/v3/conversations/${c.conversationId}/`));
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const r of replies) {
      expect(r.path).toBe(`/v3/conversations/${c.conversationId}/activities/${activity.id as string}`);
      expect(r.authorization).toBe(`Bearer ${fake.outgoingToken}`);
      expect(r.body.locale).toBe('es-US');
      expect(r.body.replyToId).toBe(activity.id);
    }
    const question = replies.find((r) => r.body.channelData?.question === 'language')!;
    expect(cardsOf([question.body as TeamsActivity])[0]).toMatchObject({ type: 'AdaptiveCard', lang: 'es' });
    expect(await stores.sessions.load(c.key)).not.toBeNull();
  });

  it('continues the conversation with a card submit through the authenticated path', async () => {
    const c = chat();
    expect((await c.raw(teamsActivity(c), bearer(validToken()))).status).toBe(200);
    const submit = teamsActivity(c, 'msteams-card-submit');
    expect((await c.raw(submit, bearer(validToken()))).status).toBe(200);
    const last = fake.received.filter((r) => r.path.endsWith(`/activities/${submit.id as string}`));
    expect(last.some((r) => r.body.channelData?.question === 'consent')).toBe(true);
  });

  it('still answers expectReplies requests in the response body', async () => {
    const c = chat();
    const before = fake.received.length;
    const { status, body } = await c.raw(teamsActivity(c, 'msteams-personal-conversationUpdate', { deliveryMode: 'expectReplies' }), bearer(validToken()));
    expect(status).toBe(200);
    expect((body as { activities: unknown[] }).activities.length).toBeGreaterThanOrEqual(2);
    expect(fake.received.length).toBe(before);
  });

  it('refuses a request without a token', async () => {
    const c = chat();
    await expectRefused(c, teamsActivity(c), {});
  });

  it('refuses a garbage or malformed token', async () => {
    const c = chat();
    for (const header of ['Bearer garbage', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', validToken(), `Bearer ${'x'.repeat(9000)}`]) {
      await expectRefused(c, teamsActivity(c), { authorization: header });
    }
  });

  it('refuses an expired token signed with a valid key', async () => {
    const c = chat();
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(c, teamsActivity(c), bearer(validToken({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })));
  });

  it('refuses a token for another bot, from another issuer, or for another serviceUrl', async () => {
    const c = chat();
    await expectRefused(c, teamsActivity(c), bearer(validToken({ aud: randomUUID() })));
    await expectRefused(c, teamsActivity(c), bearer(validToken({ iss: 'https://attacker.example' })));
    // the serviceurl claim binds the token to where replies may go
    await expectRefused(c, teamsActivity(c, 'msteams-personal-conversationUpdate', { serviceUrl: 'http://127.0.0.1:9/connector/' }), bearer(validToken()));
  });

  it('refuses a token signed with a key that is not published, or that claims a published key id', async () => {
    const c = chat();
    const stranger = newSigningKey();
    await expectRefused(c, teamsActivity(c), bearer(signToken(stranger, channelClaims(APP_ID, fake.serviceUrl))));
    const impostor = { ...stranger, kid: fake.keys[0]!.kid };
    await expectRefused(c, teamsActivity(c), bearer(signToken(impostor, channelClaims(APP_ID, fake.serviceUrl))));
  });

  it('refuses a key that is not endorsed for the channel', async () => {
    const c = chat();
    await expectRefused(c, teamsActivity(c), bearer(validToken({}, fake.keys[1]!)));
  });

  it('refuses unsigned and HMAC tokens before looking for keys', async () => {
    const c = chat();
    const claims = Buffer.from(JSON.stringify(channelClaims(APP_ID, fake.serviceUrl))).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: fake.keys[0]!.kid })).toString('base64url')}.${claims}.`;
    await expectRefused(c, teamsActivity(c), { authorization: `Bearer ${none}` });
    await expectRefused(c, teamsActivity(c), bearer(signToken(fake.keys[0]!, channelClaims(APP_ID, fake.serviceUrl), { alg: 'HS256' })));
  });

  it('keeps serving the web chat page and its API', async () => {
    const page = await fetch(`${puente.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const session = await fetch(`${puente.url}/api/webchat/session`, { method: 'POST' });
    expect(session.status).toBe(200);
    const { token } = (await session.json()) as { token: string };
    const res = await fetch(`${puente.url}/api/webchat/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'conversationUpdate', locale: 'en-US' }),
    });
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: { channelData?: { question?: string } }[] };
    expect(activities.some((a) => a.channelData?.question === 'language')).toBe(true);
    expect((await fetch(`${puente.url}/healthz`)).status).toBe(200);
  });
});

describe('when the signing keys cannot be fetched', () => {
  it('answers 401 when the metadata endpoint refuses connections', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const p = await startTestServer(envFor(`http://127.0.0.1:${port}/.well-known/openidconfiguration`), {
      sessions: stores.sessions,
      records: stores.records,
      channels: { credentialsFactory: fake.credentialsFactory(APP_ID) },
    });
    try {
      const c = chat(p.url);
      await expectRefused(c, teamsActivity(c), bearer(validToken()));
    } finally {
      await p.close();
    }
  });

  it('answers 401 when the metadata endpoint never answers, after the time limit', async () => {
    const silent = await new FakeBotFramework(fake.keys).start();
    silent.hangMetadata = true;
    const p = await startTestServer(envFor(silent.metadataUrl), {
      sessions: stores.sessions,
      records: stores.records,
      channels: { credentialsFactory: fake.credentialsFactory(APP_ID), authTimeoutMs: 300 },
    });
    try {
      const c = chat(p.url);
      await expectRefused(c, teamsActivity(c), bearer(validToken()));
      expect(silent.metadataRequests).toBeGreaterThanOrEqual(1);
    } finally {
      await p.close();
      await silent.close();
    }
  });
});

describe('other app types', () => {
  it.each([
    ['SingleTenant', { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: randomUUID(), MicrosoftAppPassword: 'secret' }],
    ['UserAssignedMSI', { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: randomUUID() }],
  ])('%s starts and refuses a request without a token', async (_type, env) => {
    const p = await startTestServer({ MicrosoftAppId: APP_ID, ...env }, { sessions: stores.sessions, records: stores.records });
    try {
      const c = chat(p.url);
      await expectRefused(c, teamsActivity(c), {});
    } finally {
      await p.close();
    }
  });
});

describe('token shape', () => {
  it('tells a missing header from a malformed one, and passes a well-formed RS256 token', () => {
    expect(tokenShape(undefined)).toBe('missing');
    expect(tokenShape('  ')).toBe('missing');
    expect(tokenShape('Bearer abc')).toBe('malformed');
    expect(tokenShape(`Bearer ${validToken()}`)).toBe('ok');
    expect(tokenShape(`bearer ${validToken()}`)).toBe('malformed');
  });
});
