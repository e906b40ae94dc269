/** The adapter's outbound clients are built once per bot, address and audience, and only a bounded number is kept. */
import type { Activity } from 'botbuilder';
import { ReusedClientsAuthentication } from '../../src/channels/reusedClients';

const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'webchat', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' } }) as Activity;

async function clientFor(auth: ReusedClientsAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return { result, client: await result.connectorFactory!.create(serviceUrl, result.audience) };
}

describe('reused Bot Framework clients', () => {
  it('gives the same connector client to every turn for one address, another for another address', async () => {
    const auth = new ReusedClientsAuthentication({});
    const a1 = await clientFor(auth, 'https://a.example.org/');
    const a2 = await clientFor(auth, 'https://a.example.org/');
    const b = await clientFor(auth, 'https://b.example.org/');
    expect(a2.client).toBe(a1.client);
    expect(b.client).not.toBe(a1.client);
    expect(auth.kept.connectors).toBe(2);
  });

  it('keeps a bounded number of clients, the least recently used going first', async () => {
    const auth = new ReusedClientsAuthentication({}, undefined, 2);
    const a = await clientFor(auth, 'https://a.example.org/');
    await clientFor(auth, 'https://b.example.org/');
    await clientFor(auth, 'https://a.example.org/');
    await clientFor(auth, 'https://c.example.org/');
    expect(auth.kept.connectors).toBe(2);
    expect((await clientFor(auth, 'https://a.example.org/')).client).toBe(a.client);
    for (let i = 0; i < 50; i++) await clientFor(auth, `https://x${i}.example.org/`);
    expect(auth.kept.connectors).toBe(2);
  });

  it('gives the same user token client to every turn of one bot', async () => {
    const auth = new ReusedClientsAuthentication({});
    const { result } = await clientFor(auth, 'https://a.example.org/');
    const first = await auth.createUserTokenClient(result.claimsIdentity);
    expect(await auth.createUserTokenClient(result.claimsIdentity)).toBe(first);
    expect(auth.kept.tokenClients).toBe(1);
  });

  it('still refuses what botbuilder refuses (authentication is unchanged)', async () => {
    const auth = new ReusedClientsAuthentication({ MicrosoftAppId: 'bot-app-id', MicrosoftAppPassword: 'secret' });
    await expect(auth.authenticateRequest(activity('https://a.example.org/'), '')).rejects.toThrow();
    await expect(auth.authenticateRequest(activity('https://a.example.org/'), 'Bearer not-a-token')).rejects.toThrow();
  });
});
