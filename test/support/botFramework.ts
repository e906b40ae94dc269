/**
 * A stand-in for the parts of Azure Bot Service a test cannot reach, all on a loopback port:
 * - the OpenID configuration and signing keys (JWKS) of Bot Framework channel tokens, with
 *   per-key channel endorsements as the real ones have;
 * - tokens signed with our own RSA keys (node:crypto; RS256);
 * - a channel connector that receives the bot's replies (POST /v3/conversations/{id}/activities/…).
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PasswordServiceClientCredentialFactory, TokenCredentials, type ServiceClientCredentials } from 'botframework-connector';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Channel ids this key may sign for (Bot Framework's "endorsements"). */
  endorsements: string[];
}

export function newSigningKey(endorsements: string[] = ['msteams', 'webchat', 'directline', 'emulator']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `test-${randomUUID()}`, privateKey, publicKey, endorsements };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS signed with RS256 (or whatever `alg` says, for refusals), as Bot Framework sends. */
export function signToken(key: SigningKey, claims: Record<string, unknown>, jose: Record<string, unknown> = {}): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...jose });
  const body = b64url(claims);
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** The claims of a Bot Framework channel token for `appId`, valid for an hour from now. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

export interface ReceivedActivity {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> & { type?: string; text?: string; locale?: string; attachments?: unknown[]; channelData?: Record<string, unknown> };
}

/**
 * The fake Bot Framework: OpenID metadata + JWKS under /openid, a connector under /connector.
 * `hangMetadata` makes the metadata endpoint accept connections and never answer.
 */
export class FakeBotFramework {
  readonly keys: SigningKey[] = [];
  readonly received: ReceivedActivity[] = [];
  /** The bearer token the bot must present on outgoing calls. */
  readonly outgoingToken = randomBytes(24).toString('base64url');
  metadataRequests = 0;
  hangMetadata = false;
  private server?: http.Server;
  private base = '';

  constructor(keys: SigningKey[] = [newSigningKey()]) {
    this.keys.push(...keys);
  }

  get metadataUrl(): string {
    return `${this.base}/openid/.well-known/openidconfiguration`;
  }

  get serviceUrl(): string {
    return `${this.base}/connector/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A credentials factory for the bot: botbuilder's app id checks, our token on outgoing calls. */
  credentialsFactory(appId: string): PasswordServiceClientCredentialFactory {
    const token = this.outgoingToken;
    return new (class extends PasswordServiceClientCredentialFactory {
      override async createCredentials(requestedAppId: string): Promise<ServiceClientCredentials> {
        if (!(await this.isValidAppId(requestedAppId))) throw new Error('Invalid appId.');
        return new TokenCredentials(token);
      }
    })(appId, 'test-password-never-sent');
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/openid/.well-known/openidconfiguration') {
      this.metadataRequests++;
      if (this.hangMetadata) return; // never answered; closed by close()
      return json(res, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.example/',
        jwks_uri: `${this.base}/openid/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && url === '/openid/.well-known/keys') {
      return json(res, 200, {
        keys: this.keys.map((k) => {
          const jwk = k.publicKey.export({ format: 'jwk' });
          return { kty: 'RSA', use: 'sig', kid: k.kid, n: jwk.n, e: jwk.e, endorsements: k.endorsements };
        }),
      });
    }
    if (req.method === 'POST' && url.startsWith('/connector/v3/conversations/')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          path: decodeURIComponent(url.slice('/connector'.length)),
          authorization: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedActivity['body'],
        });
        json(res, 200, { id: `reply-${this.received.length}` });
      });
      return;
    }
    json(res, 404, { error: 'not found' });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
