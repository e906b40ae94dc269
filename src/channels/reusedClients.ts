/**
 * CloudAdapter builds a ConnectorClient and a UserTokenClient for every activity it receives (each an
 * Azure HTTP pipeline of a dozen policies), whether or not the turn sends anything through them; with
 * `expectReplies` it never does. Those clients carry nothing of a turn: only the bot's credentials
 * (which keep their own tokens) and an address. So they are built once and reused, per bot app id,
 * service URL and audience, as botbuilder's older BotFrameworkAdapter did. Their number is bounded
 * (least recently used first out), because the service URL comes from the request.
 *
 * Everything else (authenticating every request, claims, audiences) is botbuilder's, unchanged.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';

type Base = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Base['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Base['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Base['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Base['createUserTokenClient']>>;

/** Clients kept at most, of each kind. */
export const MAX_REUSED_CLIENTS = 64;

/** Claim types botbuilder reads the bot's app id from (AuthenticationConstants.AudienceClaim, AppIdClaim). */
const AUDIENCE_CLAIM = 'aud';
const APP_ID_CLAIM = 'appid';

/** The bot app id a request was made for, where botbuilder reads it: the audience claim, else the app id claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AUDIENCE_CLAIM) ?? identity.getClaimValue(APP_ID_CLAIM) ?? '';
}

class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string, make: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors: Lru<Promise<ConnectorClient>>;
  private readonly tokenClients: Lru<Promise<UserTokenClient>>;

  constructor(
    options: Partial<ConfigurationBotFrameworkAuthenticationOptions>,
    credentialsFactory?: ServiceClientCredentialsFactory,
    max = MAX_REUSED_CLIENTS,
  ) {
    super(options as ConfigurationBotFrameworkAuthenticationOptions, credentialsFactory);
    this.connectors = new Lru(max);
    this.tokenClients = new Lru(max);
  }

  /** Clients kept now (for tests). */
  get kept(): { connectors: number; tokenClients: number } {
    return { connectors: this.connectors.size, tokenClients: this.tokenClients.size };
  }

  private reusing(identity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const appId = appIdOf(identity);
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        const client = this.connectors.get(key, () => factory.create(serviceUrl, audience));
        client.catch(() => this.connectors.delete(key));
        return client;
      },
    };
  }

  private withReuse(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.claimsIdentity, result.connectorFactory) } : result;
  }

  override async authenticateRequest(...args: Parameters<Base['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    return this.withReuse(await super.authenticateRequest(...args));
  }

  override async authenticateStreamingRequest(...args: Parameters<Base['authenticateStreamingRequest']>): Promise<AuthenticateRequestResult> {
    return this.withReuse(await super.authenticateStreamingRequest(...args));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    const client = this.tokenClients.get(key, () => super.createUserTokenClient(claimsIdentity));
    client.catch(() => this.tokenClients.delete(key));
    return client;
  }
}
